package br.com.recebiveishub.hub.ingest;

import br.com.recebiveishub.hub.platform.TenantInboxRoutes;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.hub.tenant.TenantService;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

/** Starts the ERP inbox route of every tenant: at start-up and when a tenant is created. */
@Component
public class ErpInboxRoutes implements CamelContextConfiguration {

    private final CamelContext camel;
    private final TenantService tenants;
    private final TenantDirectories dirs;
    private final IngestService ingest;
    private final long pollMillis;

    public ErpInboxRoutes(CamelContext camel, TenantService tenants, TenantDirectories dirs, IngestService ingest,
                          @Value("${hub.inbox.poll-millis:1000}") long pollMillis) {
        this.camel = camel;
        this.tenants = tenants;
        this.dirs = dirs;
        this.ingest = ingest;
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
        TenantInboxRoutes.add(camel, "erp-inbox-" + tenantId, tenantId, dirs.erpInbox(tenantId), pollMillis, (t, file) -> {
            ImportReport r = ingest.importFile(t, file);
            return new TenantInboxRoutes.Outcome(!"FAILED".equals(r.status()), r.summary() + System.lineSeparator());
        });
    }
}
