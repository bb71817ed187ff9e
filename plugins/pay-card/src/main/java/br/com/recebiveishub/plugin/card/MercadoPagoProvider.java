package br.com.recebiveishub.plugin.card;

import static br.com.recebiveishub.plugin.card.MercadoPagoClient.JSON;
import static br.com.recebiveishub.plugin.card.MercadoPagoClient.instant;
import static br.com.recebiveishub.plugin.card.MercadoPagoClient.money;
import static br.com.recebiveishub.plugin.card.MercadoPagoClient.text;

import br.com.recebiveishub.sdk.CardPaymentProvider;
import br.com.recebiveishub.sdk.Configurable;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Card payments and payment links through Mercado Pago: {@code POST /v1/payments} (tokenized card),
 * {@code GET /v1/payments/{id}}, {@code GET /v1/payments/search}, {@code POST /v1/payments/{id}/refunds},
 * {@code POST /checkout/preferences} (Checkout Pro: the payment link) and the signed webhook.
 *
 * <p>Status mapping in {@link StatusMapping}; signature in {@link WebhookSignature}.
 */
@Extension
public final class MercadoPagoProvider implements CardPaymentProvider, Configurable {

    /** A tenant's Mercado Pago application as the hub stores it; the secrets are write-only. */
    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Mercado Pago account (payments API v1, Checkout Pro)",
              "type": "object",
              "additionalProperties": false,
              "required": ["accessToken"],
              "properties": {
                "apiBaseUrl": {"type": "string", "pattern": "^(https://[^\\\\s]+|http://(127\\\\.0\\\\.0\\\\.1|localhost)(:[0-9]{1,5})?(/[^\\\\s]*)?)$", "default": "https://api.mercadopago.com", "description": "Mercado Pago API root (https; plain http only to this machine's loopback, for a local gateway simulator); leave the default"},
                "accessToken": {"type": "string", "pattern": "^(APP_USR|TEST)-[A-Za-z0-9-]+$", "maxLength": 200, "writeOnly": true, "description": "The application's Access Token (Your integrations > credentials): APP_USR-... in production, TEST-... for test credentials"},
                "webhookSecret": {"type": "string", "minLength": 1, "maxLength": 200, "writeOnly": true, "description": "The application's secret signature (Webhooks > Configure notifications); without it every webhook is refused and payments are polled"},
                "webhookToleranceSeconds": {"type": "integer", "minimum": 30, "maximum": 3600, "default": 300, "description": "How far a webhook's signed timestamp may be from the time the hub receives it"},
                "requestTimeoutSeconds": {"type": "integer", "minimum": 5, "maximum": 120, "default": 30, "description": "How long to wait for Mercado Pago before the outcome of a call is unknown"}
              }
            }""";

    /** Mercado Pago ids of payments are numbers; refusing anything else keeps paths clean. */
    private static final Pattern PAYMENT_ID = Pattern.compile("[0-9]{1,20}");
    private static final DateTimeFormatter MP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final ZoneOffset BRASILIA = ZoneOffset.ofHours(-3);

    private final HttpClient http;
    private final int maxAttempts;
    private final Duration backoff;

    /** What PF4J instantiates: 3 attempts for 429/5xx, 500 ms × attempt between them. */
    public MercadoPagoProvider() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build(),
                3, Duration.ofMillis(500));
    }

    MercadoPagoProvider(HttpClient http, int maxAttempts, Duration backoff) {
        this.http = Objects.requireNonNull(http);
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff);
    }

    @Override
    public String configurationSchema() {
        return SCHEMA;
    }

    @Override
    public String gateway() {
        return "mercadopago";
    }

    @Override
    public CardPayment charge(GatewayAccount account, CardCharge c) {
        ObjectNode body = JSON.createObjectNode();
        body.put("transaction_amount", c.amount());
        body.put("token", c.cardToken());
        if (c.description() != null) {
            body.put("description", c.description());
        }
        body.put("installments", c.installments());
        if (c.paymentMethodId() != null) {
            body.put("payment_method_id", c.paymentMethodId());
        }
        if (c.issuerId() != null) {
            body.put("issuer_id", c.issuerId());
        }
        ObjectNode payer = body.putObject("payer");
        if (c.payerEmail() != null) {
            payer.put("email", c.payerEmail());
        }
        if (c.payerDocumentNumber() != null) {
            payer.putObject("identification").put("type", c.payerDocumentType() == null ? "CPF" : c.payerDocumentType())
                    .put("number", c.payerDocumentNumber());
        }
        if (c.externalReference() != null) {
            body.put("external_reference", c.externalReference());
        }
        if (c.notificationUrl() != null) {
            body.put("notification_url", c.notificationUrl().toString());
        }
        return payment(client(account).post("/v1/payments", c.idempotencyKey(), body));
    }

    @Override
    public PaymentLink createPaymentLink(GatewayAccount account, PaymentLinkRequest r) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode item = body.putArray("items").addObject();
        item.put("id", r.externalReference());
        item.put("title", r.title());
        item.put("quantity", 1);
        item.put("currency_id", "BRL");
        item.put("unit_price", r.amount());
        body.put("external_reference", r.externalReference());
        if (r.notificationUrl() != null) {
            body.put("notification_url", r.notificationUrl().toString());
        }
        if (r.expiresAt() != null) {
            body.put("expires", true);
            body.put("expiration_date_to", MP_DATE.format(r.expiresAt().atOffset(BRASILIA)));
        }
        JsonNode res = client(account).post("/checkout/preferences", r.idempotencyKey(), body);
        String url = text(res.get("init_point"));
        if (url == null) {
            url = text(res.get("sandbox_init_point"));
        }
        if (url == null || text(res.get("id")) == null) {
            throw new UnknownOutcomeException(r.idempotencyKey(), "POST /checkout/preferences: answer without id or init_point");
        }
        BigDecimal amount = res.path("items").path(0).has("unit_price") ? money(res.path("items").path(0).get("unit_price")) : r.amount();
        return new PaymentLink(res.get("id").asText(), URI.create(url), text(res.get("external_reference")), amount,
                instant(res.get("date_created")), instant(res.get("expiration_date_to")));
    }

    @Override
    public CardPayment readPayment(GatewayAccount account, String paymentId) {
        return payment(client(account).get("/v1/payments/" + id(paymentId), paymentId));
    }

    @Override
    public List<CardPayment> findPayments(GatewayAccount account, String externalReference) {
        Objects.requireNonNull(externalReference, "externalReference");
        String q = "?sort=date_created&criteria=desc&external_reference="
                + URLEncoder.encode(externalReference, StandardCharsets.UTF_8);
        JsonNode res = client(account).get("/v1/payments/search" + q, externalReference);
        List<CardPayment> out = new ArrayList<>();
        for (JsonNode p : res.path("results")) {
            out.add(payment(p));
        }
        return out;
    }

    @Override
    public GatewayRefund refund(GatewayAccount account, String paymentId, String idempotencyKey, BigDecimal amount) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        ObjectNode body = JSON.createObjectNode();
        if (amount != null) {
            body.put("amount", CardPaymentProvider.brl(amount, "amount"));
        }
        JsonNode res = client(account).post("/v1/payments/" + id(paymentId) + "/refunds", idempotencyKey, body);
        return new GatewayRefund(text(res.get("id")), text(res.get("payment_id")), money(res.get("amount")),
                text(res.get("status")), instant(res.get("date_created")));
    }

    @Override
    public WebhookEvent verifyWebhook(GatewayAccount account, WebhookDelivery d, Instant receivedAt) {
        JsonNode body = null;
        try {
            body = d.body().length == 0 ? null : JSON.readTree(d.body());
        } catch (IOException e) {
            // The signature does not cover the body: an unreadable body only loses type/action.
        }
        String dataId = d.queryParams().get("data.id");
        if (dataId == null && body != null) {
            dataId = text(body.path("data").get("id"));
        }
        if (dataId == null || dataId.isEmpty()) {
            throw new WebhookSignatureException("malformed", "notification without data.id");
        }
        String requestId = d.header("x-request-id");
        Instant signedAt = WebhookSignature.verify(account.webhookSecret(), d.header("x-signature"), dataId, requestId,
                receivedAt, account.webhookTolerance());
        String type = body == null ? null : text(body.get("type"));
        if (type == null) {
            type = d.queryParams().getOrDefault("type", d.queryParams().get("topic"));
        }
        String action = body == null ? null : text(body.get("action"));
        boolean live = body != null && body.path("live_mode").asBoolean(false);
        return new WebhookEvent(type, action, dataId, requestId, signedAt, live);
    }

    private MercadoPagoClient client(GatewayAccount a) {
        return new MercadoPagoClient(http, a.apiBaseUrl(), a.accessToken(), a.requestTimeout(), maxAttempts, backoff);
    }

    private static String id(String paymentId) {
        if (paymentId == null || !PAYMENT_ID.matcher(paymentId).matches()) {
            throw new IllegalArgumentException("paymentId: Mercado Pago payment ids are 1 to 20 digits");
        }
        return paymentId;
    }

    static CardPayment payment(JsonNode p) {
        String status = text(p.get("status"));
        BigDecimal refunded = money(p.get("transaction_amount_refunded"));
        return new CardPayment(p.path("id").asText(), text(p.get("external_reference")), StatusMapping.state(status),
                StatusMapping.reversal(status, refunded), status, text(p.get("status_detail")),
                money(p.get("transaction_amount")), refunded,
                text(p.get("payment_method_id")), p.path("installments").asInt(0),
                instant(p.get("date_created")), instant(p.get("date_approved")));
    }
}
