package br.com.recebiveishub.hub.payment;

import br.com.recebiveishub.hub.audit.BulkAudit;
import java.sql.Array;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What follows a receivable being paid in full, whichever way the money came (bank return, Pix,
 * card or link, bank statement, manual allocation): every other charge that could still take the
 * payer's money is withdrawn at its provider, so the payer cannot pay twice (issue 4: "whichever
 * is paid first settles it, and the other is cancelled at the provider").
 *
 * <p>The charge row is the outbox: it is marked here, in the settlement's own transaction and
 * revision, and the provider is called later by the component that owns that rail, which retries
 * while the provider is down: a live boleto becomes {@code CANCEL_REQUESTED} (a baixa in the
 * account's next remessa, {@code CANCELLED} on the bank's 09), a live Pix cob {@code
 * REMOVAL_REQUESTED} (removed by the Pix janitor; a Pix paid before the removal is settled as an
 * exception, never lost). Card charges have nothing left to withdraw, and a Checkout Pro link has
 * no cancellation in the gateway's API (docs/payments.md, known limits).
 */
@Component
public class PaidReceivables {

    private final JdbcTemplate jdbc;
    private final BulkAudit audit;

    public PaidReceivables(JdbcTemplate jdbc, BulkAudit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Withdraws the live charges of those {@code receivableIds} that are now PAID. Receivables only
     * partly paid keep their charges: the payer still owes the rest. Call inside the settlement's
     * transaction, after the receivables' balances were updated and the charges that were paid were
     * marked PAID (so they are not live); the changes are recorded in revision {@code rev}.
     */
    public void retireOtherCharges(String tenantId, long rev, Collection<Long> receivableIds) {
        if (receivableIds.isEmpty()) {
            return;
        }
        List<Long> withdrawn = jdbc.execute((Connection con) -> {
            Array receivables = con.createArrayOf("bigint", receivableIds.toArray());
            try (var ps = con.prepareStatement("""
                    update charge c
                       set status = case c.method when 'BOLETO' then 'CANCEL_REQUESTED' else 'REMOVAL_REQUESTED' end,
                           next_check_at = case c.method when 'BOLETO' then c.next_check_at else now() end,
                           check_attempts = case c.method when 'BOLETO' then c.check_attempts else 0 end,
                           version = c.version + 1
                      from receivable r
                     where r.tenant_id = ? and r.id = any(?) and r.status = 'PAID'
                       and c.tenant_id = r.tenant_id and c.receivable_id = r.id
                       and ((c.method = 'BOLETO' and c.status in ('REGISTRATION_PENDING', 'REGISTERED', 'UNKNOWN'))
                         or (c.method = 'PIX' and c.status in ('PENDING', 'UNKNOWN')))
                    returning c.id""")) {
                ps.setString(1, tenantId);
                ps.setArray(2, receivables);
                try (var rs = ps.executeQuery()) {
                    List<Long> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                    return ids;
                }
            }
        });
        audit.record("charge", rev, BulkAudit.RevType.MOD, withdrawn);
    }
}
