package br.com.recebiveishub.hub.pix;

import br.com.recebiveishub.hub.audit.AuditContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-reads PENDING and UNKNOWN Pix charges at the PSP when their next check is due (exponential
 * backoff per charge, capped): settles what was paid (the webhook may never arrive, or arrive
 * unauthenticated), resolves UNKNOWN to PENDING or FAILED, marks an immediate cob past its expiration
 * EXPIRED, and removes at the PSP the cobs of receivables a boleto paid first (REMOVAL_REQUESTED). Interval {@code hub.pix.janitor.interval}
 * (default one minute).
 */
@Component
public class PixJanitor {

    private static final Logger log = LoggerFactory.getLogger(PixJanitor.class);

    private final PixChargeService charges;
    private final JdbcTemplate jdbc;
    private final int batch;

    public PixJanitor(PixChargeService charges, JdbcTemplate jdbc, @Value("${hub.pix.janitor.batch:200}") int batch) {
        this.charges = charges;
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${hub.pix.janitor.interval:PT1M}", initialDelayString = "${hub.pix.janitor.interval:PT1M}")
    public void scheduled() {
        runOnce(Instant.now());
    }

    /**
     * Checks every Pix charge due by {@code dueBy}.
     *
     * @return what each check did
     */
    public List<PixChargeService.CheckResult> runOnce(Instant dueBy) {
        List<Map<String, Object>> due;
        try (AuditContext.Scope s = AuditContext.system("pix-janitor")) {
            due = jdbc.queryForList("""
                    select tenant_id, id from charge where method = 'PIX' and status in ('PENDING', 'UNKNOWN', 'REMOVAL_REQUESTED')
                       and next_check_at <= ? order by next_check_at limit ?""", Timestamp.from(dueBy), batch);
        }
        List<PixChargeService.CheckResult> results = new java.util.ArrayList<>();
        for (Map<String, Object> row : due) {
            String tenantId = (String) row.get("tenant_id");
            long id = ((Number) row.get("id")).longValue();
            try (AuditContext.Scope s = AuditContext.open("system", tenantId, "pix janitor", "pix-janitor")) {
                results.add(charges.check(tenantId, id));
            } catch (RuntimeException e) {
                log.warn("tenant {}: Pix charge {} re-check failed: {}", tenantId, id, e.getClass().getSimpleName());
            }
        }
        if (!results.isEmpty()) {
            log.info("Pix janitor: {} charges checked", results.size());
        }
        return results;
    }
}
