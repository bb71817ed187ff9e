package br.com.recebiveishub.plugin.card;

import br.com.recebiveishub.sdk.CardPaymentProvider;
import br.com.recebiveishub.testkit.card.MercadoPagoSimulator;
import br.com.recebiveishub.sdk.CardPaymentProvider.GatewayAccount;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookDelivery;
import br.com.recebiveishub.testkit.conformance.CardPaymentProviderConformance;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * hub-testkit's card suite against the Mercado Pago simulator; notifications signed as Mercado Pago
 * documents (x-signature: HMAC-SHA256 of "id:{data.id};request-id:{x-request-id};ts:{ts};"), the
 * signed id being the query's data.id.
 */
class CardConformanceTest extends CardPaymentProviderConformance implements CardPaymentProviderConformance.Peer {

    private static final String TOKEN = "TEST-6295877106812064-042916-5ab4e0e5f9e1a3b4c5d6e7f8a9b0c1d2-202809963";
    private static final String REQUEST_ID = "bb56a2f1-6aae-46ac-982e-9dcd3581d08e";
    private static final MercadoPagoSimulator SIM = simulator();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Override
    protected CardPaymentProvider provider() {
        return new MercadoPagoProvider(HttpClient.newHttpClient(), 3, Duration.ofMillis(10));
    }

    @Override
    protected Peer peer() {
        return this;
    }

    @Override
    public GatewayAccount account() {
        return new GatewayAccount(SIM.baseUrl(), TOKEN, "9b8fd4b3c2e1a0f9e8d7c6b5a4f3e2d1", Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    @Override
    public String approvedCardToken() {
        return SIM.cardToken("APRO");
    }

    @Override
    public long paymentsCreated() {
        return SIM.paymentsCreated();
    }

    @Override
    public WebhookDelivery signedNotification(String secret, String paymentId, Instant signedAt) {
        return MercadoPagoSimulator.signedNotification(secret, paymentId, REQUEST_ID, String.valueOf(signedAt.getEpochSecond()));
    }

    @Override
    public WebhookDelivery tampered(WebhookDelivery signed) {
        Map<String, String> query = new HashMap<>(signed.queryParams());
        query.put("data.id", query.get("data.id") + "1");
        return new WebhookDelivery(signed.headers(), query, signed.body());
    }

    @Override
    public WebhookDelivery unsigned(WebhookDelivery signed) {
        Map<String, String> headers = new HashMap<>(signed.headers());
        headers.remove("x-signature");
        return new WebhookDelivery(headers, signed.queryParams(), signed.body());
    }

    private static MercadoPagoSimulator simulator() {
        try {
            return new MercadoPagoSimulator(TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
