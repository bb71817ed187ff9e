package br.com.recebiveishub.hub.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code plugins} component of {@code /actuator/health}: per plugin, its PF4J state and its
 * call record ({@link PluginCalls}). It stays UP when a plugin is unhealthy: the hub serves
 * everything else, and an orchestrator restarting the hub for one plugin would stop every tenant.
 * The details are shown to authenticated callers only (management.endpoint.health.show-details).
 */
@Component("plugins")
class PluginHealth implements HealthIndicator {

    private final PluginRuntime runtime;
    private final PluginCalls calls;

    PluginHealth(PluginRuntime runtime, PluginCalls calls) {
        this.runtime = runtime;
        this.calls = calls;
        // a plugin started again (re-enabled, upgraded) gets a clean health mark; its counters stay
        runtime.addListener((pluginId, started) -> {
            if (started) {
                calls.reset(pluginId);
            }
        });
    }

    @Override
    public Health health() {
        Map<String, PluginCalls.Stats> stats = new LinkedHashMap<>();
        calls.stats().forEach(s -> stats.put(s.pluginId(), s));
        Map<String, Object> details = new LinkedHashMap<>();
        int unhealthy = 0;
        for (PluginInfo p : runtime.list()) {
            PluginCalls.Stats s = stats.remove(p.id());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", p.state());
            d.put("version", p.version());
            String health = health(s);
            d.put("health", health);
            put(d, s);
            unhealthy += health.equals("HEALTHY") ? 0 : 1;
            details.put(p.id(), d);
        }
        for (PluginCalls.Stats s : stats.values()) { // called, then uninstalled
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", "UNINSTALLED");
            d.put("health", health(s));
            put(d, s);
            details.put(s.pluginId(), d);
        }
        return Health.up().withDetail("unhealthy", unhealthy).withDetails(details).build();
    }

    /** UNHEALTHY (it crashed), SATURATED (every bulkhead slot taken: new calls are refused) or HEALTHY. */
    private static String health(PluginCalls.Stats s) {
        if (s == null) {
            return "HEALTHY";
        }
        return !s.healthy() ? "UNHEALTHY" : s.saturated() ? "SATURATED" : "HEALTHY";
    }

    private static void put(Map<String, Object> d, PluginCalls.Stats s) {
        d.put("calls", s == null ? 0 : s.calls());
        d.put("failures", s == null ? 0 : s.failures());
        d.put("timeouts", s == null ? 0 : s.timeouts());
        d.put("bulkheadRejections", s == null ? 0 : s.bulkheadRejections());
        d.put("inFlight", s == null ? 0 : s.inFlight());
        d.put("maxConcurrent", s == null ? null : s.maxConcurrent());
        d.put("abandoned", s == null ? 0 : s.abandoned());
        d.put("lastError", s == null ? null : s.lastError());
        d.put("lastErrorAt", s == null || s.lastErrorAt() == null ? null : s.lastErrorAt().toString());
    }
}
