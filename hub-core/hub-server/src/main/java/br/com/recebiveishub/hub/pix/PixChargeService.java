package br.com.recebiveishub.hub.pix;

import br.com.recebiveishub.hub.audit.AccessLog;
import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.audit.PluginDataShareLog;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.InstantPaymentProvider.ChargeSpec;
import br.com.recebiveishub.sdk.InstantPaymentProvider.InstantCharge;
import br.com.recebiveishub.sdk.InstantPaymentProvider.PspAccount;
import br.com.recebiveishub.sdk.InstantPaymentProvider.ReceivedPayment;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pix charges (immediate cob) for open receivables, and their re-check at the PSP: the pix
 * capability's public API.
 *
 * <p>The charge row is written (UNKNOWN) before the PSP is called, with its idempotency key
 * {@code pix:<tenant>:<receivable>:<attempt>} from which the plugin derives the txid; the answer
 * then makes it PENDING, FAILED (refused, with the PSP's reason) or leaves it UNKNOWN (timeout,
 * 5xx). A repeat of an UNKNOWN charge repeats the same call with the same key, so the PSP never
 * holds two cobs for one attempt. No lock or transaction is held while the PSP is called.
 */
@Service
public class PixChargeService {

    private static final Logger log = LoggerFactory.getLogger(PixChargeService.class);
    /** failure_reason prefix of a charge whose create was unknown and whose cob the PSP does not have: its key may be retried. */
    static final String NOT_CREATED = "NOT_CREATED";

    /** A Pix charge as the API shows it. */
    public record PixChargeView(long id, long receivableId, String status, String txid, String location, String pixCode,
                                BigDecimal amount, LocalDate dueDate, String failureReason, boolean created) {
    }

    /**
     * A due-date charge (API Pix cobv) instead of an immediate one.
     *
     * @param dueDate             the cobv's dataDeVencimento, today or later (America/Sao_Paulo)
     * @param daysPayableAfterDue validadeAposVencimento, 0 to 3650, default 30
     * @param discountUntil       with {@code discountAmount}: a fixed discount (BRL) for payment up to that date (modalidade 1)
     */
    public record DueDateTerms(LocalDate dueDate, Integer daysPayableAfterDue, LocalDate discountUntil, BigDecimal discountAmount) {
    }

    /** What one re-check did. */
    public record CheckResult(long chargeId, String statusBefore, String statusAfter, int settled) {
    }

    private final PixAccounts accounts;
    private final PixSettlement settlement;
    private final TenantService tenants;
    private final PluginDataShareLog shares;
    private final JdbcTemplate jdbc;
    private final BulkAudit audit;
    private final TransactionTemplate tx;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final java.time.ZoneId zone;

    public PixChargeService(PixAccounts accounts, PixSettlement settlement, TenantService tenants, PluginDataShareLog shares,
                            JdbcTemplate jdbc, BulkAudit audit, TransactionTemplate tx,
                            @Value("${hub.pix.janitor.base-delay:PT30S}") Duration baseDelay,
                            @Value("${hub.pix.janitor.max-delay:PT1H}") Duration maxDelay,
                            br.com.recebiveishub.hub.platform.HubProperties props) {
        this.accounts = accounts;
        this.settlement = settlement;
        this.tenants = tenants;
        this.shares = shares;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.zone = props.zoneId();
    }

    private record Prepared(long chargeId, String key, BigDecimal amount, String document, String name, boolean existing,
                            String status) {
    }

    /**
     * Issues (or returns the live) Pix charge of an open receivable.
     *
     * @param expiresInSeconds life of the cob, null for 24 h
     * @throws NoSuchElementException (404) no such receivable
     * @throws IllegalStateException  (409) receivable not open, no Pix account, plugin not started
     */
    public PixChargeView issue(String tenantId, long receivableId, Integer expiresInSeconds) {
        return issue(tenantId, receivableId, expiresInSeconds, null);
    }

