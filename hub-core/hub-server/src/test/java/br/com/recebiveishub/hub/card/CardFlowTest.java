package br.com.recebiveishub.hub.card;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.tenant.PluginConfigs;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookDelivery;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.card.MercadoPagoSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Card charges and payment links end to end against the Mercado Pago simulator (hub-testkit) over
 * real HTTP: approved, declined, a timeout resolved by the janitor through the external reference,
 * the same Idempotency-Key never charging twice, a link paid and announced by a signed webhook
 * (settled once however often it is delivered), and an unverifiable webhook refused while its
 * payment is polled instead.
 */
class CardFlowTest extends HubIntegrationTest {

    private static String tenant;
    private static URI webhookUrl;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantService tenants;
    @Autowired
    IngestService ingest;
    @Autowired
    PluginConfigs configs;
    @Autowired
    CardWebhooks webhooks;
    @Autowired
    CardJanitor janitor;
    @LocalServerPort
    int port;

    private MercadoPagoSimulator gateway;

    @BeforeEach
    void tenantWithGatewayAccount() {
        gateway = CardTestGateway.gateway();
        if (tenant == null) {
            tenant = newTenantId("card");
            tenants.create(tenant, "Cliente Cartao Ltda", "11222333000181", 30, null);
            CardTestGateway.configure(tenant, configs);
            webhookUrl = URI.create(webhooks.register(tenant, URI.create("http://127.0.0.1:" + port)).webhookUrl());
        }
    }

    /** Imports one receivable of Ana Souza (CPF 123.456.789-09) and returns its id. */
    private long receivable(String amount) throws Exception {
        String ext = "CD-" + System.nanoTime();
        Path csv = Files.createTempDirectory("card").resolve(ext + ".csv");
        Files.writeString(csv, "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;email\n" + ext + ";01/11/2026;20/12/2026;" + amount
                + ";12345678909;Ana Souza;ana@example.com\n", StandardCharsets.UTF_8);
        ingest.importFile(tenant, new SourceFile(csv.getFileName().toString(), csv));
        return jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = ?", Long.class, tenant, ext);
    }

