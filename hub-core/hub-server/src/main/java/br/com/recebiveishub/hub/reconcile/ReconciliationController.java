package br.com.recebiveishub.hub.reconcile;

import br.com.recebiveishub.hub.ingest.ImportLog;
import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.hub.platform.Uploads;
import br.com.recebiveishub.hub.tenant.TenantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bank returns and the reconciliation exceptions queue. */
@RestController
@RequestMapping("/api/tenants/{tenantId}")
@Tag(name = "reconciliation")
public class ReconciliationController {

    /**
     * An exception to resolve. A statement credit's exception names its entry and the candidates the
     * matcher proposed, best first (never applied: a person allocates with POST .../allocations).
     */
    public record ExceptionView(long id, Long importId, Long paymentId, Long chargeId, String kind, String reason, String status,
                                Instant createdAt, Instant resolvedAt, String resolvedBy, String resolution, Long statementEntryId,
                                List<Suggestion> suggestions) {
    }

    /** A candidate receivable for a statement credit, with its score and why. */
    public record Suggestion(long receivableId, Long chargeId, java.math.BigDecimal score, String rule, String detail) {
    }

    private final ReconciliationService service;
    private final TenantService tenants;
    private final JdbcTemplate jdbc;
    private final HubProperties props;
    private final ImportLog importLog;
    private final ManualAllocations manual;

    /** Body of a manual allocation. */
    public record AllocationRequest(Long paymentId, Long receivableId, java.math.BigDecimal amount, String reason) {
    }

    public ReconciliationController(ReconciliationService service, TenantService tenants, JdbcTemplate jdbc, HubProperties props,
                                    ImportLog importLog, ManualAllocations manual) {
        this.manual = manual;
        this.service = service;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.props = props;
        this.importLog = importLog;
    }

    @PostMapping(path = "/returns", consumes = "application/octet-stream")
    @Operation(summary = "Reconciles a bank return file posted as the request body (same path as the inbox)")
    public ReconciliationResult upload(@PathVariable String tenantId, @RequestParam String fileName, HttpServletRequest request)
            throws IOException {
        tenants.require(tenantId);
        return Uploads.withFile(props.dataDir(), fileName, request.getInputStream(), f -> service.processReturn(tenantId, f));
    }

    @GetMapping("/returns/{importId}")
    @Operation(summary = "The reconciliation of one bank return of the tenant (404 for another tenant's or an ERP import)")
    public ReconciliationResult result(@PathVariable String tenantId, @PathVariable long importId) {
        tenants.require(tenantId);
        importLog.get(tenantId, importId).filter(r -> ImportLog.Kind.BANK_RETURN.name().equals(r.kind()))
                .orElseThrow(() -> new NoSuchElementException("return import " + importId + " not found"));
        return service.result(tenantId, importId);
    }

    @GetMapping("/exceptions")
    public List<ExceptionView> exceptions(@PathVariable String tenantId, @RequestParam(defaultValue = "OPEN") String status,
                                          @RequestParam(defaultValue = "500") int limit) {
        tenants.require(tenantId);
        if (!"OPEN".equals(status) && !"RESOLVED".equals(status)) {
            throw new IllegalArgumentException("status: OPEN or RESOLVED");
        }
        List<ExceptionView> found = jdbc.query("select * from reconciliation_exception where tenant_id = ? and status = ? order by id limit ?",
                (rs, i) -> new ExceptionView(rs.getLong("id"), (Long) rs.getObject("import_id"), (Long) rs.getObject("payment_id"),
                        (Long) rs.getObject("charge_id"), rs.getString("kind"), rs.getString("reason"), rs.getString("status"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant(),
                        rs.getString("resolved_by"), rs.getString("resolution"), (Long) rs.getObject("statement_entry_id"), List.of()),
                tenantId, status, Math.min(Math.max(limit, 1), 5000));
        Long[] entries = found.stream().map(ExceptionView::statementEntryId).filter(java.util.Objects::nonNull).toArray(Long[]::new);
        if (entries.length == 0) {
            return found;
        }
        java.util.Map<Long, List<Suggestion>> byEntry = new java.util.HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("select entry_id, receivable_id, charge_id, score, rule, detail from statement_candidate "
                    + "where tenant_id = ? and entry_id = any(?) order by entry_id, score desc, id");
            ps.setString(1, tenantId);
            ps.setArray(2, con.createArrayOf("bigint", entries));
            return ps;
        }, rs -> {
            byEntry.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(new Suggestion(rs.getLong(2),
                    (Long) rs.getObject(3), rs.getBigDecimal(4), rs.getString(5), rs.getString(6)));
        });
        return found.stream().map(e -> e.statementEntryId() == null ? e : new ExceptionView(e.id(), e.importId(), e.paymentId(),
                e.chargeId(), e.kind(), e.reason(), e.status(), e.createdAt(), e.resolvedAt(), e.resolvedBy(), e.resolution(),
                e.statementEntryId(), byEntry.getOrDefault(e.statementEntryId(), List.of()))).toList();
    }

    @PostMapping("/allocations")
    @Operation(summary = "Applies (part of) a payment to a receivable by hand; reason and Idempotency-Key required; "
            + "resolves the payment's open reconciliation exceptions")
    public ManualAllocations.Outcome allocate(@PathVariable String tenantId, @RequestBody AllocationRequest body,
                                              @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key",
                                                      required = false) String idempotencyKey) {
        tenants.require(tenantId);
        return manual.allocate(tenantId, body.paymentId(), body.receivableId(), body.amount(), body.reason(), idempotencyKey);
    }
}
