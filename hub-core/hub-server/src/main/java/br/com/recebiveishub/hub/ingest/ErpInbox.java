package br.com.recebiveishub.hub.ingest;

import br.com.recebiveishub.hub.platform.TenantInbox;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** The tenant inbox for ERP exports: each file is imported by {@link IngestService}. */
@Component
class ErpInbox implements TenantInbox {

    private final TenantDirectories dirs;
    private final IngestService ingest;

    ErpInbox(TenantDirectories dirs, IngestService ingest) {
        this.dirs = dirs;
        this.ingest = ingest;
    }

    @Override
    public String name() {
        return "erp-inbox";
    }

    @Override
    public Path folder(String tenantId) {
        return dirs.erpInbox(tenantId);
    }

    @Override
    public Outcome handle(String tenantId, SourceFile file) {
        ImportReport r = ingest.importFile(tenantId, file);
        return new Outcome(!"FAILED".equals(r.status()), r.summary() + System.lineSeparator());
    }
}
