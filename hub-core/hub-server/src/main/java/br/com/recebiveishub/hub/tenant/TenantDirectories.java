package br.com.recebiveishub.hub.tenant;

import br.com.recebiveishub.hub.platform.HubProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Where a tenant's files live under the data directory:
 * <pre>
 * tenants/{id}/inbox/erp        ERP exports to import (done/ and error/ beside the files)
 * tenants/{id}/inbox/retorno    bank return files to reconcile
 * tenants/{id}/inbox/extrato    bank statements (OFX) to reconcile
 * tenants/{id}/outbox/remessa   remittance files written for the bank
 * </pre>
 * Tenant ids are checked against {@code [a-z0-9-]} before they reach a path.
 */
@Component
public class TenantDirectories {

    private final Path root;

    public TenantDirectories(HubProperties props) {
        this.root = props.dataDir().resolve("tenants");
    }

    /** @return the ERP inbox of the tenant, created if missing */
    public Path erpInbox(String tenantId) {
        return dir(tenantId, "inbox/erp");
    }

    /** @return the bank return inbox of the tenant, created if missing */
    public Path returnInbox(String tenantId) {
        return dir(tenantId, "inbox/retorno");
    }

    /** @return the bank statement inbox of the tenant, created if missing */
    public Path statementInbox(String tenantId) {
        return dir(tenantId, "inbox/extrato");
    }

    /** @return the remittance outbox of the tenant, created if missing */
    public Path remessaOutbox(String tenantId) {
        return dir(tenantId, "outbox/remessa");
    }

    private Path dir(String tenantId, String sub) {
        if (tenantId == null || !tenantId.matches("[a-z0-9][a-z0-9-]{1,39}")) {
            throw new IllegalArgumentException("invalid tenant id");
        }
        Path p = root.resolve(tenantId).resolve(sub).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("invalid tenant id");
        }
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
