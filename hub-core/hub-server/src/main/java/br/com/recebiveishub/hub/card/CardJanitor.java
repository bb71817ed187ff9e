package br.com.recebiveishub.hub.card;

import br.com.recebiveishub.hub.audit.AuditContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-reads PENDING and UNKNOWN card charges and payment links at the gateway when their next check
 * is due (exponential backoff per charge, capped): settles what was paid (the webhook may never
 * arrive, or arrive unverified), finds the payment of an unknown create by its external reference.
 * Interval {@code hub.card.janitor.interval} (default one minute).
 */
@Component
public class CardJanitor {

    private static final Logger log = LoggerFactory.getLogger(CardJanitor.class);

    private final CardChargeService charges;
    private final JdbcTemplate jdbc;
    private final int batch;

    public CardJanitor(CardChargeService charges, JdbcTemplate jdbc, @Value("${hub.card.janitor.batch:200}") int batch) {
        this.charges = charges;
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${hub.card.janitor.interval:PT1M}", initialDelayString = "${hub.card.janitor.interval:PT1M}")
    public void scheduled() {
        runOnce(Instant.now());
    }

    /** Checks every card or link charge due by {@code dueBy}. */
    public List<CardChargeService.CheckResult> runOnce(Instant dueBy) {
        List<Map<String, Object>> due;
        try (AuditContext.Scope s = AuditContext.system("card-janitor")) {
            due = jdbc.queryForList("""
                    select tenant_id, id from charge where method in ('CARD', 'LINK') and status in ('PENDING', 'UNKNOWN')
                       and next_check_at <= ? order by next_check_at limit ?""", Timestamp.from(dueBy), batch);
        }
        List<CardChargeService.CheckResult> results = new ArrayList<>();
        for (Map<String, Object> row : due) {
            String tenantId = (String) row.get("tenant_id");
            long id = ((Number) row.get("id")).longValue();
            try (AuditContext.Scope s = AuditContext.open("system", tenantId, "card janitor", "card-janitor")) {
                results.add(charges.check(tenantId, id));
            } catch (RuntimeException e) {
                log.warn("tenant {}: card charge {} re-check failed: {}", tenantId, id, e.getClass().getSimpleName());
            }
        }
        if (!results.isEmpty()) {
            log.info("card janitor: {} charges checked", results.size());
        }
        return results;
    }
}
