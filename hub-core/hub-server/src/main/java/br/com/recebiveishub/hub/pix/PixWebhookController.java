package br.com.recebiveishub.hub.pix;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The PSP's webhook POSTs ({@code {registered url}/pix}). Outside the JWT chain: authenticated by
 * the tenant's path token (see docs/security.md); a wrong token is 401 and logged without it.
 */
@RestController
@Tag(name = "pix")
public class PixWebhookController {

    private static final Logger log = LoggerFactory.getLogger(PixWebhookController.class);

    private final PixWebhooks webhooks;

    public PixWebhookController(PixWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/webhooks/pix/{tenantId}/{token}/pix", consumes = MediaType.ALL_VALUE)
    @Operation(summary = "Pix notifications from the tenant's PSP (path token, no bearer token); kept at once, each Pix "
            + "read back from the PSP and settled right after (PixWebhookInbox)")
    public ResponseEntity<?> receive(@PathVariable String tenantId, @PathVariable String token,
                                     @RequestBody(required = false) byte[] body) {
        try {
            PixWebhooks.Receipt r = webhooks.receive(tenantId, token, body == null ? new byte[0] : body);
            return ResponseEntity.ok(Map.of("notified", r.notified(), "accepted", r.accepted(), "duplicates", r.duplicates(),
                    "ignored", r.ignored()));
        } catch (PixWebhooks.Unauthenticated e) {
            // the tenant id comes from the path: cut and stripped of anything but id characters (no log injection)
            String shown = tenantId.replaceAll("[^A-Za-z0-9_-]", "?");
            log.warn("401 Pix webhook for tenant {}: path token does not match the registered one",
                    shown.length() > 40 ? shown.substring(0, 40) : shown);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "webhook token does not match"));
        }
    }
}
