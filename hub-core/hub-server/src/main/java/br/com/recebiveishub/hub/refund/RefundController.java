package br.com.recebiveishub.hub.refund;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Refunds of paid Pix and card charges. */
@RestController
@RequestMapping("/api/tenants/{tenantId}")
@Tag(name = "refunds")
public class RefundController {

    /** Body of POST .../charges/{id}/refunds; {@code amount} null refunds what is left. */
    public record RefundRequest(BigDecimal amount, String reason) {
    }

    private final RefundService refunds;

    public RefundController(RefundService refunds) {
        this.refunds = refunds;
    }

    @PostMapping("/charges/{id}/refunds")
    @Operation(summary = "Refunds (part of) a paid Pix (devolução) or card charge, with a reason (Idempotency-Key required)",
            description = "201 with the new refund: REQUESTED or DONE (the amount is taken off the payment's allocation and the "
                    + "receivable's open balance comes back, in a revision with the reason), REFUSED with the provider's reason, or "
                    + "UNKNOWN (no answer: repeat with the same Idempotency-Key); 200 with the refund a repeated key already made")
    public ResponseEntity<RefundService.RefundView> refund(@PathVariable String tenantId, @PathVariable long id,
                                                           @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                                           @RequestBody RefundRequest body) {
        RefundService.RefundView v = refunds.refund(tenantId, id, key, body == null ? null : body.amount(),
                body == null ? null : body.reason());
        return ResponseEntity.status(v.created() ? HttpStatus.CREATED : HttpStatus.OK).body(v);
    }
}
