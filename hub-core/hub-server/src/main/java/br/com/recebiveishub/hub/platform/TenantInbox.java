package br.com.recebiveishub.hub.platform;

import br.com.recebiveishub.sdk.model.SourceFile;
import java.nio.file.Path;

/**
 * A kind of tenant inbox (ERP exports, bank returns): where its files are dropped and what
 * applies them. Each capability that consumes files declares one as a bean;
 * {@link TenantInboxRoutes} starts one Camel route per tenant and inbox.
 */
public interface TenantInbox {

    /** The outcome of handling one file. */
    record Outcome(boolean applied, String report) {
    }

    /** @return a short name used in route ids, e.g. {@code erp-inbox} */
    String name();

    /** @return the tenant's folder for this inbox, created if missing */
    Path folder(String tenantId);

    /** Applies one file for the tenant; never throws for a bad file, reports it instead. */
    Outcome handle(String tenantId, SourceFile file);
}
