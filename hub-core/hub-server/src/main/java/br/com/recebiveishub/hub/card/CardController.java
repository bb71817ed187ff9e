package br.com.recebiveishub.hub.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Card charges and payment links of a tenant, and its gateway webhook URL. */
@RestController
@RequestMapping("/api/tenants/{tenantId}")
@Tag(name = "card")
public class CardController {

    /** Body of POST .../charges/payment-link. */
    public record PaymentLinkRequest(Long receivableId, Instant expiresAt) {
    }

    private final CardChargeService charges;
    private final CardWebhooks webhooks;

    public CardController(CardChargeService charges, CardWebhooks webhooks) {
        this.charges = charges;
        this.webhooks = webhooks;
    }

    @PostMapping("/charges/card")
    @Operation(summary = "Charges a tokenized card for a receivable's open balance at the tenant's gateway (Idempotency-Key required)",
            description = "201 with the new charge: PAID (settled), PENDING (in review), FAILED (declined or refused, with the reason) "
                    + "or UNKNOWN (no answer: the janitor finds the payment by its reference); 200 with the charge a repeated "
                    + "Idempotency-Key already made")
    public ResponseEntity<CardChargeService.CardChargeView> charge(@PathVariable String tenantId,
                                                                   @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                                                   @RequestBody CardChargeService.CardRequest body) {
        CardChargeService.CardChargeView v = charges.charge(tenantId, key, body);
        return ResponseEntity.status(v.created() ? HttpStatus.CREATED : HttpStatus.OK).body(v);
    }

    @PostMapping("/charges/payment-link")
    @Operation(summary = "Creates a payment link (hosted checkout) for a receivable's open balance, or returns its live one")
    public ResponseEntity<CardChargeService.CardChargeView> link(@PathVariable String tenantId, @RequestBody PaymentLinkRequest body) {
        if (body == null || body.receivableId() == null) {
            throw new IllegalArgumentException("receivableId: required");
        }
        CardChargeService.CardChargeView v = charges.link(tenantId, body.receivableId(), body.expiresAt());
        return ResponseEntity.status(v.created() ? HttpStatus.CREATED : HttpStatus.OK).body(v);
    }

    @PostMapping("/card/webhook")
    @Operation(summary = "Issues a new path token for the gateway's webhook URL (shown this once; the previous one stops working)")
    public CardWebhooks.Registration registerWebhook(@PathVariable String tenantId) {
        return webhooks.register(tenantId);
    }
}
