package br.com.recebiveishub.hub.sync;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.plugin.PluginCalls;
import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.InstantPaymentProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the payment write-backs the database enqueued (trigger {@code receivable_paid_write_back}:
 * a receivable from an ERP API connector turned PAID) to the connector, with the same idempotency
 * key on every attempt. Sent: done. Refused by the ERP: a dead letter. Unknown (timeout, 5xx, the
 * plugin hung or crashed): tried again with exponential backoff, and a dead letter after the last
 * attempt. A plugin stopped or disabled for the tenant leaves its write-backs waiting.
 */
@Component
class WriteBacks {

    private static final Logger log = LoggerFactory.getLogger(WriteBacks.class);

    /** What one attempt did: SENT, ALREADY_RECORDED, REFUSED, RETRY, DEAD or WAITING (plugin not serving the tenant). */
    record Attempt(long id, String outcome, String detail) {
    }

    private final ErpConnectors connectors;
    private final DeadLetters deadLetters;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final int maxAttempts;
    private final Duration firstBackoff;
    /**
     * Write-backs whose call is still running in the plugin (a timed-out call goes on there): the
     * same key is never sent twice at once, since a connector whose ERP takes no idempotency key
     * (Bling) checks before writing and two concurrent attempts could both pass the check.
     */
    private final java.util.Set<Long> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    WriteBacks(ErpConnectors connectors, DeadLetters deadLetters, JdbcTemplate jdbc, TransactionTemplate tx,
               @Value("${hub.sync.write-back-attempts:8}") int maxAttempts,
               @Value("${hub.sync.write-back-backoff:30s}") Duration firstBackoff) {
        this.connectors = connectors;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.tx = tx;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    /** Sends every write-back that is due (the worker route calls it). */
    void sendDue() {
        List<Map<String, Object>> due;
        try (AuditContext.Scope s = AuditContext.system("job:erp-write-back")) {
            due = tx.execute(st -> jdbc.queryForList("select id, tenant_id from erp_write_back where status = 'PENDING' "
                    + "and next_attempt_at <= now() order by next_attempt_at limit 100"));
        }
        for (Map<String, Object> row : due) {
            String tenantId = (String) row.get("tenant_id");
            try (AuditContext.Scope s = AuditContext.open("system:erp-write-back", tenantId, "payment write-back", "route:erp-write-back")) {
                send(tenantId, ((Number) row.get("id")).longValue());
            } catch (RuntimeException e) {
                log.warn("write-back {} of tenant {}: {}", row.get("id"), tenantId, e.getMessage());
            }
        }
    }

    /** Makes one attempt of a PENDING write-back, within the caller's tenant scope. */
    Attempt send(String tenantId, long id) {
        List<Map<String, Object>> rows = tx.execute(st -> jdbc.queryForList("""
                select w.plugin_id, w.idempotency_key, w.attempts, w.status, r.external_id,
                       (select max(p.payment_date) from allocation a join payment p on p.id = a.payment_id where a.receivable_id = r.id) as paid_on,
                       (select coalesce(sum(a.amount), 0) from allocation a where a.receivable_id = r.id) as amount,
                       (select c.method from allocation a join payment p on p.id = a.payment_id join charge c on c.id = p.charge_id
                         where a.receivable_id = r.id order by a.id desc limit 1) as method
                  from erp_write_back w join receivable r on r.id = w.receivable_id
                 where w.tenant_id = ? and w.id = ?""", tenantId, id));
        if (rows.isEmpty()) {
            throw new java.util.NoSuchElementException("write-back " + id + " not found");
        }
        Map<String, Object> w = rows.get(0);
        if (!"PENDING".equals(w.get("status"))) {
            return new Attempt(id, (String) w.get("status"), "not pending");
        }
        String pluginId = (String) w.get("plugin_id");
        ErpConnectors.Bound b;
        try {
            b = connectors.bind(tenantId, pluginId);
        } catch (IllegalStateException e) {
            // the plugin does not serve the tenant now: the write-back waits (without spending an attempt)
            tx.executeWithoutResult(st -> jdbc.update("update erp_write_back set next_attempt_at = now() + ?::interval, last_error = ? "
                    + "where id = ?", firstBackoff.toSeconds() + " seconds", DeadLetters.cut(e.getMessage(), 1000), id));
            return new Attempt(id, "WAITING", e.getMessage());
        }
        LocalDate paidOn = w.get("paid_on") == null ? LocalDate.now(java.time.ZoneId.of("America/Sao_Paulo"))
                : ((java.sql.Date) w.get("paid_on")).toLocalDate();
        BigDecimal amount = (BigDecimal) w.get("amount");
        String method = w.get("method") == null ? "OTHER" : (String) w.get("method");
        ErpApiConnector.PaymentWriteBack payment = new ErpApiConnector.PaymentWriteBack((String) w.get("idempotency_key"),
                (String) w.get("external_id"), paidOn, amount, method, "Recebíveis Hub");
        int attempt = ((Number) w.get("attempts")).intValue() + 1;
        if (!inFlight.add(id)) {
            return new Attempt(id, "IN_FLIGHT", "the previous attempt is still running in the plugin");
        }
        try {
            ErpApiConnector.WriteBackReceipt receipt;
            try {
                receipt = connectors.calls().call(pluginId, "ErpApiConnector.writeBackPayment", () -> {
                    try {
                        return b.connector().writeBackPayment(b.account(), payment);
                    } finally {
                        inFlight.remove(id);
                    }
                });
            } catch (PluginCalls.PluginCallException e) {
                if ("BULKHEAD_FULL".equals(e.kind())) {
                    inFlight.remove(id); // never started
                }
                throw e;
            }
            tx.executeWithoutResult(st -> jdbc.update("update erp_write_back set status = 'SENT', attempts = ?, sent_at = now(), "
                    + "erp_reference = ?, last_error = null where id = ?", attempt, DeadLetters.cut(receipt.erpReference(), 200), id));
            return new Attempt(id, receipt.alreadyRecorded() ? "ALREADY_RECORDED" : "SENT", receipt.erpReference());
        } catch (InstantPaymentProvider.RefusedException e) {
            String reason = "the ERP refused the write-back: " + e.getMessage();
            tx.executeWithoutResult(st -> {
                jdbc.update("update erp_write_back set status = 'REFUSED', attempts = ?, last_error = ? where id = ?",
                        attempt, DeadLetters.cut(reason, 1000), id);
                deadLetters.add(tenantId, pluginId, DeadLetters.Kind.WRITE_BACK_REFUSED, reason, null, null, null, null, id);
            });
            return new Attempt(id, "REFUSED", reason);
        } catch (RuntimeException e) {
            // UnknownOutcomeException, ErpUnavailableException, a timeout or crash of the plugin: it may have been written
            String reason = (e instanceof PluginCalls.PluginCallException ? "" : "outcome unknown (" + e.getClass().getSimpleName() + "): ")
                    + e.getMessage();
            boolean dead = attempt >= maxAttempts;
            long backoffSeconds = Math.min(3600, firstBackoff.toSeconds() << Math.min(attempt - 1, 16));
            tx.executeWithoutResult(st -> {
                jdbc.update("update erp_write_back set status = ?, attempts = ?, last_error = ?, next_attempt_at = now() + ?::interval "
                        + "where id = ?", dead ? "DEAD" : "PENDING", attempt, DeadLetters.cut(reason, 1000), backoffSeconds + " seconds", id);
                if (dead) {
                    deadLetters.add(tenantId, pluginId, DeadLetters.Kind.WRITE_BACK_UNKNOWN, "still unknown after " + attempt + " attempts: "
                            + reason, null, null, null, null, id);
                }
            });
            return new Attempt(id, dead ? "DEAD" : "RETRY", reason);
        }
    }

    /** Puts a refused or dead write-back back in the queue (same idempotency key) and tries it at once. */
    Attempt replay(String tenantId, long id) {
        tx.executeWithoutResult(st -> jdbc.update("update erp_write_back set status = 'PENDING', attempts = 0, next_attempt_at = now() "
                + "where tenant_id = ? and id = ? and status in ('REFUSED', 'DEAD')", tenantId, id));
        return send(tenantId, id);
    }

    /** @return the tenant's write-backs, newest first */
    List<Map<String, Object>> list(String tenantId) {
        return tx.execute(st -> jdbc.queryForList("select id, plugin_id, receivable_id, idempotency_key, status, attempts, next_attempt_at, "
                + "erp_reference, last_error, created_at, sent_at from erp_write_back where tenant_id = ? order by id desc limit 500", tenantId));
    }
}
