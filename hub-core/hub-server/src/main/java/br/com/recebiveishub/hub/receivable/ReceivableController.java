package br.com.recebiveishub.hub.receivable;

import br.com.recebiveishub.hub.tenant.TenantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Receivables and debtors of a tenant. */
@RestController
@RequestMapping("/api/tenants/{tenantId}")
@Tag(name = "receivables")
public class ReceivableController {

    /** A receivable as the API shows it. */
    public record ReceivableView(long id, long customerId, String sourceSystem, String externalId, String documentNumber,
                                 LocalDate issueDate, LocalDate dueDate, BigDecimal originalAmount, BigDecimal openBalance,
                                 ReceivableStatus status, BigDecimal writtenOffAmount, String originFile, String originRecord,
                                 Long importId) {
        static ReceivableView of(Receivable r) {
            return new ReceivableView(r.getId(), r.getCustomerId(), r.getSourceSystem(), r.getExternalId(), r.getDocumentNumber(),
                    r.getIssueDate(), r.getDueDate(), r.getOriginalAmount(), r.getOpenBalance(), r.getStatus(),
                    r.getWrittenOffAmount(), r.getOriginFile(), r.getOriginRecord(), r.getImportId());
        }
    }

    /** Body of a cancellation or write-off: why (mandatory, recorded on the revision). */
    public record ReasonRequest(String reason) {
    }

    /** Body of a data correction: why, and the fields to set (null keeps the value). */
    public record CorrectionRequest(String reason, LocalDate dueDate, BigDecimal originalAmount, String documentNumber) {
    }

    /**
     * What a sensitive write did.
     *
     * @param changed  false when the receivable already was as asked (a repeated request)
     * @param revision the audit revision that recorded it (its reason included), null when nothing changed
     */
    public record SensitiveWriteView(ReceivableView receivable, boolean changed, Long revision) {
    }

    /** A page of results. */
    public record PageView<T>(List<T> items, int page, int size, long total) {
        static <E, T> PageView<T> of(Page<E> p, java.util.function.Function<E, T> f) {
            return new PageView<>(p.getContent().stream().map(f).toList(), p.getNumber(), p.getSize(), p.getTotalElements());
        }
    }

    /** A debtor as the API shows it. */
    public record CustomerView(long id, String tipo, String documento, String nome, String municipio, String uf, String email,
                               String telefone) {
    }

    private final ReceivableRepository receivables;
    private final CustomerRepository customers;
    private final TenantService tenants;
    private final br.com.recebiveishub.hub.audit.AccessLog accessLog;
    private final ReceivableCorrections corrections;

    public ReceivableController(ReceivableRepository receivables, CustomerRepository customers, TenantService tenants,
                                br.com.recebiveishub.hub.audit.AccessLog accessLog, ReceivableCorrections corrections) {
        this.corrections = corrections;
        this.receivables = receivables;
        this.customers = customers;
        this.tenants = tenants;
        this.accessLog = accessLog;
    }

    @GetMapping("/receivables")
    public PageView<ReceivableView> list(@PathVariable String tenantId,
                                         @RequestParam(required = false) ReceivableStatus status,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueFrom,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueTo,
                                         @RequestParam(required = false) Long customerId,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "50") int size) {
        tenants.require(tenantId);
        Specification<Receivable> spec = (root, q, cb) -> {
            List<Predicate> p = new ArrayList<>();
            p.add(cb.equal(root.get("tenantId"), tenantId));
            if (status != null) {
                p.add(cb.equal(root.get("status"), status));
            }
            if (dueFrom != null) {
                p.add(cb.greaterThanOrEqualTo(root.get("dueDate"), dueFrom));
            }
            if (dueTo != null) {
                p.add(cb.lessThanOrEqualTo(root.get("dueDate"), dueTo));
            }
            if (customerId != null) {
                p.add(cb.equal(root.get("customerId"), customerId));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
        return PageView.of(receivables.findAll(spec, PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 500),
                Sort.by("dueDate", "id"))), ReceivableView::of);
    }

    @GetMapping("/receivables/{id}")
    public ReceivableView get(@PathVariable String tenantId, @PathVariable long id) {
        return receivables.findByIdAndTenantId(id, tenantId).map(ReceivableView::of)
                .orElseThrow(() -> new NoSuchElementException("receivable " + id + " not found"));
    }

    /**
     * A debtor's personal data. Every read is recorded in the access log (who, which debtor, through
     * which endpoint, for which purpose: header {@code X-Purpose}) for the LGPD trail.
     */
    @GetMapping("/customers/{id}")
    public CustomerView customer(@PathVariable String tenantId, @PathVariable long id,
                                 @org.springframework.web.bind.annotation.RequestHeader(name = "X-Purpose", required = false) String purpose) {
        Customer c = customers.findByIdAndTenantId(id, tenantId).orElseThrow(() -> new NoSuchElementException("customer " + id + " not found"));
        accessLog.record(tenantId, br.com.recebiveishub.hub.audit.AccessLog.CUSTOMER, String.valueOf(id),
                "GET /api/tenants/{tenantId}/customers/{id}", purpose == null || purpose.isBlank() ? "not stated" : purpose);
        return new CustomerView(c.getId(), c.getTipo(), c.getDocumento(), c.getNome(), c.getMunicipio(), c.getUf(), c.getEmail(),
                c.getTelefone());
    }

    @PostMapping("/receivables/{id}/cancellation")
    @Operation(summary = "Cancels an open receivable (no longer owed); reason required; repeating it changes nothing")
    public SensitiveWriteView cancel(@PathVariable String tenantId, @PathVariable long id, @RequestBody ReasonRequest body) {
        tenants.require(tenantId);
        return view(tenantId, corrections.cancel(tenantId, id, body.reason()));
    }

    @PostMapping("/receivables/{id}/write-off")
    @Operation(summary = "Writes off the open balance as a loss; reason required; repeating it changes nothing")
    public SensitiveWriteView writeOff(@PathVariable String tenantId, @PathVariable long id, @RequestBody ReasonRequest body) {
        tenants.require(tenantId);
        return view(tenantId, corrections.writeOff(tenantId, id, body.reason()));
    }

    @PatchMapping("/receivables/{id}")
    @Operation(summary = "Corrects due date, face value or document number by hand; reason required")
    public SensitiveWriteView correct(@PathVariable String tenantId, @PathVariable long id, @RequestBody CorrectionRequest body) {
        tenants.require(tenantId);
        return view(tenantId, corrections.correct(tenantId, id, body.reason(),
                new ReceivableCorrections.Correction(body.dueDate(), body.originalAmount(), body.documentNumber())));
    }

    private SensitiveWriteView view(String tenantId, ReceivableCorrections.Outcome o) {
        return new SensitiveWriteView(get(tenantId, o.receivableId()), o.changed(), o.revision());
    }
}
