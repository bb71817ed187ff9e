package br.com.recebiveishub.hub.tenant;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.platform.TenantInboxRoutes;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the inbox routes which tenants exist, and starts a new tenant's routes once its creation
 * is committed (a route polling before the commit would not find the tenant).
 */
@Component
class TenantRoutesStarter implements TenantInboxRoutes.TenantIds {

    private final TenantRepository tenants;
    private final TenantInboxRoutes routes;

    TenantRoutesStarter(TenantRepository tenants, @Lazy TenantInboxRoutes routes) {
        this.tenants = tenants;
        this.routes = routes;
    }

    @Override
    public List<String> all() {
        try (AuditContext.Scope s = AuditContext.system("job:inbox-routes")) {
            return tenants.findAll().stream().map(Tenant::getId).sorted().toList();
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onTenantCreated(TenantService.TenantCreated e) {
        routes.startFor(e.tenantId());
    }
}