    /**
     * Issues (or returns the live) Pix charge of an open receivable: an immediate cob, or with
     * {@code terms} a cobv with the fine and interest of the tenant's bank account (its first active
     * one with either set; the same percentages the boleto prints) and the discount given.
     */
    public PixChargeView issue(String tenantId, long receivableId, Integer expiresInSeconds, DueDateTerms terms) {
        tenants.require(tenantId);
        if (expiresInSeconds != null && (expiresInSeconds < 60 || expiresInSeconds > 30 * 86400)) {
            throw new IllegalArgumentException("expiresInSeconds: between 60 and 2592000");
        }
        if (terms != null) {
            checkTerms(terms);
            if (expiresInSeconds != null) {
                throw new IllegalArgumentException("expiresInSeconds: only for an immediate charge; a charge with dueDate is payable "
                        + "until daysPayableAfterDue after it");
            }
        }
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "pix charge", "plugin:" + PixAccounts.PLUGIN_ID)) {
            PspAccount account = accounts.account(tenantId);
            InstantPaymentProvider provider = accounts.provider();
            Prepared p = tx.execute(st -> prepare(tenantId, receivableId, terms));
            if (p.existing() && !p.status().equals("UNKNOWN")) {
                return view(tenantId, p.chargeId(), false);
            }
            // The PSP receives the debtor's document and name (shown by the payer's bank app): the LGPD sharing report lists it.
            Long customerId = jdbc.queryForObject("select customer_id from receivable where tenant_id = ? and id = ?", Long.class,
                    tenantId, receivableId);
            shares.record(tenantId, PixAccounts.PLUGIN_ID, AccessLog.CUSTOMER, String.valueOf(customerId), List.of("documento", "nome"),
                    "pix charge");
            ChargeSpec spec = terms == null
                    ? new ChargeSpec(p.key(), p.amount(), null, expiresInSeconds == null ? 86400 : expiresInSeconds, 0,
                            p.document(), p.name(), null, null, null, null, null, null)
                    : dueDateSpec(tenantId, p, terms);
            create(tenantId, p.chargeId(), provider, account, spec);
            return view(tenantId, p.chargeId(), !p.existing());
        }
    }

    /** Modalities of API Pix cobv (CobVValor): multa 2 = percentage; juros 3 = percentage a month, calendar days; desconto 1 = fixed value up to a date. */
    static final int MULTA_PERCENTUAL = 2;
    static final int JUROS_PERCENTUAL_AO_MES = 3;
    static final int DESCONTO_VALOR_FIXO_ATE_DATA = 1;

    private void checkTerms(DueDateTerms t) {
        if (t.dueDate() == null) {
            throw new IllegalArgumentException("dueDate: required for a charge with due date");
        }
        if (t.dueDate().isBefore(LocalDate.now(zone))) {
            throw new IllegalArgumentException("dueDate: " + t.dueDate() + " is in the past (America/Sao_Paulo)");
        }
        if (t.daysPayableAfterDue() != null && (t.daysPayableAfterDue() < 0 || t.daysPayableAfterDue() > 3650)) {
            throw new IllegalArgumentException("daysPayableAfterDue: between 0 and 3650");
        }
        if ((t.discountUntil() == null) != (t.discountAmount() == null)) {
            throw new IllegalArgumentException("discount: give both until and amount, or neither");
        }
        if (t.discountUntil() != null) {
            if (t.discountUntil().isAfter(t.dueDate())) {
                throw new IllegalArgumentException("discount.until: after dueDate (a discount is for paying early)");
            }
            if (t.discountAmount().signum() <= 0 || t.discountAmount().stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("discount.amount: positive, at most 2 decimal places (BRL cents)");
            }
        }
    }

    private ChargeSpec dueDateSpec(String tenantId, Prepared p, DueDateTerms t) {
        List<Map<String, Object>> acc = jdbc.queryForList("""
                select fine_percent, monthly_interest_percent from bank_account
                 where tenant_id = ? and active and (fine_percent is not null or monthly_interest_percent is not null)
                 order by id limit 1""", tenantId);
        BigDecimal fine = acc.isEmpty() ? null : (BigDecimal) acc.get(0).get("fine_percent");
        BigDecimal interest = acc.isEmpty() ? null : (BigDecimal) acc.get(0).get("monthly_interest_percent");
        return new ChargeSpec(p.key(), p.amount(), t.dueDate(), 0, t.daysPayableAfterDue() == null ? 30 : t.daysPayableAfterDue(),
                p.document(), p.name(),
                fine == null || fine.signum() == 0 ? null : new InstantPaymentProvider.Adjustment(MULTA_PERCENTUAL, fine.setScale(2)),
                interest == null || interest.signum() == 0 ? null
                        : new InstantPaymentProvider.Adjustment(JUROS_PERCENTUAL_AO_MES, interest.setScale(2)),
                t.discountAmount() == null ? null : DESCONTO_VALOR_FIXO_ATE_DATA,
                t.discountAmount() == null ? List.of()
                        : List.of(new InstantPaymentProvider.DatedDiscount(t.discountUntil(), t.discountAmount().setScale(2))),
                null, null);
    }

    /**
     * Checks the request against the receivable and returns the charge to create: the live one, or a
     * new row (UNKNOWN) written only after every check passed, so a refused request leaves nothing.
     */
    private Prepared prepare(String tenantId, long receivableId, DueDateTerms terms) {
        LocalDate dueDate = terms == null ? null : terms.dueDate();
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select r.status, r.open_balance, r.due_date, c.documento, c.nome
                  from receivable r join customer c on c.id = r.customer_id
                 where r.tenant_id = ? and r.id = ? for update of r""", tenantId, receivableId);
        if (rows.isEmpty()) {
            throw new NoSuchElementException("receivable " + receivableId + " not found");
        }
        Map<String, Object> r = rows.get(0);
        String status = (String) r.get("status");
        if (!status.equals("OPEN") && !status.equals("PARTIALLY_PAID")) {
            throw new IllegalStateException("receivable " + receivableId + " is " + status + ": only an open receivable can be charged");
        }
        BigDecimal amount = ((BigDecimal) r.get("open_balance")).setScale(2);
        if (terms != null && terms.discountAmount() != null && terms.discountAmount().compareTo(amount) >= 0) {
            throw new IllegalArgumentException("discount.amount: must be less than the charge's amount " + amount);
        }
        String document = (String) r.get("documento");
        String name = (String) r.get("nome");
        List<Map<String, Object>> live = jdbc.queryForList("""
                select id, status, idempotency_key, failure_reason, pix_with_due_date, due_date from charge
                 where tenant_id = ? and receivable_id = ? and method = 'PIX' order by id desc limit 1""", tenantId, receivableId);
        if (!live.isEmpty()) {
            Map<String, Object> c = live.get(0);
            long id = ((Number) c.get("id")).longValue();
            String cs = (String) c.get("status");
            String reason = (String) c.get("failure_reason");
            boolean unknownCreate = cs.equals("UNKNOWN") || (cs.equals("FAILED") && reason != null && reason.startsWith(NOT_CREATED));
            if (unknownCreate) {
                // Repeating an unknown create must send the same request under the same key: a cob where a cobv may exist
                // (or another due date) would be a second, different charge at the PSP under one txid.
                boolean withDue = Boolean.TRUE.equals(c.get("pix_with_due_date"));
                LocalDate storedDue = c.get("due_date") == null ? null : ((java.sql.Date) c.get("due_date")).toLocalDate();
                if (withDue != (dueDate != null) || (withDue && !dueDate.equals(storedDue))) {
                    throw new IllegalStateException("receivable " + receivableId + " has Pix charge " + id + " ("
                            + (withDue ? "with due date " + storedDue : "immediate") + ") whose creation at the PSP is not known yet: "
                            + "repeat that request, or wait for the janitor to settle it, before asking for another kind");
                }
            }
            if (cs.equals("PENDING") || cs.equals("UNKNOWN")) {
                return new Prepared(id, (String) c.get("idempotency_key"), amount, document, name, true, cs);
            }
            if (cs.equals("FAILED") && reason != null && reason.startsWith(NOT_CREATED)) {
                // The PSP never created it: the same key may be tried again (the same txid, still one cob at most).
                jdbc.update("update charge set status = 'UNKNOWN', failure_reason = null, version = version + 1 where id = ?", id);
                audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(id));
                return new Prepared(id, (String) c.get("idempotency_key"), amount, document, name, true, "UNKNOWN");
            }
        }
        Integer attempts = jdbc.queryForObject("select count(*) from charge where tenant_id = ? and receivable_id = ? and method = 'PIX'",
                Integer.class, tenantId, receivableId);
        String key = "pix:" + tenantId + ":" + receivableId + ":" + (attempts + 1);
        Long id = jdbc.queryForObject("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, amount, due_date, status, idempotency_key,
                       pix_with_due_date)
                values (?, ?, 'PIX', ?, ?, ?, 'UNKNOWN', ?, ?) returning id""", Long.class, tenantId, receivableId, PixAccounts.PLUGIN_ID,
                amount, dueDate != null ? dueDate : r.get("due_date"), key, dueDate != null);
        audit.record("charge", audit.newRevision(), BulkAudit.RevType.ADD, List.of(id));
        return new Prepared(id, key, amount, document, name, false, "UNKNOWN");
    }

    /** Calls the PSP (outside any transaction) and records the outcome. */
    private void create(String tenantId, long chargeId, InstantPaymentProvider provider, PspAccount account, ChargeSpec spec) {
        try {
            InstantCharge c = provider.createCharge(account, spec);
            tx.executeWithoutResult(st -> {
                // a Pix settled meanwhile (webhook or janitor) keeps the charge PAID
                int n = jdbc.update("""
                        update charge set status = case when status = 'UNKNOWN' then 'PENDING' else status end, pix_txid = ?,
                               pix_location = ?, pix_code = ?, next_check_at = case when status = 'UNKNOWN' then ? else next_check_at end,
                               pix_expires_at = ?, check_attempts = 0, version = version + 1
                         where tenant_id = ? and id = ?""", c.chargeId(), c.location(), c.code(), Timestamp.from(Instant.now().plus(baseDelay)),
                        expiresAt(c, spec), tenantId, chargeId);
                if (n > 0) {
                    audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(chargeId));
                }
            });
            log.info("tenant {}: Pix charge {} created at the PSP ({})", tenantId, chargeId, spec.amount());
        } catch (RefusedException e) {
            String reason = cut((e.reason() == null ? "Refused" : e.reason()) + " (" + e.status() + "): " + e.getMessage(), 500);
            tx.executeWithoutResult(st -> {
                int n = jdbc.update("update charge set status = 'FAILED', failure_reason = ?, next_check_at = null, version = version + 1 "
                        + "where tenant_id = ? and id = ? and status = 'UNKNOWN'", reason, tenantId, chargeId);
                if (n > 0) {
                    audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(chargeId));
                }
            });
            log.warn("tenant {}: Pix charge {} refused by the PSP: {} ({})", tenantId, chargeId, e.reason(), e.status());
        } catch (UnknownOutcomeException e) {
            tx.executeWithoutResult(st -> {
                int n = jdbc.update("update charge set pix_txid = coalesce(?, pix_txid), next_check_at = ?, "
                                + "check_attempts = 0, version = version + 1 where tenant_id = ? and id = ? and status = 'UNKNOWN'",
                        e.idempotencyKey(), Timestamp.from(Instant.now().plus(baseDelay)), tenantId, chargeId);
                if (n > 0) {
                    audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(chargeId));
                }
            });
            log.warn("tenant {}: Pix charge {}: outcome unknown at the PSP, kept UNKNOWN for the janitor", tenantId, chargeId);
        } catch (RuntimeException e) {
            // The plugin failed before sending anything (its settings cannot be used: a keystore that does not load, a missing
            // password): nothing exists at the PSP, so the charge is FAILED, not UNKNOWN. The reason names no path.
            String reason = "NaoEnviado: the tenant's pay-pix settings cannot be used (" + e.getClass().getSimpleName()
                    + "): check keystore, truststore and their passwords";
            tx.executeWithoutResult(st -> {
                int n = jdbc.update("update charge set status = 'FAILED', failure_reason = ?, next_check_at = null, version = version + 1 "
                        + "where tenant_id = ? and id = ? and status = 'UNKNOWN'", reason, tenantId, chargeId);
                if (n > 0) {
                    audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(chargeId));
                }
            });
            log.warn("tenant {}: Pix charge {} not sent: the plugin could not use the settings ({})", tenantId, chargeId,
                    e.getClass().getSimpleName());
            throw new IllegalStateException("Pix charge " + chargeId + " not sent: " + reason);
        }
    }

    /**
     * Reads one PENDING or UNKNOWN Pix charge back at the PSP: settles the Pix it lists (as the
     * webhook does), makes an UNKNOWN charge PENDING when the cob exists or FAILED ({@link #NOT_CREATED})
     * when it does not, and otherwise schedules the next check with exponential backoff.
     * Runs in an audit scope of the tenant.
     */
    public CheckResult check(String tenantId, long chargeId) {
        Map<String, Object> c = jdbc.queryForList("select status, pix_txid, check_attempts, pix_with_due_date, pix_expires_at from charge "
                + "where tenant_id = ? and id = ? and method = 'PIX'", tenantId, chargeId).stream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("Pix charge " + chargeId + " not found"));
        String before = (String) c.get("status");
        String txid = (String) c.get("pix_txid");
        int attempts = ((Number) c.get("check_attempts")).intValue();
        boolean withDueDate = Boolean.TRUE.equals(c.get("pix_with_due_date"));
        Timestamp expiresAt = (Timestamp) c.get("pix_expires_at");
        if (before.equals("REMOVAL_REQUESTED")) {
            return remove(tenantId, chargeId, txid, withDueDate, attempts);
        }
        if (!before.equals("PENDING") && !before.equals("UNKNOWN")) {
            return new CheckResult(chargeId, before, before, 0);
        }
        if (txid == null) {
            // The hub stopped before the PSP answered and no txid was learned: left for a repeat of the create (POST charges/pix).
            backoff(tenantId, chargeId, attempts);
            return new CheckResult(chargeId, before, before, 0);
        }
        InstantCharge found;
        try {
            found = accounts.provider().readCharge(accounts.account(tenantId), txid, withDueDate);
        } catch (RefusedException e) {
            if (e.status() == 404 && before.equals("UNKNOWN")) {
                setStatus(tenantId, chargeId, "FAILED", cut(NOT_CREATED + ": the PSP has no cob for this charge after an unknown "
                        + "create; a new charge request repeats it with the same idempotency key", 500));
                return new CheckResult(chargeId, before, "FAILED", 0);
            }
            log.warn("tenant {}: Pix charge {} re-check refused: {} ({})", tenantId, chargeId, e.reason(), e.status());
            backoff(tenantId, chargeId, attempts);
            return new CheckResult(chargeId, before, before, 0);
        } catch (UnknownOutcomeException | IllegalStateException e) {
            backoff(tenantId, chargeId, attempts);
            return new CheckResult(chargeId, before, before, 0);
        }
        int settled = settleListed(tenantId, txid, found);
        String now = jdbc.queryForObject("select status from charge where tenant_id = ? and id = ?", String.class, tenantId, chargeId);
        if (now.equals("UNKNOWN") || (now.equals("PENDING") && found.status().startsWith("REMOVIDA"))) {
            if (found.status().startsWith("REMOVIDA")) {
                setStatus(tenantId, chargeId, "FAILED", cut(found.status() + ": the cob was removed at the PSP", 500));
                now = "FAILED";
            } else {
                tx.executeWithoutResult(st -> {
                    int n = jdbc.update("update charge set status = 'PENDING', pix_location = ?, pix_code = ?, version = version + 1 "
                            + "where tenant_id = ? and id = ? and status = 'UNKNOWN'", found.location(), found.code(), tenantId, chargeId);
                    if (n > 0) {
                        audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(chargeId));
                    }
                });
                now = "PENDING";
            }
        }
        now = jdbc.queryForObject("select status from charge where tenant_id = ? and id = ?", String.class, tenantId, chargeId);
        if (now.equals("PENDING") && expiresAt != null && found.payments().isEmpty() && !Instant.now().isBefore(expiresAt.toInstant())) {
            // Past calendario.expiracao the PSP no longer accepts payment of the cob; it is not polled any more. A Pix
            // the PSP still reports later (webhook) is settled all the same: settlement does not look at this status.
            setStatus(tenantId, chargeId, "EXPIRED", "expired at " + expiresAt.toInstant() + " without payment");
            now = "EXPIRED";
        }
        if (now.equals("PENDING")) {
            backoff(tenantId, chargeId, attempts);
        }
        return new CheckResult(chargeId, before, now, settled);
    }

    /**
     * Removes at the PSP the cob of a receivable settled another way (REMOVAL_REQUESTED, set by the
     * boleto's settlement). Removed → CANCELLED. The PSP refused because the cob was paid meanwhile →
     * its Pix are settled (the receivable is already paid: each becomes an unallocated payment with a
     * RECEIVABLE_NOT_OPEN exception, never lost) and the charge is PAID. No cob at the PSP (an unknown
     * create that never happened) → CANCELLED with NOT_CREATED. Nothing sent, no answer, or a PSP
     * error → stays REMOVAL_REQUESTED with backoff: the removal is repeated, never dropped.
     */
    private CheckResult remove(String tenantId, long chargeId, String txid, boolean withDueDate, int attempts) {
        String before = "REMOVAL_REQUESTED";
        if (txid == null) {
            // the create was interrupted by a crash before any answer: no txid to remove (docs/payments.md, Known limits)
            backoff(tenantId, chargeId, attempts);
            return new CheckResult(chargeId, before, before, 0);
        }
        InstantCharge found;
        try {
            InstantPaymentProvider provider = accounts.provider();
            PspAccount account = accounts.account(tenantId);
            try {
                found = provider.removeCharge(account, txid, withDueDate);
            } catch (RefusedException e) {
                if (e.status() == 0) {
                    throw e; // nothing reached the PSP (no connection, or a provider without removal): try again later
                }
                log.info("tenant {}: Pix charge {}: removal refused by the PSP ({} {}), reading it", tenantId, chargeId, e.reason(),
                        e.status());
                try {
                    found = provider.readCharge(account, txid, withDueDate);
                } catch (RefusedException r) {
                    if (r.status() == 404) {
                        transition(tenantId, chargeId, before, "CANCELLED", NOT_CREATED + ": the PSP has no cob for this charge; "
                                + "nothing to remove");
                        return new CheckResult(chargeId, before, "CANCELLED", 0);
                    }
                    throw r;
                }
            }
        } catch (RefusedException | UnknownOutcomeException | IllegalStateException e) {
            log.warn("tenant {}: Pix charge {}: removal at the PSP not confirmed ({}), repeated later", tenantId, chargeId,
                    e.getClass().getSimpleName());
            backoff(tenantId, chargeId, attempts);
            return new CheckResult(chargeId, before, before, 0);
        }
        int settled = settleListed(tenantId, txid, found);
        String now = jdbc.queryForObject("select status from charge where tenant_id = ? and id = ?", String.class, tenantId, chargeId);
        if (now.equals(before)) {
            if (found.status().startsWith("REMOVIDA")) {
                transition(tenantId, chargeId, before, "CANCELLED", null);
                now = "CANCELLED";
                log.info("tenant {}: Pix charge {} removed at the PSP ({})", tenantId, chargeId, found.status());
            } else {
                backoff(tenantId, chargeId, attempts);
            }
        }
        return new CheckResult(chargeId, before, now, settled);
    }

    /** Settles the Pix a cob read back from the PSP lists (the PSP's answer, never a notification); @return how many were new. */
    private int settleListed(String tenantId, String txid, InstantCharge found) {
        int settled = 0;
        for (ReceivedPayment p : found.payments()) {
            if (p.chargeId() == null) {
                p = new ReceivedPayment(p.endToEndId(), txid, p.amount(), p.paidAt(), p.refunds());
            }
            if (settlement.settle(tenantId, p, "POLL") != PixSettlement.Outcome.DUPLICATE) {
                settled++;
            }
        }
        return settled;
    }

    private void transition(String tenantId, long chargeId, String from, String to, String reason) {
        tx.executeWithoutResult(st -> {
            int n = jdbc.update("update charge set status = ?, failure_reason = ?, next_check_at = null, version = version + 1 "
                    + "where tenant_id = ? and id = ? and status = ?", to, reason == null ? null : cut(reason, 500), tenantId, chargeId, from);
            if (n > 0) {
                audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(chargeId));
            }
        });
    }

    /** End of an immediate cob's life as the PSP counts it (its creation + expiracao); null for a due-date charge. */
    private static Timestamp expiresAt(InstantCharge c, ChargeSpec spec) {
        if (spec.dueDate() != null) {
            return null;
        }
        Instant created = c.createdAt() == null ? Instant.now() : c.createdAt();
        return Timestamp.from(created.plusSeconds(spec.expiresInSeconds() > 0 ? spec.expiresInSeconds() : 86400));
    }

    private void setStatus(String tenantId, long chargeId, String status, String reason) {
        tx.executeWithoutResult(st -> {
            // only from a state the check saw: a Pix settled meanwhile keeps the charge PAID
            int n = jdbc.update("update charge set status = ?, failure_reason = ?, next_check_at = null, version = version + 1 "
                    + "where tenant_id = ? and id = ? and status in ('PENDING', 'UNKNOWN')", status, reason, tenantId, chargeId);
            if (n > 0) {
                audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(chargeId));
            }
        });
    }

    /** next_check_at = now + min(base × 2^attempts, max); the schedule is not audited (it is no business state). */
    private void backoff(String tenantId, long chargeId, int attempts) {
        Duration d = baseDelay.multipliedBy(1L << Math.min(attempts, 20));
        if (d.compareTo(maxDelay) > 0) {
            d = maxDelay;
        }
        // an immediate cob is looked at again right after it expires, whatever the backoff, to be marked EXPIRED then
        jdbc.update("update charge set next_check_at = case when status = 'PENDING' and pix_expires_at is not null "
                        + "then least(?, pix_expires_at + interval '1 second') else ? end, check_attempts = check_attempts + 1 "
                        + "where tenant_id = ? and id = ?",
                Timestamp.from(Instant.now().plus(d)), Timestamp.from(Instant.now().plus(d)), tenantId, chargeId);
    }

    /** Brings a charge's next check forward (a notification that could not be confirmed now). */
    void checkSoon(String tenantId, String txid) {
        jdbc.update("update charge set next_check_at = now() where tenant_id = ? and pix_txid = ? and status in ('PENDING', 'UNKNOWN')",
                tenantId, txid);
    }

    /** @return the tenant's Pix charge */
    public PixChargeView view(String tenantId, long chargeId, boolean created) {
        return jdbc.queryForObject("""
                select id, receivable_id, status, pix_txid, pix_location, pix_code, amount, due_date, failure_reason
                  from charge where tenant_id = ? and id = ? and method = 'PIX'""",
                (rs, i) -> new PixChargeView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getBigDecimal(7), rs.getObject(8, LocalDate.class), rs.getString(9), created),
                tenantId, chargeId);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
