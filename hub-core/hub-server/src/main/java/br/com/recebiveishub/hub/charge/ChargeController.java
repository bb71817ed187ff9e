package br.com.recebiveishub.hub.charge;

import br.com.recebiveishub.hub.tenant.TenantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Charges (boletos) and remessas of a tenant. */
@RestController
@RequestMapping("/api/tenants/{tenantId}")
@Tag(name = "charges")
public class ChargeController {

    /** A charge as the API shows it, with the linha digitável formatted as printed. */
    public record ChargeView(long id, long receivableId, String method, String providerPluginId, String bankCode,
                             String nossoNumero, String nossoNumeroImpresso, String barcode, String linhaDigitavel,
                             String linhaDigitavelFormatada, BigDecimal amount, LocalDate dueDate, ChargeStatus status, Long remessaId) {
        static ChargeView of(Charge c) {
            return new ChargeView(c.getId(), c.getReceivableId(), c.getMethod(), c.getProviderPluginId(), c.getBankCode(),
                    c.getNossoNumero(), c.getNossoNumeroImpresso(), c.getBarcode(), c.getLinhaDigitavel(),
                    formatLinha(c.getLinhaDigitavel()), c.getAmount(), c.getDueDate(), c.getStatus(), c.getRemessaId());
        }
    }

    /** Body of POST .../charges/boletos. */
    public record IssueRequest(long bankAccountId) {
    }

    /** A remessa without its content. */
    public record RemessaView(long id, long bankAccountId, int sequence, String fileName, int titles, String createdAt) {
    }

    private final ChargeRepository charges;
    private final ChargeService service;
    private final TenantService tenants;
    private final JdbcTemplate jdbc;

    private final PayerDocuments documents;

    public ChargeController(ChargeRepository charges, ChargeService service, TenantService tenants, JdbcTemplate jdbc,
                            PayerDocuments documents) {
        this.documents = documents;
        this.charges = charges;
        this.service = service;
        this.tenants = tenants;
        this.jdbc = jdbc;
    }

    /** AAAAA.AAAAA BBBBB.BBBBBB CCCCC.CCCCCC D EEEEEEEEEEEEEE, as printed on the boleto. */
    static String formatLinha(String l) {
        if (l == null || l.length() != 47) {
            return l;
        }
        return l.substring(0, 5) + "." + l.substring(5, 10) + " " + l.substring(10, 15) + "." + l.substring(15, 21) + " "
                + l.substring(21, 26) + "." + l.substring(26, 32) + " " + l.charAt(32) + " " + l.substring(33);
    }

    @GetMapping("/charges")
    public List<ChargeView> list(@PathVariable String tenantId, @RequestParam(required = false) ChargeStatus status,
                                 @RequestParam(required = false) Long receivableId,
                                 @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        tenants.require(tenantId);
        PageRequest p = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 1000));
        List<Charge> found = receivableId != null ? charges.findByTenantIdAndReceivableIdOrderById(tenantId, receivableId)
                : status != null ? charges.findByTenantIdAndStatusOrderById(tenantId, status, p)
                : charges.findByTenantIdOrderById(tenantId, p);
        return found.stream().map(ChargeView::of).toList();
    }

    @GetMapping("/charges/{id}")
    public ChargeView get(@PathVariable String tenantId, @PathVariable long id) {
        return charges.findByIdAndTenantId(id, tenantId).map(ChargeView::of)
                .orElseThrow(() -> new NoSuchElementException("charge " + id + " not found"));
    }

    @GetMapping("/charges/{id}/boleto.pdf")
    @Operation(summary = "The payer's boleto (PDF) of a charge, drawn by the plugin that prints its bank; shows the payer's data "
            + "(access log, purpose from X-Purpose) and hands it to the plugin (data-sharing log); 409 when the tenant lacks a full address")
    public ResponseEntity<byte[]> boletoPdf(@PathVariable String tenantId, @PathVariable long id,
                                            @RequestHeader(name = "X-Purpose", required = false) String purpose) {
        PayerDocuments.Rendered r = documents.boletoPdf(tenantId, id, "GET /api/tenants/{tenantId}/charges/{id}/boleto.pdf", purpose);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + r.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(r.bytes());
    }

    @GetMapping("/charges/{id}/pix-qr.png")
    @Operation(summary = "The Pix QR code (PNG) of a charge that has a Pix code (Pix charge or boleto híbrido); 404 when it has none. "
            + "size: the least width in pixels, 100 to 2000 (the image is a whole number of pixels per module, quiet zone included, "
            + "so it may be somewhat larger)")
    public ResponseEntity<byte[]> pixQr(@PathVariable String tenantId, @PathVariable long id,
                                        @RequestParam(defaultValue = "400") int size,
                                        @RequestHeader(name = "X-Purpose", required = false) String purpose) {
        if (size < 100 || size > 2000) {
            throw new IllegalArgumentException("size: between 100 and 2000 pixels");
        }
        PayerDocuments.Rendered r = documents.pixQrPng(tenantId, id, size, "GET /api/tenants/{tenantId}/charges/{id}/pix-qr.png", purpose);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + r.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(r.bytes());
    }

    @PostMapping("/charges/boletos")
    @Operation(summary = "Issues boletos for every open receivable without a live charge and writes the remessa")
    public ChargeService.IssueResult issue(@PathVariable String tenantId, @RequestBody IssueRequest body) {
        return service.issueBoletos(tenantId, body.bankAccountId());
    }

    /** Body of a boleto cancellation: why (mandatory, recorded on the revision). */
    public record CancellationRequest(String reason) {
    }

    @PostMapping("/charges/{id}/cancellation")
    @Operation(summary = "Asks the bank to cancel (baixa) a live boleto; reason required; sent in the account's next remessa, "
            + "CANCELLED when the bank's return confirms it")
    public ChargeService.CancellationOutcome cancel(@PathVariable String tenantId, @PathVariable long id,
                                                    @RequestBody CancellationRequest body) {
        return service.requestCancellation(tenantId, id, body.reason());
    }

    @GetMapping("/remessas")
    public List<RemessaView> remessas(@PathVariable String tenantId) {
        tenants.require(tenantId);
        return jdbc.query("select id, bank_account_id, sequence, file_name, titles, created_at from remessa where tenant_id = ? order by id desc",
                (rs, i) -> new RemessaView(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                        rs.getTimestamp(6).toInstant().toString()), tenantId);
    }

    @GetMapping("/remessas/{id}/file")
    public ResponseEntity<byte[]> remessaFile(@PathVariable String tenantId, @PathVariable long id) {
        Map<String, Object> row = jdbc.queryForList("select file_name, content from remessa where tenant_id = ? and id = ?", tenantId, id)
                .stream().findFirst().orElseThrow(() -> new NoSuchElementException("remessa " + id + " not found"));
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + row.get("file_name") + "\"")
                .body((byte[]) row.get("content"));
    }
}
