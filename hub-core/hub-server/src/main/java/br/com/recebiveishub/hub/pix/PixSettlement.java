package br.com.recebiveishub.hub.pix;

import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.payment.PaidReceivables;
import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.sdk.InstantPaymentProvider.ReceivedPayment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a Pix the hub confirmed at the PSP into a payment, the way a boleto settlement is
 * reconciled: one payment per endToEndId (idempotency key {@code pix|<endToEndId>}, the unique
 * constraint is the guard), allocated to the charge's receivable only when it pays exactly the
 * open balance of an open receivable; otherwise recorded unallocated with a reconciliation
 * exception. Payment, allocation, receivable and charge changes share one audit revision.
 *
 * <p>Callers pass only what the PSP answered to a read (never a notification body), inside an
 * audit scope of the tenant.
 */
@Component
public class PixSettlement {

    private static final Logger log = LoggerFactory.getLogger(PixSettlement.class);

    /** What a settlement did. */
    public enum Outcome { ALLOCATED, DUPLICATE, AMOUNT_DIFFERS, RECEIVABLE_NOT_OPEN, UNMATCHED }

    private final JdbcTemplate jdbc;
    private final BulkAudit audit;
    private final TransactionTemplate tx;
    private final ZoneId zone;
    private final PaidReceivables paidReceivables;

