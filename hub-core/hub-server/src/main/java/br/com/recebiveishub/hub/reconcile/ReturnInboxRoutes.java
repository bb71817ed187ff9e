package br.com.recebiveishub.hub.reconcile;

import br.com.recebiveishub.hub.platform.TenantInboxRoutes;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.hub.tenant.TenantService;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Starts the bank return inbox route of every tenant: at start-up and when a tenant is created. */
@Component
public class ReturnInboxRoutes implements CamelContextConfiguration {

    private final CamelContext camel;
    private final TenantService tenants;
    private final TenantDirectories dirs;
    private final ReconciliationService reconciliation;
    private final long pollMillis;

    public ReturnInboxRoutes(CamelContext camel, TenantService tenants, TenantDirectories dirs, ReconciliationService reconciliation,
                             @Value("${hub.inbox.poll-millis:1000}") long pollMillis) {
        this.camel = camel;
        this.tenants = tenants;
        this.dirs = dirs;
        this.reconciliation = reconciliation;
        this.pollMillis = pollMillis;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        tenants.list().forEach(t -> start(t.getId()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onTenantCreated(TenantService.TenantCreated e) {
        start(e.tenantId());
    }

    private void start(String tenantId) {
        TenantInboxRoutes.add(camel, "return-inbox-" + tenantId, tenantId, dirs.returnInbox(tenantId), pollMillis, (t, file) -> {
            ReconciliationResult r = reconciliation.processReturn(t, file);
            return new TenantInboxRoutes.Outcome(!"FAILED".equals(r.importReport().status()), r.summary() + System.lineSeparator());
        });
    }
}
