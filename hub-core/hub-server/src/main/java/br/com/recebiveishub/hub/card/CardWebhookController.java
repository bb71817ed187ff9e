package br.com.recebiveishub.hub.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The card gateway's webhook POSTs. Outside the JWT chain: routed by the tenant's path token and
 * authenticated by the gateway's signature (docs/security.md); either failing is 401.
 */
@RestController
@Tag(name = "card")
public class CardWebhookController {

    private final CardWebhooks webhooks;

    public CardWebhookController(CardWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/webhooks/card/{tenantId}/{token}", consumes = MediaType.ALL_VALUE)
    @Operation(summary = "Payment notifications from the tenant's card gateway (path token + the gateway's signature, no bearer "
            + "token); the payment is read back from the gateway before it is settled")
    public ResponseEntity<?> receive(@PathVariable String tenantId, @PathVariable String token,
                                     @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        Map<String, String> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> query.put(k, v.length == 0 ? "" : v[0]));
        try {
            CardWebhooks.Receipt r = webhooks.receive(tenantId, token, headers, query, body == null ? new byte[0] : body);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", r.type());
            out.put("paymentId", r.paymentId());
            out.put("settled", r.settled());
            out.put("known", r.known());
            return ResponseEntity.ok(out);
        } catch (CardWebhooks.Unauthenticated e) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage()));
        }
    }
}
