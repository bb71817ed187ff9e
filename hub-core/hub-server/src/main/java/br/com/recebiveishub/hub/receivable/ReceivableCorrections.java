package br.com.recebiveishub.hub.receivable;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.audit.SensitiveWrite;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people change by hand on a receivable: cancellation (no longer owed), write-off (a loss)
 * and data correction (what the ERP can no longer change: a receivable already paid in part, or one
 * under a live boleto). Each is a sensitive write: it needs a reason, recorded on its revision.
 *
 * <p>Repeating a request changes nothing the second time (no new revision): cancelling a cancelled
 * receivable, writing off a written-off one or correcting to the values it already has.
 */
@Service
public class ReceivableCorrections {

    /** What a correction sets; null fields keep their value. */
    public record Correction(LocalDate dueDate, BigDecimal originalAmount, String documentNumber) {
    }

    /**
     * @param changed  false when the receivable already was as asked (no revision written)
     * @param revision the revision that recorded the change, null when nothing changed
     */
    public record Outcome(long receivableId, boolean changed, Long revision) {
    }

    private record Row(ReceivableStatus status, BigDecimal originalAmount, BigDecimal openBalance, LocalDate dueDate,
                       String documentNumber, String liveNossoNumero, LocalDate issueDate) {
    }

    private final JdbcTemplate jdbc;
    private final BulkAudit audit;
    private final TransactionTemplate tx;

    public ReceivableCorrections(JdbcTemplate jdbc, BulkAudit audit, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
    }

    /** Cancels an open receivable nothing was paid on and no live boleto charges. */
    public Outcome cancel(String tenantId, long id, String reason) {
        String why = SensitiveWrite.requireReason(reason, "a cancellation");
        return write(tenantId, id, "cancellation: " + why, r -> {
            if (r.status() == ReceivableStatus.CANCELLED) {
                return false;
            }
            if (r.status() == ReceivableStatus.WRITTEN_OFF || r.status() == ReceivableStatus.PAID) {
                throw new IllegalStateException("receivable " + id + " is " + r.status() + ": it is closed and cannot be cancelled");
            }
            if (r.status() != ReceivableStatus.OPEN) {
                throw new IllegalStateException("receivable " + id + " is " + r.status()
                        + ": payments are allocated to it, so it cannot be cancelled (write off the open balance instead)");
            }
            refuseUnderLiveBoleto(id, r, "cancelled");
            jdbc.update("update receivable set status = 'CANCELLED', open_balance = 0, updated_at = now(), version = version + 1 "
                    + "where id = ? and tenant_id = ?", id, tenantId);
            return true;
        });
    }

    /** Writes off what is still open of a receivable as a loss. */
    public Outcome writeOff(String tenantId, long id, String reason) {
        String why = SensitiveWrite.requireReason(reason, "a write-off");
        return write(tenantId, id, "write-off: " + why, r -> {
            if (r.status() == ReceivableStatus.WRITTEN_OFF) {
                return false;
            }
            if (r.status() != ReceivableStatus.OPEN && r.status() != ReceivableStatus.PARTIALLY_PAID) {
                throw new IllegalStateException("receivable " + id + " is " + r.status() + ": nothing is open to write off");
            }
            refuseUnderLiveBoleto(id, r, "written off");
            jdbc.update("update receivable set status = 'WRITTEN_OFF', written_off_amount = open_balance, open_balance = 0, "
                    + "updated_at = now(), version = version + 1 where id = ? and tenant_id = ?", id, tenantId);
            return true;
        });
    }