    public PixSettlement(JdbcTemplate jdbc, BulkAudit audit, TransactionTemplate tx, HubProperties props, PaidReceivables paidReceivables) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.paidReceivables = paidReceivables;
        this.zone = props.zoneId();
    }

    /**
     * Settles one confirmed Pix of the tenant.
     *
     * @param source WEBHOOK or POLL (how the hub learned of it; the data always comes from a PSP read)
     */
    public Outcome settle(String tenantId, ReceivedPayment pix, String source) {
        return tx.execute(st -> {
            BigDecimal amount = pix.amount().setScale(2, RoundingMode.UNNECESSARY);
            // The charge row lock serialises the webhook and the janitor settling the same charge.
            List<Map<String, Object>> charges = pix.chargeId() == null ? List.of() : jdbc.queryForList(
                    "select id, receivable_id, status from charge where tenant_id = ? and pix_txid = ? and method = 'PIX' for update",
                    tenantId, pix.chargeId());
            Long chargeId = charges.isEmpty() ? null : ((Number) charges.get(0).get("id")).longValue();
            List<Long> paymentIds = jdbc.queryForList("""
                    insert into payment (tenant_id, charge_id, amount, fee, net_credit, payment_date, credit_date, source_file, idempotency_key)
                    values (?, ?, ?, 0, ?, ?, ?, ?, ?)
                    on conflict (tenant_id, idempotency_key) do nothing returning id""", Long.class,
                    tenantId, chargeId, amount, amount, pix.paidAt().atZone(zone).toLocalDate(), pix.paidAt().atZone(zone).toLocalDate(),
                    "pix:" + source.toLowerCase(), "pix|" + pix.endToEndId());
            if (paymentIds.isEmpty()) {
                return Outcome.DUPLICATE;
            }
            long paymentId = paymentIds.get(0);
            jdbc.update("""
                    insert into pix_notification (tenant_id, end_to_end_id, txid, amount, paid_at, source, charge_id, payment_id)
                    values (?,?,?,?,?,?,?,?) on conflict (tenant_id, end_to_end_id) do nothing""",
                    tenantId, pix.endToEndId(), pix.chargeId(), amount, Timestamp.from(pix.paidAt()), source, chargeId, paymentId);
            Long receivableId = chargeId == null ? null : ((Number) charges.get(0).get("receivable_id")).longValue();
            Outcome outcome = decide(tenantId, paymentId, chargeId, receivableId, amount, "Pix " + pix.endToEndId(),
                    "(txid " + pix.chargeId() + ") matches no Pix charge of this tenant");
            log.info("tenant {}: Pix payment {} ({}) of {}: {}", tenantId, paymentId, source, amount, outcome);
            return outcome;
        });
    }

    /**
     * Settles a confirmed online payment of one of the tenant's charges (a card or payment-link
     * payment the gateway confirmed) the way a Pix is settled: one payment per {@code paymentKey}
     * (the unique constraint is the guard: a repeat inserts nothing and is DUPLICATE), allocated only
     * when it pays exactly the open balance of an open receivable, otherwise unallocated with a
     * reconciliation exception; the charge becomes PAID. Call inside an audit scope of the tenant.
     *
     * @param label how the exception's reason names the payment, e.g. {@code card payment 1318000001}
     */
    public Outcome settleCharge(String tenantId, long chargeId, String paymentKey, BigDecimal amount, LocalDate paidOn, String sourceFile,
                                String label) {
        return tx.execute(st -> {
            BigDecimal a = amount.setScale(2, RoundingMode.UNNECESSARY);
            List<Long> receivable = jdbc.queryForList("select receivable_id from charge where tenant_id = ? and id = ? for update",
                    Long.class, tenantId, chargeId);
            if (receivable.isEmpty()) {
                throw new java.util.NoSuchElementException("charge " + chargeId + " not found");
            }
            List<Long> paymentIds = jdbc.queryForList("""
                    insert into payment (tenant_id, charge_id, amount, fee, net_credit, payment_date, credit_date, source_file, idempotency_key)
                    values (?, ?, ?, 0, ?, ?, ?, ?, ?)
                    on conflict (tenant_id, idempotency_key) do nothing returning id""", Long.class,
                    tenantId, chargeId, a, a, paidOn, paidOn, sourceFile, paymentKey);
            if (paymentIds.isEmpty()) {
                return Outcome.DUPLICATE;
            }
            Outcome outcome = decide(tenantId, paymentIds.get(0), chargeId, receivable.get(0), a, label, "matches no charge");
            log.info("tenant {}: {} ({}) of {}: {}", tenantId, label, sourceFile, a, outcome);
            return outcome;
        });
    }

    /** In the caller's transaction: the payment's revision, its allocation or exception, the receivable and the charge. */
    private Outcome decide(String tenantId, long paymentId, Long chargeId, Long receivableId, BigDecimal amount, String label,
                           String unmatched) {
        long rev = audit.newRevision();
        audit.record("payment", rev, BulkAudit.RevType.ADD, List.of(paymentId));
        Outcome outcome;
        String reason = null;
        if (chargeId == null) {
            outcome = Outcome.UNMATCHED;
            reason = label + " of " + amount + " " + unmatched + "; payment recorded unallocated";
        } else {
            Map<String, Object> r = jdbc.queryForMap(
                    "select open_balance, status from receivable where tenant_id = ? and id = ? for update", tenantId, receivableId);
            BigDecimal open = (BigDecimal) r.get("open_balance");
            String status = (String) r.get("status");
            if (!status.equals("OPEN") && !status.equals("PARTIALLY_PAID")) {
                outcome = Outcome.RECEIVABLE_NOT_OPEN;
                reason = label + ": paid " + amount + " but the receivable is " + status
                        + "; payment recorded unallocated";
            } else if (amount.compareTo(open) != 0) {
                outcome = Outcome.AMOUNT_DIFFERS;
                reason = label + ": paid " + amount + " but the receivable's open balance is " + open
                        + "; payment recorded unallocated";
            } else {
                outcome = Outcome.ALLOCATED;
                Long allocation = jdbc.queryForObject("insert into allocation (tenant_id, payment_id, receivable_id, amount) "
                        + "values (?,?,?,?) returning id", Long.class, tenantId, paymentId, receivableId, amount);
                audit.record("allocation", rev, BulkAudit.RevType.ADD, List.of(allocation));
                jdbc.update("""
                        update receivable set open_balance = open_balance - ?,
                               status = case when open_balance - ? = 0 then 'PAID' else 'PARTIALLY_PAID' end,
                               updated_at = now(), version = version + 1
                         where tenant_id = ? and id = ?""", amount, amount, tenantId, receivableId);
                audit.record("receivable", rev, BulkAudit.RevType.MOD, List.of(receivableId));
            }
            // The charge is paid at its provider (cob, card, link) whatever the receivable's state: settled, no longer polled.
            int changed = jdbc.update("update charge set status = 'PAID', next_check_at = null, version = version + 1 "
                    + "where tenant_id = ? and id = ? and status <> 'PAID'", tenantId, chargeId);
            if (changed > 0) {
                audit.record("charge", rev, BulkAudit.RevType.MOD, List.of(chargeId));
            }
            if (outcome == Outcome.ALLOCATED) {
                // Paid by Pix, card or link first: a live boleto or another cob of the receivable must stop taking money.
                paidReceivables.retireOtherCharges(tenantId, rev, List.of(receivableId));
            }
        }
        if (reason != null) {
            jdbc.update("insert into reconciliation_exception (tenant_id, payment_id, charge_id, kind, reason) values (?,?,?,?,?)",
                    tenantId, paymentId, chargeId, outcome.name(), reason);
        }
        return outcome;
    }
}
