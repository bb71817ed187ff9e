package br.com.recebiveishub.hub.reconcile;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.audit.SensitiveWrite;
import br.com.recebiveishub.hub.payment.PaidReceivables;
import java.math.BigDecimal;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A collector applies (part of) a payment to a receivable by hand: a lump sum the bank paid for
 * several titles, a title paid below face value, a payment the return could not match. A sensitive
 * write: it needs a reason, recorded on its revision; once the payment is allocated in full, its
 * reconciliation exceptions are resolved with a note naming the allocation.
 *
 * <p>Every call carries an idempotency key: a retry with the same key and the same allocation
 * returns the first one and applies nothing; the same key for a different allocation is refused.
 */
@Service
public class ManualAllocations {

    /**
     * What a manual allocation did.
     *
     * @param changed             false when the key had already applied this allocation (a retry)
     * @param resolvedExceptions  reconciliation exceptions of the payment resolved by this allocation
     */
    public record Outcome(long allocationId, long paymentId, long receivableId, BigDecimal amount, BigDecimal paymentUnallocated,
                          BigDecimal receivableOpenBalance, String receivableStatus, boolean changed, Long revision,
                          List<Long> resolvedExceptions) {
    }

    private final JdbcTemplate jdbc;
    private final BulkAudit audit;
    private final TransactionTemplate tx;
    private final PaidReceivables paidReceivables;

    public ManualAllocations(JdbcTemplate jdbc, BulkAudit audit, TransactionTemplate tx, PaidReceivables paidReceivables) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.paidReceivables = paidReceivables;
    }

    /** Allocates {@code amount} of a payment to a receivable of the same tenant. */
    public Outcome allocate(String tenantId, Long paymentIdOrNull, Long receivableIdOrNull, BigDecimal amount, String reason,
                            String idempotencyKey) {
        if (paymentIdOrNull == null || receivableIdOrNull == null) {
            throw new IllegalArgumentException((paymentIdOrNull == null ? "paymentId" : "receivableId") + ": required");
        }
        long paymentId = paymentIdOrNull;
        long receivableId = receivableIdOrNull;
        String why = SensitiveWrite.requireReason(reason, "a manual allocation");
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("Idempotency-Key: header required (1 to 200 characters), so a retry never allocates twice");
        }
        // magnitude first: 1e3000000 must be refused before anything expands it
        if (amount == null || amount.signum() <= 0 || amount.precision() - amount.scale() > 13
                || amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount: must be positive, in reais with at most 2 decimals and 13 integer digits");
        }
        BigDecimal value = amount.setScale(2);
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "manual allocation: " + why, null)) {
            return tx.execute(st -> {
                // Payment first, receivable second, always: two collectors allocating crosswise cannot deadlock.
                List<BigDecimal> paid = jdbc.queryForList("select amount from payment where id = ? and tenant_id = ? for update",
                        BigDecimal.class, paymentId, tenantId);
                if (paid.isEmpty()) {
                    throw new NoSuchElementException("payment " + paymentId + " not found");
                }
                List<Outcome> replay = jdbc.query("select id, payment_id, receivable_id, amount from allocation "
                        + "where tenant_id = ? and idempotency_key = ?", (rs, i) -> {
                    if (rs.getLong(2) != paymentId || rs.getLong(3) != receivableId || rs.getBigDecimal(4).compareTo(value) != 0) {
                        throw new IllegalStateException("Idempotency-Key already used for allocation " + rs.getLong(1)
                                + " (another payment, receivable or amount)");
                    }
                    return outcome(tenantId, rs.getLong(1), paymentId, receivableId, value, false, null, List.of());
                }, tenantId, idempotencyKey);
                if (!replay.isEmpty()) {
                    return replay.get(0);
                }
                BigDecimal unallocated = paid.get(0).subtract(allocated(paymentId));
                if (value.compareTo(unallocated) > 0) {
                    throw new IllegalStateException("amount: " + value + " exceeds the " + unallocated
                            + " of payment " + paymentId + " not yet allocated");
                }
                List<Object[]> rec = jdbc.query("select status, open_balance from receivable where id = ? and tenant_id = ? for update",
                        (rs, i) -> new Object[] {rs.getString(1), rs.getBigDecimal(2)}, receivableId, tenantId);
                if (rec.isEmpty()) {
                    throw new NoSuchElementException("receivable " + receivableId + " not found");
                }
                String status = (String) rec.get(0)[0];
                BigDecimal open = (BigDecimal) rec.get(0)[1];
                if (!"OPEN".equals(status) && !"PARTIALLY_PAID".equals(status)) {
                    throw new IllegalStateException("receivable " + receivableId + " is " + status + ": nothing is open to allocate to");
                }
                if (value.compareTo(open) > 0) {
                    throw new IllegalStateException("amount: " + value + " exceeds the open balance " + open + " of receivable " + receivableId);
                }
                long rev = audit.newRevision();
                Long allocationId = jdbc.queryForObject("""
                        insert into allocation (tenant_id, payment_id, receivable_id, amount, idempotency_key)
                        values (?,?,?,?,?) returning id""", Long.class, tenantId, paymentId, receivableId, value, idempotencyKey);
                jdbc.update("""
                        update receivable set open_balance = open_balance - ?,
                               status = case when open_balance - ? = 0 then 'PAID' else 'PARTIALLY_PAID' end,
                               updated_at = now(), version = version + 1
                         where id = ? and tenant_id = ?""", value, value, receivableId, tenantId);
                AuditContext.Scope who = AuditContext.current();
                // Only a payment allocated in full leaves the queue: money still unallocated keeps its exception open.
                List<Long> resolved = value.compareTo(unallocated) != 0 ? List.of() : jdbc.queryForList("""
                        update reconciliation_exception set status = 'RESOLVED', resolved_at = now(), resolved_by = ?, resolution = ?
                         where tenant_id = ? and payment_id = ? and status = 'OPEN' returning id""", Long.class,
                        who.username() != null ? who.username() : who.actor(),
                        cut("manual allocation " + allocationId + " of " + value + " to receivable " + receivableId + ": " + why),
                        tenantId, paymentId);
                audit.record("allocation", rev, BulkAudit.RevType.ADD, List.of(allocationId));
                audit.record("receivable", rev, BulkAudit.RevType.MOD, List.of(receivableId));
                // Paid in full by this allocation: the receivable's live boletos and cobs must stop taking money.
                paidReceivables.retireOtherCharges(tenantId, rev, List.of(receivableId));
                return outcome(tenantId, allocationId, paymentId, receivableId, value, true, rev, resolved);
            });
        }
    }

    private BigDecimal allocated(long paymentId) {
        return jdbc.queryForObject("select coalesce(sum(amount), 0) from allocation where payment_id = ?", BigDecimal.class, paymentId);
    }

    private Outcome outcome(String tenantId, long allocationId, long paymentId, long receivableId, BigDecimal amount, boolean changed,
                            Long rev, List<Long> resolved) {
        BigDecimal paymentAmount = jdbc.queryForObject("select amount from payment where id = ? and tenant_id = ?", BigDecimal.class,
                paymentId, tenantId);
        Object[] r = jdbc.queryForObject("select open_balance, status from receivable where id = ? and tenant_id = ?",
                (rs, i) -> new Object[] {rs.getBigDecimal(1), rs.getString(2)}, receivableId, tenantId);
        return new Outcome(allocationId, paymentId, receivableId, amount, paymentAmount.subtract(allocated(paymentId)),
                (BigDecimal) r[0], (String) r[1], changed, rev, resolved);
    }

    private static String cut(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
