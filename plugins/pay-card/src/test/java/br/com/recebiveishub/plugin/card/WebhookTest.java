package br.com.recebiveishub.plugin.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.CardPaymentProvider.GatewayAccount;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookDelivery;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookEvent;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookSignatureException;
import br.com.recebiveishub.testkit.card.MercadoPagoSimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mercado Pago's x-signature as documented: HMAC-SHA256 of "id:{data.id};request-id:{x-request-id};ts:{ts};". */
class WebhookTest {

    private static final String SECRET = "9b8fd4b3c2e1a0f9e8d7c6b5a4f3e2d1";
    private static final String REQUEST_ID = "bb56a2f1-6aae-46ac-982e-9dcd3581d08e";
    private static final long TS = 1_764_766_800L; // 2025-12-03T13:00:00Z
    private static final Instant AT = Instant.ofEpochSecond(TS);

    private final MercadoPagoProvider provider = new MercadoPagoProvider();
    private final GatewayAccount account = new GatewayAccount(URI.create("https://api.mercadopago.com"), "APP_USR-x",
            SECRET, Duration.ofMinutes(5), null);

    @Test
    void knownAnswer() {
        // the manifest written out by hand from the documentation's template
        String manifest = "id:123456;request-id:" + REQUEST_ID + ";ts:" + TS + ";";
        assertThat(WebhookSignature.manifest("123456", REQUEST_ID, String.valueOf(TS))).isEqualTo(manifest);
        assertThat(WebhookSignature.sign(SECRET, "123456", REQUEST_ID, String.valueOf(TS)))
                .isEqualTo(MercadoPagoSimulator.hmacHex(SECRET, manifest)).hasSize(64);
        // alphanumeric ids go in lower case; absent parts are left out
        assertThat(WebhookSignature.manifest("ORD01J49MMW3", null, "1")).isEqualTo("id:ord01j49mmw3;ts:1;");
    }

    @Test
    void aValidNotificationNamesThePaymentToRead() {
        WebhookDelivery d = MercadoPagoSimulator.signedNotification(SECRET, "1318000042", REQUEST_ID, String.valueOf(TS));
        WebhookEvent e = provider.verifyWebhook(account, d, AT.plusSeconds(3));

        assertThat(e.type()).isEqualTo("payment");
        assertThat(e.action()).isEqualTo("payment.updated");
        assertThat(e.resourceId()).isEqualTo("1318000042");
        assertThat(e.requestId()).isEqualTo(REQUEST_ID);
        assertThat(e.signedAt()).isEqualTo(AT);
        assertThat(e.liveMode()).isFalse();
    }

    @Test
    void millisecondTimestampsAreAccepted() {
        String ts = String.valueOf(AT.toEpochMilli());
        WebhookDelivery d = MercadoPagoSimulator.signedNotification(SECRET, "1318000042", REQUEST_ID, ts);
        assertThat(provider.verifyWebhook(account, d, AT.plusSeconds(1)).signedAt()).isEqualTo(AT);
    }

    @Test
    void aTamperedIdIsRefused() {
        WebhookDelivery d = MercadoPagoSimulator.signedNotification(SECRET, "1318000042", REQUEST_ID, String.valueOf(TS));
        Map<String, String> q = new HashMap<>(d.queryParams());
        q.put("data.id", "1318000043");
        WebhookDelivery tampered = new WebhookDelivery(d.headers(), q, d.body());
        assertRefused(tampered, AT, "mismatch");
    }

    @Test
    void aTamperedRequestIdIsRefused() {
        WebhookDelivery d = MercadoPagoSimulator.signedNotification(SECRET, "1318000042", REQUEST_ID, String.valueOf(TS));
        Map<String, String> h = new HashMap<>(d.headers());
        h.put("x-request-id", "bb56a2f1-6aae-46ac-982e-9dcd3581d08f");
        assertRefused(new WebhookDelivery(h, d.queryParams(), d.body()), AT, "mismatch");
    }

    @Test
    void aWrongSecretIsRefused() {
        WebhookDelivery d = MercadoPagoSimulator.signedNotification("another-apps-secret", "1318000042", REQUEST_ID,
                String.valueOf(TS));
        assertRefused(d, AT, "mismatch");
    }

    @Test
    void aStaleTimestampIsRefused() {
        WebhookDelivery d = MercadoPagoSimulator.signedNotification(SECRET, "1318000042", REQUEST_ID, String.valueOf(TS));
        assertRefused(d, AT.plus(Duration.ofMinutes(5)).plusSeconds(1), "stale");
        assertRefused(d, AT.minus(Duration.ofMinutes(6)), "stale");
        // within the tolerance it passes
        assertThat(provider.verifyWebhook(account, d, AT.plus(Duration.ofMinutes(5))).resourceId()).isEqualTo("1318000042");
    }

    @Test
    void missingOrMalformedSignaturesAreRefused() {
        WebhookDelivery d = MercadoPagoSimulator.signedNotification(SECRET, "1318000042", REQUEST_ID, String.valueOf(TS));
        Map<String, String> h = new HashMap<>(d.headers());
        h.remove("x-signature");
        assertRefused(new WebhookDelivery(h, d.queryParams(), d.body()), AT, "missing");
        h.put("x-signature", "ts=" + TS);
        assertRefused(new WebhookDelivery(h, d.queryParams(), d.body()), AT, "malformed");
        h.put("x-signature", "ts=" + TS + ",v1=not-hex");
        assertRefused(new WebhookDelivery(h, d.queryParams(), d.body()), AT, "malformed");
        GatewayAccount noSecret = new GatewayAccount(account.apiBaseUrl(), "APP_USR-x", null, null, null);
        assertThatThrownBy(() -> provider.verifyWebhook(noSecret, d, AT))
                .isInstanceOfSatisfying(WebhookSignatureException.class, e -> assertThat(e.reason()).isEqualTo("not-configured"));
    }

    @Test
    void theBodyIsNotSignedSoItCannotRedirectTheRead() {
        WebhookDelivery d = MercadoPagoSimulator.signedNotification(SECRET, "1318000042", REQUEST_ID, String.valueOf(TS));
        byte[] forged = new String(d.body(), StandardCharsets.UTF_8).replace("1318000042", "999").getBytes(StandardCharsets.UTF_8);
        WebhookEvent e = provider.verifyWebhook(account, new WebhookDelivery(d.headers(), d.queryParams(), forged), AT);
        assertThat(e.resourceId()).isEqualTo("1318000042");
    }

    @Test
    void refusalsDoNotEchoTheSecretOrSignature() {
        WebhookDelivery d = MercadoPagoSimulator.signedNotification("other", "1", REQUEST_ID, String.valueOf(TS));
        assertThatThrownBy(() -> provider.verifyWebhook(account, d, AT))
                .satisfies(t -> assertThat(t.getMessage()).doesNotContain(SECRET).doesNotContain(d.header("x-signature")));
    }

    private void assertRefused(WebhookDelivery d, Instant at, String reason) {
        assertThatThrownBy(() -> provider.verifyWebhook(account, d, at))
                .isInstanceOfSatisfying(WebhookSignatureException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
