package br.com.recebiveishub.hub.tenant;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.plugin.PluginInfo;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which plugins serve which tenant. Without an explicit choice a plugin is enabled, except an ERP
 * API connector: it reads and writes a client's ERP with the client's credentials, so it serves a
 * tenant only once the implementation team enables it there. File formats (erp-file, pay-boleto,
 * bank-ofx) and the payment plugins keep working for every tenant as before.
 */
@Service
public class PluginEnablement {

    /** Published after a change commits: the sync routes of the plugin for the tenant stop or start. */
    public record Changed(String tenantId, String pluginId, boolean enabled) {
    }

    /**
     * A plugin as one tenant sees it.
     *
     * @param explicit whether the implementation team chose (false: the default applies)
     */
    public record View(String pluginId, String version, String state, List<String> extensions, boolean enabled, boolean explicit,
                       Instant updatedAt) {
    }

    static final String ERP_API = "ErpApiConnector";

    private final PluginRuntime plugins;
    private final JdbcTemplate jdbc;
    private final BulkAudit audit;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    PluginEnablement(PluginRuntime plugins, JdbcTemplate jdbc, BulkAudit audit, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.plugins = plugins;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.events = events;
    }

    private record Row(boolean enabled, Instant updatedAt) {
    }

    private Map<String, Row> rows(String tenantId) {
        return jdbc.query("select plugin_id, enabled, updated_at from plugin_enablement where tenant_id = ?",
                (rs, i) -> Map.entry(rs.getString(1), new Row(rs.getBoolean(2), rs.getTimestamp(3).toInstant())), tenantId)
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** @return every installed plugin with whether it serves the tenant */
    public List<View> list(String tenantId) {
        Map<String, Row> rows = tx.execute(s -> rows(tenantId));
        return plugins.list().stream().filter(p -> !"REFUSED".equals(p.state())).map(p -> view(p, rows.get(p.id()))).toList();
    }

    private static View view(PluginInfo p, Row row) {
        boolean enabled = row != null ? row.enabled() : !p.extensions().contains(ERP_API);
        return new View(p.id(), p.version(), p.state(), p.extensions(), enabled, row != null, row == null ? null : row.updatedAt());
    }

    /** @return whether the plugin serves the tenant (enabled for it; the plugin itself may still be stopped) */
    public boolean isEnabled(String tenantId, String pluginId) {
        Row row = tx.execute(s -> rows(tenantId).get(pluginId));
        if (row != null) {
            return row.enabled();
        }
        return plugins.list().stream().filter(p -> p.id().equals(pluginId)).findFirst()
                .map(p -> !p.extensions().contains(ERP_API)).orElse(false);
    }

    /** @throws IllegalStateException (409) naming the plugin when it does not serve the tenant */
    public void require(String tenantId, String pluginId) {
        if (!isEnabled(tenantId, pluginId)) {
            throw new IllegalStateException("plugin " + pluginId + " is not enabled for tenant " + tenantId
                    + " (PUT /api/tenants/" + tenantId + "/plugins/" + pluginId + "/enablement {\"enabled\": true})");
        }
    }

    /**
     * Enables or disables a plugin for a tenant (an audited revision; repeating the same choice
     * changes nothing).
     *
     * @throws NoSuchElementException when no such plugin is installed
     */
    public View set(String tenantId, String pluginId, boolean enabled) {
        PluginInfo p = plugins.list().stream().filter(i -> i.id().equals(pluginId) && !"REFUSED".equals(i.state())).findFirst()
                .orElseThrow(() -> new NoSuchElementException("plugin " + pluginId + " is not installed"));
        if (!enabled && !p.extensions().contains(ERP_API) && !p.extensions().contains("ErpConnector")) {
            // Only the ERP connectors consult the tenant's choice so far: accepting the switch for another plugin would
            // tell the team it is off for the tenant while payments still go through it.
            throw new IllegalStateException("plugin " + pluginId + " (" + String.join(", ", p.extensions()) + ") cannot be disabled "
                    + "for one tenant yet: per-tenant enablement applies to ERP connectors; disable it for the whole hub "
                    + "(POST /api/plugins/" + pluginId + "/disable) or remove the tenant's settings for it");
        }
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, (enabled ? "enable" : "disable") + " plugin " + pluginId, null)) {
            boolean changed = Boolean.TRUE.equals(tx.execute(st -> {
                List<Map<String, Object>> old = jdbc.queryForList(
                        "select id, enabled from plugin_enablement where tenant_id = ? and plugin_id = ? for update", tenantId, pluginId);
                if (!old.isEmpty() && (Boolean) old.get(0).get("enabled") == enabled) {
                    return false;
                }
                long rev = audit.newRevision();
                long id;
                if (old.isEmpty()) {
                    id = jdbc.queryForObject("insert into plugin_enablement (tenant_id, plugin_id, enabled) values (?,?,?) returning id",
                            Long.class, tenantId, pluginId, enabled);
                } else {
                    id = ((Number) old.get(0).get("id")).longValue();
                    jdbc.update("update plugin_enablement set enabled = ?, updated_at = now(), version = version + 1 where id = ?", enabled, id);
                }
                audit.record("plugin_enablement", rev, old.isEmpty() ? BulkAudit.RevType.ADD : BulkAudit.RevType.MOD, List.of(id));
                events.publishEvent(new Changed(tenantId, pluginId, enabled));
                return true;
            }));
            Row row = tx.execute(st -> rows(tenantId).get(pluginId));
            return view(p, row);
        }
    }
}
