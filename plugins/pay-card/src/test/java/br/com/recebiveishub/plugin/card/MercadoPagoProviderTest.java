package br.com.recebiveishub.plugin.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.CardPaymentProvider.CardCharge;
import br.com.recebiveishub.sdk.CardPaymentProvider.CardPayment;
import br.com.recebiveishub.sdk.CardPaymentProvider.GatewayAccount;
import br.com.recebiveishub.sdk.CardPaymentProvider.GatewayRefund;
import br.com.recebiveishub.sdk.CardPaymentProvider.PaymentLink;
import br.com.recebiveishub.sdk.CardPaymentProvider.PaymentLinkRequest;
import br.com.recebiveishub.sdk.CardPaymentProvider.PaymentState;
import br.com.recebiveishub.sdk.CardPaymentProvider.Reversal;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import br.com.recebiveishub.testkit.card.MercadoPagoSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against the local Mercado Pago simulator: payloads and outcomes as the gateway documents them. */
class MercadoPagoProviderTest {

    private static final String TOKEN = "TEST-6295877106812064-042916-5ab4e0e5f9e1a3b4c5d6e7f8a9b0c1d2-202809963";

    private MercadoPagoSimulator sim;
    private MercadoPagoProvider provider;
    private GatewayAccount account;

    @BeforeEach
    void start() throws Exception {
        sim = new MercadoPagoSimulator(TOKEN);
        provider = new MercadoPagoProvider(HttpClient.newHttpClient(), 3, Duration.ofMillis(10));
        account = new GatewayAccount(sim.baseUrl(), TOKEN, "whsec", Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private CardCharge charge(String key, String amount, String cardholder, String ref) {
        return new CardCharge(key, new BigDecimal(amount), sim.cardToken(cardholder), "master", null, 1,
                "test_user_123@testuser.com", "CPF", "19119119100", "Fatura 2026/11", ref,
                URI.create("https://hub.example.com.br/webhooks/mercadopago"));
    }

    @Test
    void approvedCharge() {
        CardPayment p = provider.charge(account, charge("t1:charge:1", "150", "APRO", "t1-rec-1"));

        assertThat(p.state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(p.gatewayStatus()).isEqualTo("approved");
        assertThat(p.statusDetail()).isEqualTo("accredited");
        assertThat(p.reversal()).isEqualTo(Reversal.NONE);
        assertThat(p.amount()).isEqualByComparingTo("150").hasToString("150.00");
        assertThat(p.paymentId()).matches("[0-9]+");
        assertThat(p.externalReference()).isEqualTo("t1-rec-1");
        assertThat(p.approvedAt()).isNotNull();
        // what the gateway received: the documented request fields, money as a number with cents
        JsonNode sent = sim.lastBody();
        assertThat(sent.path("transaction_amount").isNumber()).isTrue();
        assertThat(sent.path("transaction_amount").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(sent.path("installments").asInt()).isEqualTo(1);
        assertThat(sent.path("payment_method_id").asText()).isEqualTo("master");
        assertThat(sent.path("payer").path("identification").path("type").asText()).isEqualTo("CPF");
        assertThat(sent.path("notification_url").asText()).isEqualTo("https://hub.example.com.br/webhooks/mercadopago");
        assertThat(sim.idempotencyKeysSeen()).containsExactly("t1:charge:1");
    }

    @Test
    void rejectedChargeIsAValueWithTheGatewaysReason() {
        CardPayment p = provider.charge(account, charge("t1:charge:2", "89.90", "FUND", "t1-rec-2"));

        assertThat(p.state()).isEqualTo(PaymentState.FAILED);
        assertThat(p.gatewayStatus()).isEqualTo("rejected");
        assertThat(p.statusDetail()).isEqualTo("cc_rejected_insufficient_amount");
        assertThat(p.paymentId()).isNotBlank();
        assertThat(p.approvedAt()).isNull();

        CardPayment call = provider.charge(account, charge("t1:charge:3", "89.90", "CALL", "t1-rec-2"));
        assertThat(call.state()).isEqualTo(PaymentState.FAILED);
        assertThat(call.statusDetail()).isEqualTo("cc_rejected_call_for_authorize");
    }

    @Test
    void inProcessIsPending() {
        CardPayment p = provider.charge(account, charge("t1:charge:4", "10.00", "CONT", "t1-rec-4"));

        assertThat(p.state()).isEqualTo(PaymentState.PENDING);
        assertThat(p.gatewayStatus()).isEqualTo("in_process");
        assertThat(p.statusDetail()).isEqualTo("pending_contingency");
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheSamePaymentAndChargesOnce() {
        CardCharge c = charge("t1:charge:5", "200.00", "APRO", "t1-rec-5");
        CardPayment first = provider.charge(account, c);
        CardPayment again = provider.charge(account, c);

        assertThat(again.paymentId()).isEqualTo(first.paymentId());
        assertThat(sim.paymentsCreated()).isEqualTo(1);
        assertThat(sim.idempotencyKeysSeen()).containsExactly("t1:charge:5", "t1:charge:5");

        // a different key is a different charge (and needs a new single-use token)
        CardPayment other = provider.charge(account, charge("t1:charge:6", "200.00", "APRO", "t1-rec-5"));
        assertThat(other.paymentId()).isNotEqualTo(first.paymentId());
        assertThat(sim.paymentsCreated()).isEqualTo(2);
    }

    @Test
    void theSameKeyWithOtherContentIsRefusedNotCharged() {
        CardCharge c = charge("t1:charge:7", "50.00", "APRO", "t1-rec-7");
        provider.charge(account, c);
        CardCharge changed = new CardCharge(c.idempotencyKey(), new BigDecimal("51.00"), c.cardToken(), c.paymentMethodId(),
                null, 1, c.payerEmail(), "CPF", c.payerDocumentNumber(), c.description(), c.externalReference(), c.notificationUrl());

        assertThatThrownBy(() -> provider.charge(account, changed)).isInstanceOfSatisfying(RefusedException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.reason()).isEqualTo("idempotency_key_already_used");
        });
        assertThat(sim.paymentsCreated()).isEqualTo(1);
    }

    @Test
    void aReusedCardTokenIsRefusedWithTheGatewaysCode() {
        CardCharge c = charge("t1:charge:8", "50.00", "APRO", "t1-rec-8");
        provider.charge(account, c);
        CardCharge reuse = new CardCharge("t1:charge:9", c.amount(), c.cardToken(), "master", null, 1, null, null, null,
                null, "t1-rec-8", null);

        assertThatThrownBy(() -> provider.charge(account, reuse)).isInstanceOfSatisfying(RefusedException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.reason()).isEqualTo("2006");
            assertThat(e.getMessage()).contains("Card Token not found").doesNotContain(c.cardToken()).doesNotContain(TOKEN);
        });
    }

    @Test
    void aTimeoutIsAnUnknownOutcomeThatAReadResolves() throws Exception {
        GatewayAccount impatient = new GatewayAccount(sim.baseUrl(), TOKEN, "whsec", null, Duration.ofMillis(300));
        CardCharge c = charge("t1:charge:10", "75.50", "APRO", "t1-rec-10");
        sim.delayNextPost(Duration.ofMillis(1500));

        assertThatThrownBy(() -> provider.charge(impatient, c)).isInstanceOfSatisfying(UnknownOutcomeException.class, e -> {
            assertThat(e.idempotencyKey()).isEqualTo("t1:charge:10");
            assertThat(e.getMessage()).contains("POST /v1/payments").doesNotContain(c.cardToken());
        });
        // the gateway did charge: reading by the external reference finds it
        List<CardPayment> found = provider.findPayments(account, "t1-rec-10");
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(PaymentState.SUCCEEDED);
            assertThat(p.amount()).isEqualByComparingTo("75.50");
        });
        // and resending the same call, once the gateway has finished the first, settles it without a second charge
        Thread.sleep(1500);
        CardPayment resent = provider.charge(account, c);
        assertThat(resent.paymentId()).isEqualTo(found.get(0).paymentId());
        assertThat(provider.readPayment(account, resent.paymentId()).gatewayStatus()).isEqualTo("approved");
        assertThat(sim.paymentsCreated()).isEqualTo(1);
    }

    @Test
    void aRepeatWhileTheFirstIsStillInProcessIsStillUnknownNotRefused() throws Exception {
        GatewayAccount impatient = new GatewayAccount(sim.baseUrl(), TOKEN, "whsec", null, Duration.ofMillis(300));
        CardCharge c = charge("t1:charge:20", "33.00", "APRO", "t1-rec-20");
        sim.delayNextPost(Duration.ofMillis(2000));
        assertThatThrownBy(() -> provider.charge(impatient, c)).isInstanceOf(UnknownOutcomeException.class);

        // the gateway is still answering the first one: 409 "not completed yet" is not a refusal
        assertThatThrownBy(() -> provider.charge(account, c)).isInstanceOfSatisfying(UnknownOutcomeException.class,
                e -> assertThat(e.getMessage()).contains("409").contains("not been completed yet"));

        // once it is done, the same call returns the one payment
        Thread.sleep(2000);
        CardPayment p = provider.charge(account, c);
        assertThat(p.state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(sim.paymentsCreated()).isEqualTo(1);
    }

    @Test
    void paymentLink() {
        Instant expires = OffsetDateTime.parse("2026-12-20T23:59:59-03:00").toInstant();
        PaymentLink link = provider.createPaymentLink(account, new PaymentLinkRequest("t1:link:1", "t1-rec-11",
                "Fatura 123 - Cliente Exemplo", new BigDecimal("1234.5"), expires,
                URI.create("https://hub.example.com.br/webhooks/mercadopago")));

        assertThat(link.linkId()).startsWith("202809963-");
        assertThat(link.url()).hasToString("https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=" + link.linkId());
        assertThat(link.externalReference()).isEqualTo("t1-rec-11");
        assertThat(link.amount()).hasToString("1234.50");
        assertThat(link.expiresAt()).isEqualTo(expires);
        JsonNode sent = sim.lastBody();
        assertThat(sent.path("items").path(0).path("currency_id").asText()).isEqualTo("BRL");
        assertThat(sent.path("items").path(0).path("quantity").asInt()).isEqualTo(1);
        assertThat(sent.path("items").path(0).path("unit_price").decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(sent.path("expires").asBoolean()).isTrue();
        assertThat(sent.path("expiration_date_to").asText()).isEqualTo("2026-12-20T23:59:59.000-03:00");
        assertThat(sent.path("notification_url").asText()).isEqualTo("https://hub.example.com.br/webhooks/mercadopago");
        assertThat(sim.idempotencyKeysSeen()).containsExactly("t1:link:1");
    }

    @Test
    void fullRefund() {
        CardPayment p = provider.charge(account, charge("t1:charge:12", "150.00", "APRO", "t1-rec-12"));

        GatewayRefund r = provider.refund(account, p.paymentId(), "t1:refund:1", null);
        assertThat(r.status()).isEqualTo("approved");
        assertThat(r.paymentId()).isEqualTo(p.paymentId());
        assertThat(r.amount()).hasToString("150.00");
        assertThat(sim.lastBody().has("amount")).as("a full refund sends no amount").isFalse();

        GatewayRefund again = provider.refund(account, p.paymentId(), "t1:refund:1", null);
        assertThat(again.refundId()).isEqualTo(r.refundId());
        assertThat(sim.refundsCreated()).isEqualTo(1);

        CardPayment after = provider.readPayment(account, p.paymentId());
        assertThat(after.gatewayStatus()).isEqualTo("refunded");
        assertThat(after.state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(after.reversal()).isEqualTo(Reversal.REFUNDED);
        assertThat(after.refundedAmount()).hasToString("150.00");
    }

    @Test
    void partialRefunds() {
        CardPayment p = provider.charge(account, charge("t1:charge:13", "150.00", "APRO", "t1-rec-13"));

        GatewayRefund r = provider.refund(account, p.paymentId(), "t1:refund:2", new BigDecimal("40"));
        assertThat(r.amount()).hasToString("40.00");
        assertThat(sim.lastBody().path("amount").decimalValue()).isEqualByComparingTo("40.00");
        CardPayment after = provider.readPayment(account, p.paymentId());
        assertThat(after.gatewayStatus()).isEqualTo("approved");
        assertThat(after.statusDetail()).isEqualTo("partially_refunded");
        assertThat(after.reversal()).isEqualTo(Reversal.PARTIALLY_REFUNDED);
        assertThat(after.refundedAmount()).hasToString("40.00");

        assertThatThrownBy(() -> provider.refund(account, p.paymentId(), "t1:refund:3", new BigDecimal("110.01")))
                .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.status()).isEqualTo(400));
        provider.refund(account, p.paymentId(), "t1:refund:4", new BigDecimal("110.00"));
        assertThat(provider.readPayment(account, p.paymentId()).reversal()).isEqualTo(Reversal.REFUNDED);
        assertThat(sim.refundsCreated()).isEqualTo(2);
    }

    @Test
    void amountsWithMoreThanCentsAreRefusedBeforeSending() {
        assertThatThrownBy(() -> charge("t1:charge:14", "10.005", "APRO", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount");
        CardPayment p = provider.charge(account, charge("t1:charge:15", "10.00", "APRO", "x"));
        assertThatThrownBy(() -> provider.refund(account, p.paymentId(), "t1:refund:5", new BigDecimal("0.001")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.refundsCreated()).isZero();
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedWithTheSameKey() {
        sim.failNext(503, 1, -1);
        sim.failNext(429, 1, 0);
        CardPayment p = provider.charge(account, charge("t1:charge:16", "20.00", "APRO", "t1-rec-16"));

        assertThat(p.state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(sim.idempotencyKeysSeen()).containsExactly("t1:charge:16", "t1:charge:16", "t1:charge:16");
        assertThat(sim.paymentsCreated()).isEqualTo(1);
    }

    @Test
    void serverErrorsPastTheRetriesAreAnUnknownOutcome() {
        sim.failNext(500, 3, -1);
        assertThatThrownBy(() -> provider.charge(account, charge("t1:charge:17", "20.00", "APRO", "t1-rec-17")))
                .isInstanceOfSatisfying(UnknownOutcomeException.class, e -> {
                    assertThat(e.idempotencyKey()).isEqualTo("t1:charge:17");
                    assertThat(e.getMessage()).contains("500 after 3 attempt(s)");
                });
        assertThat(sim.requestLog()).hasSize(3);
    }

    @Test
    void aWrongAccessTokenIsRefusedWithoutEchoingIt() {
        GatewayAccount wrong = new GatewayAccount(sim.baseUrl(), "APP_USR-wrong-token", null, null, null);
        assertThatThrownBy(() -> provider.readPayment(wrong, "1318000001")).isInstanceOfSatisfying(RefusedException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.reason()).isEqualTo("unauthorized");
            assertThat(e.getMessage()).doesNotContain("APP_USR-wrong-token");
        });
        assertThat(wrong.toString()).doesNotContain("APP_USR");
    }

    @Test
    void aChargebackReadsAsSucceededThenChargedBack() {
        CardPayment p = provider.charge(account, charge("t1:charge:18", "99.99", "APRO", "t1-rec-18"));
        sim.setStatus(p.paymentId(), "charged_back", "settled");

        CardPayment after = provider.readPayment(account, p.paymentId());
        assertThat(after.state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(after.reversal()).isEqualTo(Reversal.CHARGED_BACK);
    }

    @Test
    void searchEncodesTheExternalReference() {
        provider.charge(account, charge("t1:charge:21", "5.00", "APRO", "t1/rec 21&status=approved"));
        provider.charge(account, charge("t1:charge:22", "6.00", "APRO", "t1/rec 22"));

        assertThat(provider.findPayments(account, "t1/rec 21&status=approved")).extracting(CardPayment::amount)
                .extracting(BigDecimal::toPlainString).containsExactly("5.00");
        assertThat(provider.findPayments(account, "t1/rec 2")).isEmpty();
    }

    @Test
    void paymentIdsArePlainNumbers() {
        assertThatThrownBy(() -> provider.readPayment(account, "1/../../x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.requestLog()).isEmpty();
    }

    @Test
    void aChargeNeverPrintsItsTokenOrPayer() {
        CardCharge c = charge("t1:charge:19", "1.00", "APRO", "r");
        assertThat(c.toString()).doesNotContain(c.cardToken()).doesNotContain("19119119100").doesNotContain("testuser");
    }
}
