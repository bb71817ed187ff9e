package br.com.recebiveishub.hub.sync;

import br.com.recebiveishub.hub.plugin.PluginCalls;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.tenant.PluginConfigs;
import br.com.recebiveishub.hub.tenant.PluginEnablement;
import br.com.recebiveishub.sdk.ErpApiConnector;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Component;

/**
 * Finds a tenant's ERP API connector and its account: the plugin must be started, enabled for the
 * tenant and configured. Every call into the connector goes through {@link PluginCalls}.
 */
@Component
class ErpConnectors {

    private final PluginRuntime plugins;
    private final PluginEnablement enablement;
    private final PluginConfigs configs;
    private final PluginCalls calls;

    ErpConnectors(PluginRuntime plugins, PluginEnablement enablement, PluginConfigs configs, PluginCalls calls) {
        this.plugins = plugins;
        this.enablement = enablement;
        this.configs = configs;
        this.calls = calls;
    }

    /** A connector and the tenant's account for it. */
    record Bound(String pluginId, ErpApiConnector connector, ErpApiConnector.ErpAccount account) {
    }

    /** @throws IllegalStateException (409) naming the plugin when it is stopped, not a connector or disabled for the tenant */
    ErpApiConnector connector(String tenantId, String pluginId) {
        enablement.require(tenantId, pluginId);
        // one instance per plugin generation: a connector keeps state worth keeping between calls (Bling's access token;
        // its rotated refresh token is also handed to the hub through the account's SettingsKeeper and saved)
        return plugins.extension(ErpApiConnector.class, pluginId).orElseThrow(() -> new IllegalStateException(
                plugins.list().stream().filter(p -> p.id().equals(pluginId)).findFirst()
                        .map(p -> !"STARTED".equals(p.state())
                                ? "plugin " + pluginId + " is " + p.state() + (p.problem() == null ? "" : ": " + p.problem())
                                : "plugin " + pluginId + " is not an ERP API connector (it provides " + p.extensions() + ")")
                        .orElse("plugin " + pluginId + " is not installed")));
    }

    /**
     * A setting as the connector reads it (text). A whole number sent as {@code 30.0} is valid for a
     * {@code "type": "integer"} property (JSON Schema counts the value, not its spelling) and
     * reaches the plugin as {@code 30}, which its parser takes.
     */
    static String setting(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isNumber() && !value.isIntegralNumber() && value.canConvertToExactIntegral()) {
            return value.decimalValue().toBigIntegerExact().toString();
        }
        return value.toString();
    }

    /** @throws IllegalStateException (409) when the tenant has not configured the plugin */
    Bound bind(String tenantId, String pluginId) {
        ErpApiConnector c = connector(tenantId, pluginId);
        JsonNode settings;
        try {
            settings = configs.resolve(tenantId, pluginId);
        } catch (NoSuchElementException e) {
            throw new IllegalStateException("plugin " + pluginId + " has no settings for tenant " + tenantId
                    + " (PUT /api/tenants/" + tenantId + "/plugins/" + pluginId + "/config)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        settings.properties().forEach(e -> values.put(e.getKey(), setting(e.getValue())));
        return new Bound(pluginId, c, new ErpApiConnector.ErpAccount(tenantId, values, (name, value) -> {
            // called on the plugin's own thread (PluginCalls), where no audit scope of the caller is open
            try (br.com.recebiveishub.hub.audit.AuditContext.Scope s = br.com.recebiveishub.hub.audit.AuditContext.open(
                    "plugin:" + pluginId, tenantId, "setting " + name + " rotated by the ERP", "erp-sync")) {
                configs.keepRotated(tenantId, pluginId, name, value);
            }
        }));
    }

    PluginCalls calls() {
        return calls;
    }
}
