package br.com.recebiveishub.plugin.card;

import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookSignatureException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mercado Pago's webhook signature: header {@code x-signature: ts=<ts>,v1=<hex>} where {@code v1}
 * is HMAC-SHA256, keyed by the application's secret signature, of the manifest
 * {@code id:<data.id>;request-id:<x-request-id>;ts:<ts>;} ({@code data.id} from the notification
 * URL's query, lower-cased when alphanumeric; a part whose value is absent is left out of the
 * manifest, as the documentation says).
 *
 * <p>{@code ts} is compared with the receive time within a tolerance. The documentation's example
 * shows seconds; deliveries in the wild carry milliseconds: a value above 10^11 is read as
 * milliseconds.
 */
final class WebhookSignature {

    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private WebhookSignature() {
    }

    /** The manifest the signature covers. */
    static String manifest(String dataId, String requestId, String ts) {
        StringBuilder m = new StringBuilder();
        if (dataId != null && !dataId.isEmpty()) {
            m.append("id:").append(dataId.toLowerCase(Locale.ROOT)).append(';');
        }
        if (requestId != null && !requestId.isEmpty()) {
            m.append("request-id:").append(requestId).append(';');
        }
        if (ts != null && !ts.isEmpty()) {
            m.append("ts:").append(ts).append(';');
        }
        return m.toString();
    }

    /** Lower-case hex HMAC-SHA256 of the manifest: what the gateway puts in {@code v1}. */
    static String sign(String secret, String dataId, String requestId, String ts) {
        return HexFormat.of().formatHex(hmac(secret, manifest(dataId, requestId, ts)));
    }

    /**
     * Verifies a delivery.
     *
     * @return the signature's timestamp
     * @throws WebhookSignatureException with reason not-configured, missing, malformed, stale or mismatch
     */
    static Instant verify(String secret, String signatureHeader, String dataId, String requestId, Instant receivedAt,
                          Duration tolerance) {
        if (secret == null || secret.isEmpty()) {
            throw new WebhookSignatureException("not-configured", "no webhook secret is configured for this account");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new WebhookSignatureException("missing", "x-signature header missing");
        }
        String ts = null;
        String v1 = null;
        for (String part : signatureHeader.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = part.substring(0, eq).trim();
            String v = part.substring(eq + 1).trim();
            if (k.equals("ts")) {
                ts = v;
            } else if (k.equals("v1")) {
                v1 = v;
            }
        }
        if (ts == null || v1 == null) {
            throw new WebhookSignatureException("malformed", "x-signature must carry ts and v1");
        }
        if (!ts.matches("[0-9]{1,15}")) {
            throw new WebhookSignatureException("malformed", "x-signature ts is not a number");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(v1.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WebhookSignatureException("malformed", "x-signature v1 is not hex");
        }
        long raw = Long.parseLong(ts);
        Instant signedAt = raw >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(raw) : Instant.ofEpochSecond(raw);
        // Signature first, then freshness: a forged stale delivery reports mismatch, not stale.
        byte[] expected = hmac(secret, manifest(dataId, requestId, ts));
        if (!MessageDigest.isEqual(expected, given)) {
            throw new WebhookSignatureException("mismatch", "x-signature does not match the notification");
        }
        if (Duration.between(signedAt, receivedAt).abs().compareTo(tolerance) > 0) {
            throw new WebhookSignatureException("stale", "x-signature timestamp is outside the tolerance of "
                    + tolerance.toSeconds() + " s");
        }
        return signedAt;
    }

    private static byte[] hmac(String secret, String manifest) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(manifest.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
