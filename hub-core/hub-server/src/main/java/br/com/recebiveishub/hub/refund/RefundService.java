package br.com.recebiveishub.hub.refund;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.audit.SensitiveWrite;
import br.com.recebiveishub.hub.card.CardAccounts;
import br.com.recebiveishub.hub.pix.PixAccounts;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.CardPaymentProvider.GatewayRefund;
import br.com.recebiveishub.sdk.InstantPaymentProvider.Refund;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds of a paid online charge: a Pix devolução (API Pix PUT /pix/{e2eid}/devolucao/{id}) or a
 * card refund (the gateway's refunds, X-Idempotency-Key), with a reason.
 *
 * <p>The refund row is written first (UNKNOWN) under the caller's Idempotency-Key; the provider is
 * called with no transaction open, with an id derived from that row (devolução id
 * {@code RH<refund id>}, card key {@code refund:<tenant>:<key>}), so a repeat with the same key
 * repeats the same call and the provider answers with the refund it already made: never twice.
 * When the provider accepts it (REQUESTED or DONE) the refunded amount is taken off the payment's
 * allocation and given back to the receivable's open balance, in one revision whose reason is the
 * refund's: the canonical model shows money the debtor no longer paid as owed again.
 */
@Service
public class RefundService {

    private static final Logger log = LoggerFactory.getLogger(RefundService.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,100}");

    /** A refund as the API shows it. */
    public record RefundView(long id, long chargeId, long paymentId, BigDecimal amount, String status, String providerRefundId,
                             String failureReason, boolean reversed, boolean created) {
    }

    private final PixAccounts pix;
    private final CardAccounts card;
    private final TenantService tenants;
    private final JdbcTemplate jdbc;
    private final BulkAudit audit;
    private final TransactionTemplate tx;

    public RefundService(PixAccounts pix, CardAccounts card, TenantService tenants, JdbcTemplate jdbc, BulkAudit audit,
                         TransactionTemplate tx) {
        this.pix = pix;
        this.card = card;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
    }

    private record Prepared(long refundId, String method, String paymentKey, BigDecimal amount, BigDecimal paymentAmount,
                            boolean existing, String status) {
    }

    /**
     * Refunds (part of) a paid Pix or card charge.
     *
     * @param amount null for what is left of the payment
     * @throws IllegalArgumentException (400) missing key or reason, bad amount
     * @throws NoSuchElementException   (404) no such charge
     * @throws IllegalStateException    (409) not a paid online charge, more than what is left, key used for another charge
     */
    public RefundView refund(String tenantId, long chargeId, String idempotencyKey, BigDecimal amount, String reason) {
        tenants.require(tenantId);
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("Idempotency-Key: required header, 8 to 100 letters, digits or _.:-");
        }
        String why = SensitiveWrite.requireReason(reason, "a refund");
        if (amount != null && (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2)) {
            throw new IllegalArgumentException("amount: positive, at most 2 decimal places (BRL cents)");
        }
        BigDecimal asked = amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "refund: " + why, null)) {
            Prepared p = tx.execute(st -> prepare(tenantId, chargeId, idempotencyKey, asked, why));
            if (p.existing() && !p.status().equals("UNKNOWN")) {
                return view(tenantId, p.refundId(), false);
            }
            call(tenantId, p);
            return view(tenantId, p.refundId(), !p.existing());
        }
    }

    private Prepared prepare(String tenantId, long chargeId, String key, BigDecimal asked, String reason) {
        List<Map<String, Object>> charge = jdbc.queryForList("select method, status from charge where tenant_id = ? and id = ? for update",
                tenantId, chargeId);
        if (charge.isEmpty()) {
            throw new NoSuchElementException("charge " + chargeId + " not found");
        }
        String method = (String) charge.get(0).get("method");
        List<Map<String, Object>> same = jdbc.queryForList("select id, charge_id, payment_id, amount, status from refund "
                + "where tenant_id = ? and idempotency_key = ?", tenantId, "refund:" + tenantId + ":" + key);
        if (!same.isEmpty()) {
            Map<String, Object> r = same.get(0);
            if (((Number) r.get("charge_id")).longValue() != chargeId) {
                throw new IllegalStateException("Idempotency-Key: already used for a refund of another charge");
            }
            if (asked != null && asked.compareTo((BigDecimal) r.get("amount")) != 0) {
                throw new IllegalStateException("Idempotency-Key: already used for refund " + r.get("id") + " of " + r.get("amount")
                        + "; a refund of another amount needs a new key");
            }
            Map<String, Object> pay = jdbc.queryForMap("select idempotency_key, amount from payment where id = ?", r.get("payment_id"));
            return new Prepared(((Number) r.get("id")).longValue(), method, (String) pay.get("idempotency_key"), (BigDecimal) r.get("amount"),
                    (BigDecimal) pay.get("amount"), true, (String) r.get("status"));
        }
        if (!List.of("PIX", "CARD", "LINK").contains(method)) {
            throw new IllegalStateException("charge " + chargeId + " is a " + method + ": only a Pix or card payment can be refunded here");
        }
        // the payment the charge was paid with, as the provider identifies it (pix|endToEndId, card|payment id)
        List<Map<String, Object>> payments = jdbc.queryForList("""
                select p.id, p.amount, p.idempotency_key from payment p
                 where p.tenant_id = ? and p.charge_id = ? and (p.idempotency_key like 'pix|%' or p.idempotency_key like 'card|%')
                 order by (select count(*) from allocation a where a.payment_id = p.id) desc, p.id limit 1""", tenantId, chargeId);
        if (payments.isEmpty()) {
            throw new IllegalStateException("charge " + chargeId + " has no payment to refund");
        }
        long paymentId = ((Number) payments.get(0).get("id")).longValue();
        BigDecimal paid = (BigDecimal) payments.get(0).get("amount");
        BigDecimal refunded = jdbc.queryForObject("select coalesce(sum(amount), 0) from refund where payment_id = ? and status <> 'REFUSED'",
                BigDecimal.class, paymentId);
        BigDecimal left = paid.subtract(refunded);
        BigDecimal amount = asked == null ? left : asked;
        if (left.signum() <= 0) {
            throw new IllegalStateException("charge " + chargeId + ": the payment of " + paid + " is already refunded in full");
        }
        if (amount.compareTo(left) > 0) {
            throw new IllegalStateException("amount: " + amount + " is more than what is left to refund of the payment (" + left + ")");
        }
        Long id = jdbc.queryForObject("""
                insert into refund (tenant_id, charge_id, payment_id, amount, reason, idempotency_key, status, requested_by)
                values (?,?,?,?,?,?, 'UNKNOWN', ?) returning id""", Long.class, tenantId, chargeId, paymentId, amount, reason,
                "refund:" + tenantId + ":" + key, AuditContext.current().actor());
        return new Prepared(id, method, (String) payments.get(0).get("idempotency_key"), amount, paid, false, "UNKNOWN");
    }

    /** Calls the provider (outside any transaction) and records the outcome. */
    private void call(String tenantId, Prepared p) {
        String status;
        String providerId;
        try {
            if (p.method().equals("PIX")) {
                String e2e = p.paymentKey().substring("pix|".length());
                Refund r = pix.provider().requestRefund(pix.account(tenantId), e2e, "RH" + p.refundId(), p.amount(), "devolucao");
                providerId = r.providerId();
                status = switch (r.status()) {
                    case "DEVOLVIDO" -> "DONE";
                    case "NAO_REALIZADO" -> "REFUSED";
                    default -> "REQUESTED";
                };
            } else {
                String paymentId = p.paymentKey().substring("card|".length());
                // the full amount is sent as "no amount" (a full refund), as the gateway documents it
                GatewayRefund r = card.provider().refund(card.account(tenantId), paymentId, "refund:" + tenantId + ":" + p.refundId(),
                        p.amount().compareTo(p.paymentAmount()) == 0 ? null : p.amount());
                providerId = r.refundId();
                status = switch (r.status() == null ? "" : r.status()) {
                    case "approved" -> "DONE";
                    case "rejected", "cancelled" -> "REFUSED";
                    default -> "REQUESTED";
                };
            }
        } catch (RefusedException e) {
            String reason = cut((e.reason() == null ? "Refused" : e.reason()) + " (" + e.status() + "): " + e.getMessage(), 500);
            jdbc.update("update refund set status = 'REFUSED', failure_reason = ? where id = ? and status = 'UNKNOWN'", reason, p.refundId());
            log.warn("tenant {}: refund {} refused by the provider: {} ({})", tenantId, p.refundId(), e.reason(), e.status());
            return;
        } catch (UnknownOutcomeException e) {
            log.warn("tenant {}: refund {}: outcome unknown at the provider; a repeat with the same Idempotency-Key repeats it",
                    tenantId, p.refundId());
            return;
        }
        String finalStatus = status;
        tx.executeWithoutResult(st -> {
            jdbc.update("update refund set status = ?, provider_refund_id = ?, failure_reason = null where id = ? and status = 'UNKNOWN'",
                    finalStatus, providerId, p.refundId());
            if (!finalStatus.equals("REFUSED")) {
                reverse(tenantId, p.refundId());
            }
        });
        log.info("tenant {}: refund {} of {}: {}", tenantId, p.refundId(), p.amount(), finalStatus);
    }

    /**
     * Takes the refund's amount off the payment's allocation (the allocation shrinks, or goes when
     * nothing is left) and gives it back to the receivable's open balance, once (the {@code reversed}
     * flag), in the caller's transaction and one revision carrying the refund's reason.
     */
    private void reverse(String tenantId, long refundId) {
        Map<String, Object> r = jdbc.queryForMap("select payment_id, amount, reversed from refund where id = ? for update", refundId);
        if (Boolean.TRUE.equals(r.get("reversed"))) {
            return;
        }
        BigDecimal amount = (BigDecimal) r.get("amount");
        List<Map<String, Object>> allocations = jdbc.queryForList("select id, receivable_id, amount from allocation where tenant_id = ? "
                + "and payment_id = ? order by id for update", tenantId, r.get("payment_id"));
        long rev = audit.newRevision();
        BigDecimal todo = amount;
        for (Map<String, Object> a : allocations) {
            if (todo.signum() <= 0) {
                break;
            }
            long id = ((Number) a.get("id")).longValue();
            long receivableId = ((Number) a.get("receivable_id")).longValue();
            BigDecimal allocated = (BigDecimal) a.get("amount");
            BigDecimal back = todo.min(allocated);
            if (back.compareTo(allocated) == 0) {
                // the audit row is written before the delete: BulkAudit reads the row's last state
                audit.record("allocation", rev, BulkAudit.RevType.DEL, List.of(id));
                jdbc.update("delete from allocation where id = ?", id);
            } else {
                jdbc.update("update allocation set amount = amount - ?, version = version + 1 where id = ?", back, id);
                audit.record("allocation", rev, BulkAudit.RevType.MOD, List.of(id));
            }
            jdbc.update("""
                    update receivable set open_balance = open_balance + ?,
                           status = case when open_balance + ? >= original_amount then 'OPEN' else 'PARTIALLY_PAID' end,
                           updated_at = now(), version = version + 1
                     where tenant_id = ? and id = ? and status in ('PAID', 'PARTIALLY_PAID')""", back, back, tenantId, receivableId);
            audit.record("receivable", rev, BulkAudit.RevType.MOD, List.of(receivableId));
            todo = todo.subtract(back);
        }
        jdbc.update("update refund set reversed = true where id = ?", refundId);
    }

    /** @return the tenant's refund */
    public RefundView view(String tenantId, long refundId, boolean created) {
        return jdbc.queryForObject("""
                select id, charge_id, payment_id, amount, status, provider_refund_id, failure_reason, reversed
                  from refund where tenant_id = ? and id = ?""",
                (rs, i) -> new RefundView(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBoolean(8), created), tenantId, refundId);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
