package br.com.recebiveishub.hub.tenant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The implementation team chooses which plugins serve a tenant. */
@RestController
@Tag(name = "plugins")
class PluginEnablementController {

    /** @param enabled whether the plugin serves the tenant; required */
    record Choice(Boolean enabled) {
    }

    private final PluginEnablement enablement;
    private final TenantService tenants;

    PluginEnablementController(PluginEnablement enablement, TenantService tenants) {
        this.enablement = enablement;
        this.tenants = tenants;
    }

    @GetMapping("/api/tenants/{tenantId}/plugins")
    @Operation(summary = "The installed plugins and whether each serves the tenant (ERP API connectors are off until enabled)")
    List<PluginEnablement.View> list(@PathVariable String tenantId) {
        tenants.require(tenantId);
        return enablement.list(tenantId);
    }

    @PutMapping("/api/tenants/{tenantId}/plugins/{pluginId}/enablement")
    @Operation(summary = "Enables or disables a plugin for the tenant ({\"enabled\": true|false}); a disabled plugin's syncs stop")
    PluginEnablement.View set(@PathVariable String tenantId, @PathVariable String pluginId, @RequestBody Choice choice) {
        tenants.require(tenantId);
        if (choice == null || choice.enabled() == null) {
            throw new IllegalArgumentException("enabled: required (true or false)");
        }
        return enablement.set(tenantId, pluginId, choice.enabled());
    }
}
