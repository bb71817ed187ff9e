package br.com.recebiveishub.hub.sync;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.tenant.PluginEnablement;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One Camel timer route per tenant and ERP API connector ({@code erp-sync-<tenant>-<plugin>}), and
 * the write-back worker's route. A sync's route runs while its schedule is enabled, the plugin is
 * started and the plugin is enabled for the tenant: it stops when any of them stops (plugin
 * disabled or uninstalled globally, disabled for the tenant, schedule disabled) and starts again
 * with them. A run in progress when its route stops finishes its current read.
 */
@Component
class SyncRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SyncRoutes.class);

    private final CamelContext camel;
    private final SyncService syncs;
    private final PluginEnablement enablement;
    private final PluginRuntime plugins;
    private final WriteBacks writeBacks;
    private final long writeBackPollMillis;
    private final long minuteMillis;

    /**
     * @param minuteMillis how long a schedule's minute lasts: 60000, shorter only in tests
     */
    SyncRoutes(CamelContext camel, SyncService syncs, PluginEnablement enablement, PluginRuntime plugins, WriteBacks writeBacks,
               @Value("${hub.sync.write-back-poll-millis:5000}") long writeBackPollMillis,
               @Value("${hub.sync.minute-millis:60000}") long minuteMillis) {
        this.camel = camel;
        this.syncs = syncs;
        this.enablement = enablement;
        this.plugins = plugins;
        this.writeBacks = writeBacks;
        this.writeBackPollMillis = writeBackPollMillis;
        this.minuteMillis = minuteMillis;
        plugins.addListener((pluginId, started) -> refreshPlugin(pluginId));
    }

    static String routeId(String tenantId, String pluginId) {
        return "erp-sync-" + tenantId + "-" + pluginId;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        try (AuditContext.Scope s = AuditContext.system("job:sync-routes")) {
            for (String[] tp : syncs.scheduled()) {
                refresh(tp[0], tp[1]);
            }
        }
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    fromF("timer:erp-write-back?period=%d&delay=%d", writeBackPollMillis, writeBackPollMillis)
                            .routeId("erp-write-back")
                            .process(e -> writeBacks.sendDue());
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot start route erp-write-back", e);
        }
    }

    @EventListener
    void onSchedule(SyncService.ScheduleChanged e) {
        try (AuditContext.Scope s = AuditContext.system("job:sync-routes")) {
            refresh(e.tenantId(), e.pluginId());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onEnablement(PluginEnablement.Changed e) {
        try (AuditContext.Scope s = AuditContext.system("job:sync-routes")) {
            refresh(e.tenantId(), e.pluginId());
        }
    }

    private void refreshPlugin(String pluginId) {
        try (AuditContext.Scope s = AuditContext.system("job:sync-routes")) {
            for (String[] tp : syncs.scheduled()) {
                if (tp[1].equals(pluginId)) {
                    refresh(tp[0], tp[1]);
                }
            }
        }
    }

    /** Starts, restarts (new interval) or stops the route of one sync to match its schedule, plugin and enablement. */
    synchronized void refresh(String tenantId, String pluginId) {
        String id = routeId(tenantId, pluginId);
        Optional<long[]> timing = syncs.timing(tenantId, pluginId);
        boolean should = timing.isPresent() && plugins.isStarted(pluginId) && enablement.isEnabled(tenantId, pluginId);
        try {
            Route existing = camel.getRoute(id);
            if (existing != null) {
                // a sync in progress is not waited for: it finishes its read on the timer's thread
                camel.getRouteController().stopRoute(id, 2, java.util.concurrent.TimeUnit.SECONDS);
                camel.removeRoute(id);
            }
            if (!should) {
                if (existing != null) {
                    log.info("route {} stopped", id);
                }
                return;
            }
            long period = timing.get()[0] * minuteMillis;
            long delay = Math.min(timing.get()[1], period);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    fromF("timer:%s?period=%d&delay=%d", id, period, Math.max(1, delay))
                            .routeId(id)
                            .process(e -> scheduledRun(id, tenantId, pluginId));
                }
            });
            log.info("route {} started (every {} min)", id, timing.get()[0]);
        } catch (Exception e) {
            throw new IllegalStateException("cannot change route " + id, e);
        }
    }

    boolean isRunning(String tenantId, String pluginId) {
        return camel.getRoute(routeId(tenantId, pluginId)) != null;
    }

    private void scheduledRun(String routeId, String tenantId, String pluginId) {
        try (AuditContext.Scope s = AuditContext.open("system:" + routeId, tenantId, "scheduled sync", "route:" + routeId)) {
            syncs.run(tenantId, pluginId);
        } catch (RuntimeException e) {
            // recorded on the sync and as a dead letter where it came from the read; here only what stopped it from starting
            log.warn("{}: {}", routeId, e.getMessage());
        }
    }
}