    /**
     * Corrects the due date, face value or document number. The open balance follows the face
     * value (what was already allocated stays allocated); a face value below what was paid, or a
     * change of value or due date under a live boleto (the bank would still collect the old one),
     * is refused.
     */
    public Outcome correct(String tenantId, long id, String reason, Correction c) {
        String why = SensitiveWrite.requireReason(reason, "a data correction");
        if (c == null || (c.dueDate() == null && c.originalAmount() == null && c.documentNumber() == null)) {
            throw new IllegalArgumentException("nothing to correct: give dueDate, originalAmount or documentNumber");
        }
        if (c.originalAmount() != null && (c.originalAmount().signum() <= 0 || c.originalAmount().stripTrailingZeros().scale() > 2
                || c.originalAmount().precision() - c.originalAmount().scale() > 13)) {
            throw new IllegalArgumentException("originalAmount: must be positive, in reais with at most 2 decimals and 13 integer digits");
        }
        if (c.dueDate() != null && (c.dueDate().getYear() < 2000 || c.dueDate().getYear() > 2199)) {
            throw new IllegalArgumentException("dueDate: must be between 2000-01-01 and 2199-12-31");
        }
        if (c.documentNumber() != null && (c.documentNumber().isBlank() || c.documentNumber().length() > 60)) {
            throw new IllegalArgumentException("documentNumber: must have 1 to 60 characters");
        }
        return write(tenantId, id, "data correction: " + why, r -> {
            if (r.status() == ReceivableStatus.CANCELLED || r.status() == ReceivableStatus.WRITTEN_OFF) {
                throw new IllegalStateException("receivable " + id + " is " + r.status() + ": it is closed and cannot be corrected");
            }
            BigDecimal amount = c.originalAmount() != null ? c.originalAmount().setScale(2) : r.originalAmount();
            LocalDate due = c.dueDate() != null ? c.dueDate() : r.dueDate();
            if (r.issueDate() != null && due.isBefore(r.issueDate())) {
                throw new IllegalArgumentException("dueDate: before the issue date " + r.issueDate());
            }
            String doc = c.documentNumber() != null ? c.documentNumber().strip() : r.documentNumber();
            boolean moneyOrDue = amount.compareTo(r.originalAmount()) != 0 || !due.equals(r.dueDate());
            if (!moneyOrDue && java.util.Objects.equals(doc, r.documentNumber())) {
                return false;
            }
            if (moneyOrDue) {
                refuseUnderLiveBoleto(id, r, "given a new value or due date");
            }
            BigDecimal allocated = r.originalAmount().subtract(r.openBalance());
            BigDecimal open = amount.subtract(allocated);
            if (open.signum() < 0) {
                throw new IllegalStateException("originalAmount: " + amount + " is below the " + allocated
                        + " already allocated to receivable " + id);
            }
            ReceivableStatus status = open.signum() == 0 ? ReceivableStatus.PAID
                    : allocated.signum() > 0 ? ReceivableStatus.PARTIALLY_PAID : ReceivableStatus.OPEN;
            jdbc.update("update receivable set original_amount = ?, open_balance = ?, due_date = ?, document_number = ?, status = ?, "
                    + "updated_at = now(), version = version + 1 where id = ? and tenant_id = ?",
                    amount, open, due, doc, status.name(), id, tenantId);
            return true;
        });
    }

    private interface Change {
        boolean apply(Row current);
    }

    private Outcome write(String tenantId, long id, String reason, Change change) {
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, reason, null)) {
            return tx.execute(st -> {
                List<Row> rows = jdbc.query("""
                        select r.status, r.original_amount, r.open_balance, r.due_date, r.document_number,
                               (select ch.nosso_numero from charge ch where ch.receivable_id = r.id
                                   and ch.status in ('REGISTRATION_PENDING', 'REGISTERED', 'UNKNOWN', 'CANCEL_REQUESTED') order by ch.id limit 1),
                               r.issue_date
                          from receivable r where r.id = ? and r.tenant_id = ? for update of r
                        """, (rs, i) -> new Row(ReceivableStatus.valueOf(rs.getString(1)), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class)), id, tenantId);
                if (rows.isEmpty()) {
                    throw new NoSuchElementException("receivable " + id + " not found");
                }
                if (!change.apply(rows.get(0))) {
                    return new Outcome(id, false, null);
                }
                long rev = audit.newRevision();
                audit.record("receivable", rev, BulkAudit.RevType.MOD, List.of(id));
                return new Outcome(id, true, rev);
            });
        }
    }

    private static void refuseUnderLiveBoleto(long id, Row r, String what) {
        if (r.liveNossoNumero() != null) {
            throw new IllegalStateException("receivable " + id + " has a live boleto (nosso número " + r.liveNossoNumero()
                    + ") at the bank: it cannot be " + what + " until the boleto is cancelled (baixa) at the bank");
        }
    }
}
