package br.com.recebiveishub.hub.pix;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Pix charges of a tenant and the registration of its PSP webhook. */
@RestController
@RequestMapping("/api/tenants/{tenantId}")
@Tag(name = "pix")
public class PixController {

    /** Body of POST .../charges/pix. */
    public record PixChargeRequest(Long receivableId, Integer expiresInSeconds, java.time.LocalDate dueDate, Integer daysPayableAfterDue,
                                   Discount discount) {
    }

    /** An early-payment discount of a charge with due date: {@code amount} (BRL) off when paid up to {@code until}. */
    public record Discount(java.time.LocalDate until, java.math.BigDecimal amount) {
    }

    private final PixChargeService charges;
    private final PixWebhooks webhooks;

    public PixController(PixChargeService charges, PixWebhooks webhooks) {
        this.charges = charges;
        this.webhooks = webhooks;
    }

    @PostMapping("/charges/pix")
    @Operation(summary = "Issues a Pix cob (or, with dueDate, a cobv with the bank account's fine and interest and the discount given) "
            + "for an open receivable at the tenant's PSP (or returns its live one)",
            description = "201 with the new charge (PENDING, FAILED with the PSP's reason, or UNKNOWN when the PSP did not answer: "
                    + "the janitor reads it back); 200 with the live charge when the receivable already has one")
    public ResponseEntity<PixChargeService.PixChargeView> issue(@PathVariable String tenantId, @RequestBody PixChargeRequest body) {
        if (body == null || body.receivableId() == null) {
            throw new IllegalArgumentException("receivableId: required");
        }
        PixChargeService.DueDateTerms terms = body.dueDate() == null && body.daysPayableAfterDue() == null && body.discount() == null ? null
                : new PixChargeService.DueDateTerms(body.dueDate(), body.daysPayableAfterDue(),
                        body.discount() == null ? null : body.discount().until(), body.discount() == null ? null : body.discount().amount());
        PixChargeService.PixChargeView v = charges.issue(tenantId, body.receivableId(), body.expiresInSeconds(), terms);
        return ResponseEntity.status(v.created() ? HttpStatus.CREATED : HttpStatus.OK).body(v);
    }

    @PostMapping("/pix/webhook")
    @Operation(summary = "Registers the hub's webhook at the tenant's PSP with a new path token (the previous one stops working)")
    public PixWebhooks.Registration registerWebhook(@PathVariable String tenantId) {
        return webhooks.register(tenantId);
    }
}
