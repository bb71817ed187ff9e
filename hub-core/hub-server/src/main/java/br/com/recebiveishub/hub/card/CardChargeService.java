package br.com.recebiveishub.hub.card;

import br.com.recebiveishub.hub.audit.AccessLog;
import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.audit.PluginDataShareLog;
import br.com.recebiveishub.hub.pix.PixSettlement;
import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.CardPaymentProvider;
import br.com.recebiveishub.sdk.CardPaymentProvider.CardCharge;
import br.com.recebiveishub.sdk.CardPaymentProvider.CardPayment;
import br.com.recebiveishub.sdk.CardPaymentProvider.GatewayAccount;
import br.com.recebiveishub.sdk.CardPaymentProvider.PaymentLink;
import br.com.recebiveishub.sdk.CardPaymentProvider.PaymentLinkRequest;
import br.com.recebiveishub.sdk.CardPaymentProvider.PaymentState;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Card charges and payment links of open receivables at the tenant's gateway (pay-card), and their
 * re-check: the card capability's public API.
 *
 * <p>As for Pix, the charge row is written first (UNKNOWN, with its idempotency key and the
 * external reference every gateway payment of it carries), the gateway is called with no
 * transaction open, and the answer makes it PENDING, PAID (settled through
 * {@link PixSettlement#settleCharge}, the path Pix payments take), FAILED (declined or refused,
 * with the gateway's reason) or leaves it UNKNOWN (timeout, 5xx): never FAILED on a timeout.
 * Payments are settled once per gateway payment id (payment key {@code card|<id>}).
 */
@Service
public class CardChargeService {

    private static final Logger log = LoggerFactory.getLogger(CardChargeService.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,100}");
    /** failure_reason prefix of a charge whose create was unknown and that no gateway payment carries. */
    static final String NOT_CREATED = "NOT_CREATED";

    /** A card or link charge as the API shows it (no card data: the hub never has any). */
    public record CardChargeView(long id, long receivableId, String method, String status, BigDecimal amount, String paymentId,
                                 String paymentLinkUrl, String externalReference, String failureReason, boolean created) {
    }

    /** What the payer's browser produced (the gateway's script tokenized the card) and the terms. */
    public record CardRequest(Long receivableId, String cardToken, String paymentMethodId, String issuerId, Integer installments) {
        /** Leaves out the card token on purpose. */
        @Override
        public String toString() {
            return "CardRequest[receivable " + receivableId + ", " + installments + "x]";
        }
    }

    /** What one re-check did. */
    public record CheckResult(long chargeId, String statusBefore, String statusAfter, int settled) {
    }

    private final CardAccounts accounts;
    private final PixSettlement settlement;
    private final TenantService tenants;
    private final PluginDataShareLog shares;
    private final JdbcTemplate jdbc;
    private final BulkAudit audit;
    private final TransactionTemplate tx;
    private final ZoneId zone;
    private final Duration baseDelay;
    private final Duration maxDelay;

    public CardChargeService(CardAccounts accounts, PixSettlement settlement, TenantService tenants, PluginDataShareLog shares,
                             JdbcTemplate jdbc, BulkAudit audit, TransactionTemplate tx, HubProperties props,
                             @Value("${hub.card.janitor.base-delay:PT30S}") Duration baseDelay,
                             @Value("${hub.card.janitor.max-delay:PT1H}") Duration maxDelay) {
        this.accounts = accounts;
        this.settlement = settlement;
        this.tenants = tenants;
        this.shares = shares;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.zone = props.zoneId();
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    private record Prepared(long chargeId, String key, String reference, BigDecimal amount, boolean existing, String status) {
    }

    /**
     * Charges a tokenized card for the open balance of a receivable.
     *
     * @param idempotencyKey the caller's Idempotency-Key: the same key returns the charge it made (200), never a second one
     * @throws IllegalArgumentException (400) missing or malformed field
     * @throws NoSuchElementException   (404) no such receivable
     * @throws IllegalStateException    (409) receivable not open, key used for another receivable, no gateway account
     */
    public CardChargeView charge(String tenantId, String idempotencyKey, CardRequest req) {
        tenants.require(tenantId);
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("Idempotency-Key: required header, 8 to 100 letters, digits or _.:-");
        }
        if (req == null || req.receivableId() == null) {
            throw new IllegalArgumentException("receivableId: required");
        }
        if (req.cardToken() == null || req.cardToken().isBlank() || req.cardToken().length() > 200) {
            throw new IllegalArgumentException("cardToken: required (the token the gateway's script made from the card)");
        }
        int installments = req.installments() == null ? 1 : req.installments();
        if (installments < 1 || installments > 24) {
            throw new IllegalArgumentException("installments: between 1 and 24");
        }
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "card charge", "plugin:" + CardAccounts.PLUGIN_ID)) {
            GatewayAccount account = accounts.account(tenantId);
            CardPaymentProvider provider = accounts.provider();
            String key = "card:" + tenantId + ":" + idempotencyKey;
            Prepared p = tx.execute(st -> prepare(tenantId, req.receivableId(), "CARD", key));
            if (p.existing()) {
                return view(tenantId, p.chargeId(), false);
            }
            Map<String, Object> payer = jdbc.queryForMap("""
                    select c.id, c.documento, c.email from receivable r join customer c on c.id = r.customer_id
                     where r.tenant_id = ? and r.id = ?""", tenantId, req.receivableId());
            String documento = (String) payer.get("documento");
            String email = (String) payer.get("email");
            // The gateway receives the payer's document (and e-mail when known) for its antifraud: the LGPD sharing report lists it.
            shares.record(tenantId, CardAccounts.PLUGIN_ID, AccessLog.CUSTOMER, String.valueOf(payer.get("id")),
                    email == null ? List.of("documento") : List.of("documento", "email"), "card charge");
            CardCharge charge = new CardCharge(p.key(), p.amount(), req.cardToken(), req.paymentMethodId(), req.issuerId(), installments,
                    email, documento != null && documento.length() == 14 ? "CNPJ" : "CPF", documento, "Recebivel " + req.receivableId(),
                    p.reference(), null);
            try {
                CardPayment paid = provider.charge(account, charge);
                apply(tenantId, p.chargeId(), "CARD", paid, "card:api");
            } catch (RefusedException e) {
                fail(tenantId, p.chargeId(), cut((e.reason() == null ? "Refused" : e.reason()) + " (" + e.status() + "): " + e.getMessage(), 500));
                log.warn("tenant {}: card charge {} refused by the gateway: {} ({})", tenantId, p.chargeId(), e.reason(), e.status());
            } catch (UnknownOutcomeException e) {
                log.warn("tenant {}: card charge {}: outcome unknown at the gateway, kept UNKNOWN for the janitor", tenantId, p.chargeId());
            } catch (IllegalArgumentException e) {
                fail(tenantId, p.chargeId(), cut("NaoEnviado: " + e.getMessage(), 500));
                throw e;
            }
            return view(tenantId, p.chargeId(), true);
        }
    }

    /**
     * Creates (or returns the live) payment link for a receivable's open balance.
     *
     * @param expiresAt null for a link that does not expire
     */
    public CardChargeView link(String tenantId, long receivableId, Instant expiresAt) {
        tenants.require(tenantId);
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new IllegalArgumentException("expiresAt: must be in the future");
        }
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "payment link", "plugin:" + CardAccounts.PLUGIN_ID)) {
            GatewayAccount account = accounts.account(tenantId);
            CardPaymentProvider provider = accounts.provider();
            Prepared p = tx.execute(st -> prepare(tenantId, receivableId, "LINK", null));
            if (p.existing() && !p.status().equals("UNKNOWN")) {
                return view(tenantId, p.chargeId(), false);
            }
            createLink(tenantId, p.chargeId(), provider, account, new PaymentLinkRequest(p.key(), p.reference(),
                    "Recebivel " + receivableId, p.amount(), expiresAt, null));
            return view(tenantId, p.chargeId(), !p.existing());
        }
    }

    private void createLink(String tenantId, long chargeId, CardPaymentProvider provider, GatewayAccount account, PaymentLinkRequest r) {
        try {
            PaymentLink link = provider.createPaymentLink(account, r);
            tx.executeWithoutResult(st -> {
                int n = jdbc.update("update charge set status = 'PENDING', payment_link_url = ?, version = version + 1 "
                        + "where tenant_id = ? and id = ? and status = 'UNKNOWN'", link.url().toString(), tenantId, chargeId);
                if (n > 0) {
                    audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(chargeId));
                }
            });
        } catch (RefusedException e) {
            fail(tenantId, chargeId, cut((e.reason() == null ? "Refused" : e.reason()) + " (" + e.status() + "): " + e.getMessage(), 500));
        } catch (UnknownOutcomeException e) {
            log.warn("tenant {}: payment link {}: outcome unknown at the gateway, kept UNKNOWN", tenantId, chargeId);
        }
    }

    private Prepared prepare(String tenantId, long receivableId, String method, String key) {
        List<Map<String, Object>> rows = jdbc.queryForList("select status, open_balance from receivable where tenant_id = ? and id = ? "
                + "for update", tenantId, receivableId);
        if (rows.isEmpty()) {
            throw new NoSuchElementException("receivable " + receivableId + " not found");
        }
        if (key != null) {
            List<Map<String, Object>> same = jdbc.queryForList("select id, receivable_id, status, idempotency_key, external_reference, amount "
                    + "from charge where tenant_id = ? and idempotency_key = ?", tenantId, key);
            if (!same.isEmpty()) {
                Map<String, Object> c = same.get(0);
                if (((Number) c.get("receivable_id")).longValue() != receivableId) {
                    throw new IllegalStateException("Idempotency-Key: already used for another receivable's charge");
                }
                return new Prepared(((Number) c.get("id")).longValue(), key, (String) c.get("external_reference"),
                        (BigDecimal) c.get("amount"), true, (String) c.get("status"));
            }
        }
        String status = (String) rows.get(0).get("status");
        if (!status.equals("OPEN") && !status.equals("PARTIALLY_PAID")) {
            throw new IllegalStateException("receivable " + receivableId + " is " + status + ": only an open receivable can be charged");
        }
        if (key != null) {
            // A new key while an earlier card charge's outcome is not known would be a second charge at the gateway (the
            // payer charged twice after a timeout): the caller repeats the earlier request instead, or waits for the janitor.
            List<Map<String, Object>> open = jdbc.queryForList("select id, status from charge where tenant_id = ? and receivable_id = ? "
                    + "and method = ? and status in ('PENDING', 'UNKNOWN') order by id limit 1", tenantId, receivableId, method);
            if (!open.isEmpty()) {
                throw new IllegalStateException("receivable " + receivableId + " already has " + method.toLowerCase() + " charge "
                        + open.get(0).get("id") + " " + open.get(0).get("status") + " at the gateway: wait until the card janitor "
                        + "settles it (it reads the payment back at the gateway; GET /api/tenants/" + tenantId + "/charges/"
                        + open.get(0).get("id") + " shows it); a new key now could charge the payer twice");
            }
        }
        BigDecimal amount = ((BigDecimal) rows.get(0).get("open_balance")).setScale(2);
        if (key == null) {
            List<Map<String, Object>> live = jdbc.queryForList("""
                    select id, status, idempotency_key, external_reference, amount from charge
                     where tenant_id = ? and receivable_id = ? and method = 'LINK' and status in ('PENDING', 'UNKNOWN')
                     order by id desc limit 1""", tenantId, receivableId);
            if (!live.isEmpty()) {
                Map<String, Object> c = live.get(0);
                return new Prepared(((Number) c.get("id")).longValue(), (String) c.get("idempotency_key"),
                        (String) c.get("external_reference"), (BigDecimal) c.get("amount"), true, (String) c.get("status"));
            }
            Integer attempts = jdbc.queryForObject("select count(*) from charge where tenant_id = ? and receivable_id = ? and method = 'LINK'",
                    Integer.class, tenantId, receivableId);
            key = "link:" + tenantId + ":" + receivableId + ":" + (attempts + 1);
        }
        Long id = jdbc.queryForObject("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, amount, due_date, status, idempotency_key,
                       next_check_at)
                select ?, r.id, ?, ?, ?, r.due_date, 'UNKNOWN', ?, ? from receivable r where r.tenant_id = ? and r.id = ?
                returning id""", Long.class, tenantId, method, CardAccounts.PLUGIN_ID, amount, key,
                Timestamp.from(Instant.now().plus(baseDelay)), tenantId, receivableId);
        // The reference every gateway payment of this charge carries: how a webhook's payment finds its charge.
        String reference = "hub-" + method.toLowerCase() + "-" + id;
        jdbc.update("update charge set external_reference = ? where id = ?", reference, id);
        audit.record("charge", audit.newRevision(), BulkAudit.RevType.ADD, List.of(id));
        return new Prepared(id, key, reference, amount, false, "UNKNOWN");
    }

    /**
     * Records what the gateway says of one payment of the charge. SUCCEEDED settles it (once per
     * gateway payment id); a declined card payment FAILS a card charge (a link stays open for another
     * try); PENDING and UNKNOWN wait for the webhook or the janitor.
     *
     * @return 1 when a payment was settled now
     */
    int apply(String tenantId, long chargeId, String method, CardPayment p, String source) {
        if (method.equals("CARD")) {
            tx.executeWithoutResult(st -> jdbc.update("update charge set gateway_payment_id = ? where tenant_id = ? and id = ? "
                    + "and gateway_payment_id is null", p.paymentId(), tenantId, chargeId));
        }
        if (p.state() == PaymentState.SUCCEEDED) {
            Instant at = p.approvedAt() != null ? p.approvedAt() : p.createdAt() != null ? p.createdAt() : Instant.now();
            LocalDate paidOn = at.atZone(zone).toLocalDate();
            PixSettlement.Outcome o = settlement.settleCharge(tenantId, chargeId, "card|" + p.paymentId(), p.amount(), paidOn, source,
                    "card payment " + p.paymentId());
            return o == PixSettlement.Outcome.DUPLICATE ? 0 : 1;
        }
        if (p.state() == PaymentState.FAILED && method.equals("CARD")) {
            fail(tenantId, chargeId, cut("declined: " + (p.statusDetail() == null ? p.gatewayStatus() : p.statusDetail()), 500));
        } else if (p.state() == PaymentState.PENDING) {
            tx.executeWithoutResult(st -> {
                int n = jdbc.update("update charge set status = 'PENDING', version = version + 1 where tenant_id = ? and id = ? "
                        + "and status = 'UNKNOWN'", tenantId, chargeId);
                if (n > 0) {
                    audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(chargeId));
                }
            });
        }
        return 0;
    }

    private void fail(String tenantId, long chargeId, String reason) {
        tx.executeWithoutResult(st -> {
            int n = jdbc.update("update charge set status = 'FAILED', failure_reason = ?, next_check_at = null, version = version + 1 "
                    + "where tenant_id = ? and id = ? and status in ('UNKNOWN', 'PENDING')", reason, tenantId, chargeId);
            if (n > 0) {
                audit.record("charge", audit.newRevision(), BulkAudit.RevType.MOD, List.of(chargeId));
            }
        });
    }

    /**
     * Reads one PENDING or UNKNOWN card or link charge back at the gateway: a card charge by its
     * payment id, or (an unknown create whose id was never seen) by its external reference; a link by
     * the payments carrying its reference; a link whose create was unknown is created again with the
     * same key. Otherwise schedules the next check with exponential backoff. Runs in an audit scope
     * of the tenant.
     */
    public CheckResult check(String tenantId, long chargeId) {
        Map<String, Object> c = jdbc.queryForList("select method, status, gateway_payment_id, external_reference, check_attempts, "
                        + "idempotency_key, amount, receivable_id, payment_link_url from charge where tenant_id = ? and id = ? "
                        + "and method in ('CARD', 'LINK')", tenantId, chargeId).stream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("card charge " + chargeId + " not found"));
        String method = (String) c.get("method");
        String before = (String) c.get("status");
        int attempts = ((Number) c.get("check_attempts")).intValue();
        if (!before.equals("PENDING") && !before.equals("UNKNOWN")) {
            return new CheckResult(chargeId, before, before, 0);
        }
        int settled = 0;
        try {
            GatewayAccount account = accounts.account(tenantId);
            CardPaymentProvider provider = accounts.provider();
            String paymentId = (String) c.get("gateway_payment_id");
            String reference = (String) c.get("external_reference");
            if (method.equals("CARD") && paymentId != null) {
                settled += apply(tenantId, chargeId, method, provider.readPayment(account, paymentId), "card:poll");
            } else if (method.equals("LINK") && c.get("payment_link_url") == null) {
                createLink(tenantId, chargeId, provider, account, new PaymentLinkRequest((String) c.get("idempotency_key"), reference,
                        "Recebivel " + c.get("receivable_id"), (BigDecimal) c.get("amount"), null, null));
            } else {
                List<CardPayment> found = provider.findPayments(account, reference);
                if (found.isEmpty() && method.equals("CARD") && attempts >= 2) {
                    // asked three times, over minutes: the gateway has no payment with the reference, the create never happened
                    fail(tenantId, chargeId, NOT_CREATED + ": no payment at the gateway carries reference " + reference);
                }
                for (CardPayment p : method.equals("CARD") ? found.stream().limit(1).toList() : found) {
                    if (method.equals("CARD") || p.state() == PaymentState.SUCCEEDED) {
                        settled += apply(tenantId, chargeId, method, p, "card:poll");
                    }
                }
            }
        } catch (RefusedException | UnknownOutcomeException | IllegalStateException e) {
            log.warn("tenant {}: card charge {} re-check failed ({}), tried again later", tenantId, chargeId, e.getClass().getSimpleName());
        }
        String now = jdbc.queryForObject("select status from charge where tenant_id = ? and id = ?", String.class, tenantId, chargeId);
        if (now.equals("PENDING") || now.equals("UNKNOWN")) {
            Duration d = baseDelay.multipliedBy(1L << Math.min(attempts, 20));
            if (d.compareTo(maxDelay) > 0) {
                d = maxDelay;
            }
            jdbc.update("update charge set next_check_at = ?, check_attempts = check_attempts + 1 where tenant_id = ? and id = ?",
                    Timestamp.from(Instant.now().plus(d)), tenantId, chargeId);
        }
        return new CheckResult(chargeId, before, now, settled);
    }

    /** Brings a charge's next check forward (a notification that could not be verified). */
    void checkSoon(String tenantId, long chargeId) {
        jdbc.update("update charge set next_check_at = now() where tenant_id = ? and id = ? and status in ('PENDING', 'UNKNOWN')",
                tenantId, chargeId);
    }

    /** @return the tenant's card or link charge */
    public CardChargeView view(String tenantId, long chargeId, boolean created) {
        return jdbc.queryForObject("""
                select id, receivable_id, method, status, amount, gateway_payment_id, payment_link_url, external_reference, failure_reason
                  from charge where tenant_id = ? and id = ? and method in ('CARD', 'LINK')""",
                (rs, i) -> new CardChargeView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), created),
                tenantId, chargeId);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
