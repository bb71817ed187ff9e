package br.com.recebiveishub.hub.reconcile;

import br.com.recebiveishub.hub.ingest.ImportLog;
import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.hub.platform.Uploads;
import br.com.recebiveishub.hub.tenant.TenantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.NoSuchElementException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bank statements (OFX): import and result. */
@RestController
@RequestMapping("/api/tenants/{tenantId}")
@Tag(name = "reconciliation")
public class StatementController {

    private final StatementService service;
    private final TenantService tenants;
    private final HubProperties props;
    private final ImportLog importLog;

    public StatementController(StatementService service, TenantService tenants, HubProperties props, ImportLog importLog) {
        this.service = service;
        this.tenants = tenants;
        this.props = props;
        this.importLog = importLog;
    }

    @PostMapping(path = "/statements", consumes = "application/octet-stream")
    @Operation(summary = "Imports a bank statement (OFX) posted as the request body (same path as the inbox inbox/extrato); "
            + "an unreadable file is kept in inbox/extrato/error with its report")
    public StatementResult upload(@PathVariable String tenantId, @RequestParam String fileName, HttpServletRequest request)
            throws IOException {
        tenants.require(tenantId);
        return Uploads.withFile(props.dataDir(), fileName, request.getInputStream(), f -> {
            StatementResult r = service.importStatement(tenantId, f);
            if ("FAILED".equals(r.importReport().status())) {
                service.keep(tenantId, r.importReport().id(), f);
            }
            return r;
        });
    }

    @GetMapping("/statements/{importId}")
    @Operation(summary = "The result of one statement import of the tenant (404 for another tenant's or another kind of import)")
    public StatementResult result(@PathVariable String tenantId, @PathVariable long importId) {
        tenants.require(tenantId);
        importLog.get(tenantId, importId).filter(r -> ImportLog.Kind.BANK_STATEMENT.name().equals(r.kind()))
                .orElseThrow(() -> new NoSuchElementException("statement import " + importId + " not found"));
        return service.result(tenantId, importId);
    }
}