    private HttpHeaders headers(String idempotencyKey) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.setBearerAuth(token(http, "it-all", "it-all-secret"));
        if (idempotencyKey != null) {
            h.set("Idempotency-Key", idempotencyKey);
        }
        return h;
    }

    private ResponseEntity<JsonNode> charge(long receivableId, String key, String cardToken) {
        return http.exchange("/api/tenants/" + tenant + "/charges/card", HttpMethod.POST, new HttpEntity<>(Map.of("receivableId",
                receivableId, "cardToken", cardToken, "paymentMethodId", "master", "installments", 1), headers(key)), JsonNode.class);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private String receivableStatus(long id) {
        return jdbc.queryForObject("select status from receivable where id = ?", String.class, id);
    }

    /** POSTs a notification as Mercado Pago delivers it (query data.id and type, x-signature, x-request-id). */
    private int deliver(WebhookDelivery d) {
        HttpHeaders h = new HttpHeaders();
        d.headers().forEach(h::set);
        String url = webhookUrl + "?data.id=" + d.queryParams().get("data.id") + "&type=" + d.queryParams().get("type");
        return http.exchange(URI.create(url), HttpMethod.POST, new HttpEntity<>(d.body(), h), String.class).getStatusCode().value();
    }

    private static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    @Test
    void anApprovedCardPaysTheReceivableOnceWhateverTheRepeats() throws Exception {
        long r = receivable("150,00");
        String key = UUID.randomUUID().toString();
        long before = gateway.paymentsCreated();
        ResponseEntity<JsonNode> res = charge(r, key, gateway.cardToken("APRO"));
        assertThat(res.getStatusCode().value()).as("%s", res.getBody()).isEqualTo(201);
        JsonNode c = res.getBody();
        assertThat(c.path("status").asText()).isEqualTo("PAID");
        assertThat(c.path("method").asText()).isEqualTo("CARD");
        String paymentId = c.path("paymentId").asText();

        // what the gateway received: the open balance, the hub's reference and key, the payer's document
        JsonNode sent = gateway.lastBody();
        assertThat(sent.path("transaction_amount").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(sent.path("external_reference").asText()).isEqualTo(c.path("externalReference").asText());
        assertThat(sent.at("/payer/identification/type").asText()).isEqualTo("CPF");
        assertThat(sent.at("/payer/identification/number").asText()).isEqualTo("12345678909");
        assertThat(gateway.idempotencyKeysSeen()).contains("card:" + tenant + ":" + key);

        assertThat(receivableStatus(r)).isEqualTo("PAID");
        assertThat(count("select count(*) from payment where tenant_id = ? and idempotency_key = ?", tenant, "card|" + paymentId))
                .isEqualTo(1);
        assertThat(count("select count(*) from allocation where receivable_id = ?", r)).isEqualTo(1);
        assertThat(count("select count(*) from plugin_data_share where tenant_id = ? and plugin_id = 'pay-card' and purpose = 'card charge' "
                + "and fields = 'documento,email'", tenant)).isPositive();

        // the same key again: the charge it made, nothing sent
        ResponseEntity<JsonNode> again = charge(r, key, gateway.cardToken("APRO"));
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("id").asLong()).isEqualTo(c.path("id").asLong());
        assertThat(gateway.paymentsCreated()).isEqualTo(before + 1);

        // the gateway's webhook for it, twice: read back, nothing paid twice
        WebhookDelivery d = MercadoPagoSimulator.signedNotification(CardTestGateway.WEBHOOK_SECRET, paymentId, UUID.randomUUID().toString(),
                now());
        assertThat(deliver(d)).isEqualTo(200);
        assertThat(deliver(d)).isEqualTo(200);
        assertThat(count("select count(*) from payment where tenant_id = ? and idempotency_key = ?", tenant, "card|" + paymentId))
                .isEqualTo(1);

        // no Idempotency-Key: refused naming the header, nothing charged
        ResponseEntity<JsonNode> noKey = charge(receivable("10,00"), null, gateway.cardToken("APRO"));
        assertThat(noKey.getStatusCode().value()).isEqualTo(400);
        assertThat(noKey.getBody().path("detail").asText()).startsWith("Idempotency-Key:");
        assertThat(gateway.paymentsCreated()).isEqualTo(before + 1);
    }

    @Test
    void aDeclinedCardIsFailedWithTheGatewaysReasonAndTheReceivableStaysOpen() throws Exception {
        long r = receivable("80,00");
        JsonNode c = charge(r, UUID.randomUUID().toString(), gateway.cardToken("FUND")).getBody();
        assertThat(c.path("status").asText()).isEqualTo("FAILED");
        assertThat(c.path("failureReason").asText()).isEqualTo("declined: cc_rejected_insufficient_amount");
        assertThat(receivableStatus(r)).isEqualTo("OPEN");
        assertThat(count("select count(*) from payment where charge_id = ?", c.path("id").asLong())).isZero();
    }

    @Test
    void aTimeoutIsUnknownNeverFailedAndTheJanitorFindsThePaymentByItsReference() throws Exception {
        long r = receivable("42,00");
        long before = gateway.paymentsCreated();
        gateway.delayNextPost(Duration.ofSeconds(7)); // processed, answered after the hub's 5 s
        JsonNode c = charge(r, UUID.randomUUID().toString(), gateway.cardToken("APRO")).getBody();
        assertThat(c.path("status").asText()).isEqualTo("UNKNOWN");
        assertThat(c.path("paymentId").isNull()).isTrue();
        assertThat(gateway.paymentsCreated()).as("the gateway did charge").isEqualTo(before + 1);
        Thread.sleep(2500); // let the gateway finish answering the abandoned request

        // a retry with a new key while the outcome is unknown would charge the payer twice: refused, nothing sent
        ResponseEntity<JsonNode> again = charge(r, UUID.randomUUID().toString(), gateway.cardToken("APRO"));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().path("detail").asText()).contains("UNKNOWN", "wait until the card janitor settles it", "charge the payer twice");
        assertThat(gateway.paymentsCreated()).isEqualTo(before + 1);

        long chargeId = c.path("id").asLong();
        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofDays(1)))).anySatisfy(x -> {
            assertThat(x.chargeId()).isEqualTo(chargeId);
            assertThat(x.statusAfter()).isEqualTo("PAID");
            assertThat(x.settled()).isEqualTo(1);
        });
        assertThat(gateway.requestLog()).contains("GET /v1/payments/search");
        assertThat(receivableStatus(r)).isEqualTo("PAID");
        assertThat(gateway.paymentsCreated()).as("found, not charged again").isEqualTo(before + 1);
    }

    @Test
    void aPaymentLinkPaidIsSettledByTheSignedWebhookAndAForgedOneIsRefusedAndPolled() throws Exception {
        long r = receivable("250,00");
        ResponseEntity<JsonNode> res = http.exchange("/api/tenants/" + tenant + "/charges/payment-link", HttpMethod.POST,
                new HttpEntity<>(Map.of("receivableId", r), headers(null)), JsonNode.class);
        assertThat(res.getStatusCode().value()).as("%s", res.getBody()).isEqualTo(201);
        JsonNode link = res.getBody();
        assertThat(link.path("status").asText()).isEqualTo("PENDING");
        assertThat(link.path("paymentLinkUrl").asText()).startsWith("https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=");
        JsonNode pref = gateway.lastBody();
        assertThat(pref.at("/items/0/unit_price").decimalValue()).isEqualByComparingTo("250.00");
        assertThat(pref.at("/items/0/currency_id").asText()).isEqualTo("BRL");
        // a second request returns the live link
        ResponseEntity<JsonNode> again = http.exchange("/api/tenants/" + tenant + "/charges/payment-link", HttpMethod.POST,
                new HttpEntity<>(Map.of("receivableId", r), headers(null)), JsonNode.class);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("id").asLong()).isEqualTo(link.path("id").asLong());

        String paymentId = gateway.payThroughLink(link.path("externalReference").asText(), "APRO");
        // signed with another secret: refused, nothing settled from it
        WebhookDelivery forged = MercadoPagoSimulator.signedNotification("not-the-secret", paymentId, UUID.randomUUID().toString(), now());
        assertThat(deliver(forged)).isEqualTo(401);
        assertThat(receivableStatus(r)).isEqualTo("OPEN");
        // a wrong path token: refused before anything is read
        String wrongPath = webhookUrl.toString().replaceAll("/[^/]+$", "/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(http.exchange(URI.create(wrongPath + "?data.id=" + paymentId + "&type=payment"), HttpMethod.POST,
                new HttpEntity<>("{}"), String.class).getStatusCode().value()).isEqualTo(401);

        WebhookDelivery signed = MercadoPagoSimulator.signedNotification(CardTestGateway.WEBHOOK_SECRET, paymentId,
                UUID.randomUUID().toString(), now());
        assertThat(deliver(signed)).isEqualTo(200);
        assertThat(receivableStatus(r)).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("select status from charge where id = ?", String.class, link.path("id").asLong())).isEqualTo("PAID");
        assertThat(count("select count(*) from payment where tenant_id = ? and idempotency_key = ?", tenant, "card|" + paymentId))
                .isEqualTo(1);

        // a card payment in review (PENDING), approved later; the notification of it is unverifiable: refused, and polled
        long r2 = receivable("33,30");
        JsonNode review = charge(r2, UUID.randomUUID().toString(), gateway.cardToken("CONT")).getBody();
        assertThat(review.path("status").asText()).isEqualTo("PENDING");
        String reviewed = review.path("paymentId").asText();
        gateway.setStatus(reviewed, "approved", "accredited");
        Map<String, String> stale = new HashMap<>(MercadoPagoSimulator.signedNotification(CardTestGateway.WEBHOOK_SECRET, reviewed,
                UUID.randomUUID().toString(), String.valueOf(Instant.now().minus(Duration.ofHours(2)).getEpochSecond())).headers());
        assertThat(deliver(new WebhookDelivery(stale, Map.of("data.id", reviewed, "type", "payment"), new byte[0]))).isEqualTo(401);
        assertThat(receivableStatus(r2)).isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("select next_check_at <= now() from charge where id = ?", Boolean.class, review.path("id").asLong()))
                .as("brought forward for the janitor").isTrue();
        assertThat(janitor.runOnce(Instant.now())).anySatisfy(x -> {
            assertThat(x.chargeId()).isEqualTo(review.path("id").asLong());
            assertThat(x.statusAfter()).isEqualTo("PAID");
        });
        assertThat(receivableStatus(r2)).isEqualTo("PAID");
    }
}
