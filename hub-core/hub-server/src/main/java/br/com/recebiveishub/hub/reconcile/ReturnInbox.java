package br.com.recebiveishub.hub.reconcile;

import br.com.recebiveishub.hub.platform.TenantInbox;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** The tenant inbox for bank return files: each file is reconciled by {@link ReconciliationService}. */
@Component
class ReturnInbox implements TenantInbox {

    private final TenantDirectories dirs;
    private final ReconciliationService reconciliation;

    ReturnInbox(TenantDirectories dirs, ReconciliationService reconciliation) {
        this.dirs = dirs;
        this.reconciliation = reconciliation;
    }

    @Override
    public String name() {
        return "return-inbox";
    }

    @Override
    public Path folder(String tenantId) {
        return dirs.returnInbox(tenantId);
    }

    @Override
    public Outcome handle(String tenantId, SourceFile file) {
        ReconciliationResult r = reconciliation.processReturn(tenantId, file);
        return new Outcome(!"FAILED".equals(r.importReport().status()), r.summary() + System.lineSeparator());
    }
}
