package br.com.recebiveishub.hub.ingest;

import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.hub.platform.Uploads;
import br.com.recebiveishub.hub.tenant.TenantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Imports of ERP exports and bank returns, with their reports. */
@RestController
@RequestMapping("/api/tenants/{tenantId}/imports")
@Tag(name = "imports")
public class ImportController {

    private final ImportLog log;
    private final IngestService ingest;
    private final TenantService tenants;
    private final HubProperties props;

    public ImportController(ImportLog log, IngestService ingest, TenantService tenants, HubProperties props) {
        this.log = log;
        this.ingest = ingest;
        this.tenants = tenants;
        this.props = props;
    }

    @GetMapping
    @Operation(summary = "Imports of the tenant, newest first (reports without the rejection lists)")
    public List<ImportReport> list(@PathVariable String tenantId, @RequestParam(defaultValue = "100") int limit) {
        tenants.require(tenantId);
        return log.list(tenantId, Math.min(Math.max(limit, 1), 1000));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One import with every rejected record (file, line, field, reason)")
    public ImportReport get(@PathVariable String tenantId, @PathVariable long id) {
        return log.get(tenantId, id).orElseThrow(() -> new NoSuchElementException("import " + id + " not found"));
    }

    @PostMapping(consumes = "application/octet-stream")
    @Operation(summary = "Imports an ERP export posted as the request body (same path as the inbox); dryRun=true runs every "
            + "check and rolls back: the report shows per-row errors and nothing is written")
    public ImportReport upload(@PathVariable String tenantId, @RequestParam String fileName,
                               @RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request) throws IOException {
        tenants.require(tenantId);
        return Uploads.withFile(props.dataDir(), fileName, request.getInputStream(),
                f -> dryRun ? ingest.dryRun(tenantId, f) : ingest.importFile(tenantId, f));
    }
}
