package br.com.recebiveishub.hub.security;

import static br.com.recebiveishub.hub.security.HubRoles.AUDITOR;
import static br.com.recebiveishub.hub.security.HubRoles.CLIENT_VIEWER;
import static br.com.recebiveishub.hub.security.HubRoles.COLLECTOR;
import static br.com.recebiveishub.hub.security.HubRoles.HUB_ADMIN;
import static br.com.recebiveishub.hub.security.HubRoles.IMPLEMENTER;
import static br.com.recebiveishub.hub.security.HubRoles.SUPERVISOR;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * The authorization matrix: which roles may call which endpoint. Any endpoint not listed is
 * refused (deny by default). Tenant membership is checked on top of this by
 * {@link TenantAccessFilter}. docs/security.md shows the same matrix for people.
 */
final class AccessRules {

    /** One row of the matrix. */
    record Rule(HttpMethod method, String pattern, List<String> roles) {
    }

    private static final String T = "/api/tenants/{tenantId}";

    static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.GET, "/api/plugins", List.of(HUB_ADMIN, IMPLEMENTER, AUDITOR)),
            new Rule(HttpMethod.POST, "/api/plugins", List.of(HUB_ADMIN)),
            new Rule(HttpMethod.POST, "/api/plugins/{pluginId}/disable", List.of(HUB_ADMIN)),
            new Rule(HttpMethod.POST, "/api/plugins/{pluginId}/enable", List.of(HUB_ADMIN)),
            new Rule(HttpMethod.DELETE, "/api/plugins/{pluginId}", List.of(HUB_ADMIN)),
            new Rule(HttpMethod.GET, "/api/plugins/{pluginId}/config-schema", List.of(HUB_ADMIN, IMPLEMENTER)),
            new Rule(HttpMethod.GET, "/api/tenants", HubRoles.ALL),
            new Rule(HttpMethod.POST, "/api/tenants", List.of(HUB_ADMIN, IMPLEMENTER)),
            new Rule(HttpMethod.GET, T, HubRoles.ALL),
            new Rule(HttpMethod.GET, T + "/bank-accounts", List.of(HUB_ADMIN, IMPLEMENTER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.POST, T + "/bank-accounts", List.of(HUB_ADMIN, IMPLEMENTER)),
            new Rule(HttpMethod.GET, T + "/plugins/{pluginId}/config", List.of(IMPLEMENTER, SUPERVISOR)),
            new Rule(HttpMethod.PUT, T + "/plugins/{pluginId}/config", List.of(IMPLEMENTER)),
            new Rule(HttpMethod.GET, T + "/plugins", List.of(HUB_ADMIN, IMPLEMENTER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.PUT, T + "/plugins/{pluginId}/enablement", List.of(IMPLEMENTER)),
            new Rule(HttpMethod.POST, T + "/plugins/{pluginId}/check", List.of(IMPLEMENTER)),
            new Rule(HttpMethod.GET, T + "/syncs", List.of(HUB_ADMIN, IMPLEMENTER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.GET, T + "/syncs/{pluginId}", List.of(HUB_ADMIN, IMPLEMENTER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.PUT, T + "/syncs/{pluginId}", List.of(IMPLEMENTER)),
            new Rule(HttpMethod.POST, T + "/syncs/{pluginId}/run", List.of(IMPLEMENTER, SUPERVISOR)),
            new Rule(HttpMethod.POST, T + "/syncs/{pluginId}/dry-run", List.of(IMPLEMENTER)),
            new Rule(HttpMethod.GET, T + "/dead-letters", List.of(IMPLEMENTER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.POST, T + "/dead-letters/{id}/replay", List.of(IMPLEMENTER, SUPERVISOR)),
            new Rule(HttpMethod.GET, T + "/write-backs", List.of(IMPLEMENTER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.GET, T + "/imports", List.of(HUB_ADMIN, IMPLEMENTER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.GET, T + "/imports/{id}", List.of(HUB_ADMIN, IMPLEMENTER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.POST, T + "/imports", List.of(IMPLEMENTER)),
            new Rule(HttpMethod.GET, T + "/receivables", List.of(HUB_ADMIN, IMPLEMENTER, COLLECTOR, SUPERVISOR, AUDITOR, CLIENT_VIEWER)),
            new Rule(HttpMethod.GET, T + "/receivables/{id}", List.of(HUB_ADMIN, IMPLEMENTER, COLLECTOR, SUPERVISOR, AUDITOR, CLIENT_VIEWER)),
            new Rule(HttpMethod.POST, T + "/receivables/{id}/cancellation", List.of(SUPERVISOR)),
            new Rule(HttpMethod.POST, T + "/receivables/{id}/write-off", List.of(SUPERVISOR)),
            new Rule(HttpMethod.PATCH, T + "/receivables/{id}", List.of(IMPLEMENTER, SUPERVISOR)),
            new Rule(HttpMethod.GET, T + "/customers/{id}", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.GET, T + "/charges", List.of(HUB_ADMIN, IMPLEMENTER, COLLECTOR, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.GET, T + "/charges/{id}", List.of(HUB_ADMIN, IMPLEMENTER, COLLECTOR, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.POST, T + "/charges/boletos", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR)),
            new Rule(HttpMethod.POST, T + "/charges/{id}/cancellation", List.of(SUPERVISOR)),
            new Rule(HttpMethod.POST, T + "/charges/pix", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR)),
            new Rule(HttpMethod.POST, T + "/pix/webhook", List.of(IMPLEMENTER)),
            new Rule(HttpMethod.POST, T + "/charges/card", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR)),
            new Rule(HttpMethod.POST, T + "/charges/payment-link", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR)),
            new Rule(HttpMethod.POST, T + "/card/webhook", List.of(IMPLEMENTER)),
            new Rule(HttpMethod.POST, T + "/charges/{id}/refunds", List.of(SUPERVISOR)),
            new Rule(HttpMethod.GET, T + "/charges/{id}/boleto.pdf", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR)),
            new Rule(HttpMethod.GET, T + "/charges/{id}/pix-qr.png", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR)),
            new Rule(HttpMethod.GET, T + "/remessas", List.of(IMPLEMENTER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.GET, T + "/remessas/{id}/file", List.of(IMPLEMENTER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.GET, T + "/payments", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.POST, T + "/returns", List.of(IMPLEMENTER, SUPERVISOR)),
            new Rule(HttpMethod.GET, T + "/returns/{importId}", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.POST, T + "/statements", List.of(IMPLEMENTER, SUPERVISOR)),
            new Rule(HttpMethod.GET, T + "/statements/{importId}", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.POST, T + "/allocations", List.of(COLLECTOR, SUPERVISOR)),
            new Rule(HttpMethod.GET, T + "/exceptions", List.of(IMPLEMENTER, COLLECTOR, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.GET, T + "/kpis", HubRoles.ALL),
            new Rule(HttpMethod.GET, T + "/audit/receivables/{id}/history", List.of(AUDITOR, SUPERVISOR)),
            new Rule(HttpMethod.GET, T + "/audit/revisions", List.of(AUDITOR)),
            new Rule(HttpMethod.GET, "/api/audit/search", List.of(AUDITOR)),
            new Rule(HttpMethod.GET, "/api/audit/verify", List.of(AUDITOR, HUB_ADMIN)),
            new Rule(HttpMethod.GET, "/api/audit/public-key", List.of(AUDITOR, HUB_ADMIN)));

    private AccessRules() {
    }
}
