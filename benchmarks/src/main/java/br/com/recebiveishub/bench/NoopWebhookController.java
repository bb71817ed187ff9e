package br.com.recebiveishub.bench;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook phase's baseline, registered only in the benchmark's Spring context (an extra
 * source of {@link HubBench}): accepts the same POST body as the Pix webhook and answers 200 with a
 * receipt of the same shape, doing nothing else. Its path matches the webhook's
 * ({@code /webhooks/pix/{tenant}/{token}/pix}, with the literal tenant {@code bench-noop}, which
 * Spring prefers to the webhook's all-variable pattern), so it goes through the same servlet
 * container, the same {@code /webhooks/**} security filter chain (its {@code permitAll} rule), the
 * same dispatcher and the same body and JSON conversion: the difference between the two is the
 * hub's work (token check, PSP read-back, settlement).
 */
@RestController
public class NoopWebhookController {

    /** The tenant segment of the no-op's path. */
    public static final String TENANT = "bench-noop";

    @PostMapping(path = "/webhooks/pix/" + TENANT + "/{token}/pix", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<?> receive(@PathVariable String token, @RequestBody(required = false) byte[] body) {
        return ResponseEntity.ok(Map.of("notified", 1, "settled", 0, "deferred", 0, "ignored", body == null ? 1 : 0));
    }
}
