package br.com.recebiveishub.hub.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The implementation team configures a plugin for a tenant (onboarding a PSP account, an ERP API). */
@RestController
@Tag(name = "plugins")
public class PluginConfigController {

    private final PluginConfigs configs;
    private final TenantService tenants;

    public PluginConfigController(PluginConfigs configs, TenantService tenants) {
        this.configs = configs;
        this.tenants = tenants;
    }

    @GetMapping("/api/plugins/{pluginId}/config-schema")
    @Operation(summary = "The JSON Schema of a plugin's per-tenant settings (writeOnly properties are secrets)")
    public JsonNode schema(@PathVariable String pluginId) {
        return configs.schema(pluginId);
    }

    @GetMapping("/api/tenants/{tenantId}/plugins/{pluginId}/config")
    @Operation(summary = "The tenant's settings for a plugin; secrets are never returned, only which are set")
    public PluginConfigs.View get(@PathVariable String tenantId, @PathVariable String pluginId) {
        tenants.require(tenantId);
        return configs.get(tenantId, pluginId);
    }

    @PutMapping("/api/tenants/{tenantId}/plugins/{pluginId}/config")
    @Operation(summary = "Validates the settings against the plugin's schema and saves them; an omitted secret keeps its stored value")
    public PluginConfigs.View put(@PathVariable String tenantId, @PathVariable String pluginId, @RequestBody JsonNode settings) {
        tenants.require(tenantId);
        return configs.put(tenantId, pluginId, settings);
    }
}
