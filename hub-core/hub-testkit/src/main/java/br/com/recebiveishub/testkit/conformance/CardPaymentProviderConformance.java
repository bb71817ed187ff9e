package br.com.recebiveishub.testkit.conformance;

import br.com.recebiveishub.sdk.CardPaymentProvider;
import br.com.recebiveishub.sdk.CardPaymentProvider.CardCharge;
import br.com.recebiveishub.sdk.CardPaymentProvider.CardPayment;
import br.com.recebiveishub.sdk.CardPaymentProvider.GatewayAccount;
import br.com.recebiveishub.sdk.CardPaymentProvider.PaymentState;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookDelivery;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookEvent;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookSignatureException;
import br.com.recebiveishub.sdk.Configurable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance suite of a {@link CardPaymentProvider} against its gateway (a local server
 * speaking the gateway's documented API): an approved charge, its status read back, a retry with
 * the same key giving the same payment and one charge at the gateway, and webhook verification —
 * a notification signed as the gateway documents is accepted; one with tampered signed content, a
 * stale timestamp, no signature or another secret's signature is refused with
 * {@link WebhookSignatureException}.
 */
public abstract class CardPaymentProviderConformance {

    /** The provider under test. */
    protected abstract CardPaymentProvider provider();

    /** The gateway. */
    protected abstract Peer peer();

    /** The gateway side, as the suite needs it. */
    public interface Peer {

        /** @return an account the gateway serves, with a webhook secret and tolerance */
        GatewayAccount account();

        /** @return a single-use card token the gateway approves */
        String approvedCardToken();

        /** @return how many payments the gateway created */
        long paymentsCreated();

        /**
         * @return a notification about {@code paymentId} signed with {@code secret} at {@code signedAt},
         *         exactly as the gateway's documentation says it delivers one
         */
        WebhookDelivery signedNotification(String secret, String paymentId, Instant signedAt);

        /** @return {@code signed} with the content its signature covers changed (another resource id, for example) */
        WebhookDelivery tampered(WebhookDelivery signed);

        /** @return {@code signed} without its signature */
        WebhookDelivery unsigned(WebhookDelivery signed);
    }

    private CardPaymentProvider provider;

    @BeforeEach
    void oneProviderPerTest() {
        provider = provider();
    }

    private CardCharge charge(String key, String amount) {
        return new CardCharge(key, new BigDecimal(amount), peer().approvedCardToken(), "master", null, 1,
                "comprador@example.com", "CPF", "19119119100", "Fatura conformidade", "conf-" + key.hashCode(),
                URI.create("https://hub.example.com.br/webhooks/card"));
    }

    private static String newKey() {
        return "conformance:" + UUID.randomUUID();
    }

    @Test
    void gatewayIsNamedAndTheSettingsSchemaFollowsTheRules() {
        assertTrue(provider.gateway() != null && !provider.gateway().isBlank(), "gateway(), e.g. MERCADO_PAGO");
        if (provider instanceof Configurable c) {
            SettingsSchemaRules.assertValid(c.configurationSchema(), List.of());
        }
    }

    @Test
    void anApprovedChargeSucceedsAndReadsBackTheSame() {
        long before = peer().paymentsCreated();
        CardPayment paid = provider.charge(peer().account(), charge(newKey(), "150.00"));
        assertEquals(PaymentState.SUCCEEDED, paid.state(), "state of a charge the gateway approved");
        assertEquals(0, new BigDecimal("150.00").compareTo(paid.amount()), "amount");
        assertEquals(2, paid.amount().scale(), "amount has scale 2");
        assertEquals(before + 1, peer().paymentsCreated(), "payments at the gateway after one charge");

        CardPayment read = provider.readPayment(peer().account(), paid.paymentId());
        assertEquals(paid.paymentId(), read.paymentId(), "readPayment().paymentId");
        assertEquals(PaymentState.SUCCEEDED, read.state(), "readPayment().state");
        assertEquals(0, paid.amount().compareTo(read.amount()), "readPayment().amount");
    }

    @Test
    void aRetryWithTheSameKeyGivesTheSamePaymentAndChargesOnce() {
        CardCharge c = charge(newKey(), "200.00");
        long before = peer().paymentsCreated();
        CardPayment first = provider.charge(peer().account(), c);
        CardPayment again = provider.charge(peer().account(), c);
        assertEquals(first.paymentId(), again.paymentId(), "the same key gives the same payment");
        assertEquals(before + 1, peer().paymentsCreated(), "payments at the gateway after two charges with one key");
    }

    @Test
    void aNotificationSignedAsTheGatewayDocumentsIsAccepted() {
        GatewayAccount account = peer().account();
        Instant signedAt = Instant.parse("2026-12-03T13:00:00Z");
        WebhookEvent event = provider.verifyWebhook(account, peer().signedNotification(account.webhookSecret(), "1318000042", signedAt),
                signedAt.plusSeconds(3));
        assertEquals("1318000042", event.resourceId(), "the notification names the payment to read");
        assertEquals(signedAt, event.signedAt(), "signedAt is the signature's timestamp");
    }

    @Test
    void aTamperedNotificationIsRefused() {
        GatewayAccount account = peer().account();
        Instant at = Instant.parse("2026-12-03T13:00:00Z");
        WebhookDelivery tampered = peer().tampered(peer().signedNotification(account.webhookSecret(), "1318000042", at));
        assertEquals("mismatch", refusal(account, tampered, at.plusSeconds(3)).reason(), "reason for tampered content");
    }

    @Test
    void aNotificationSignedWithAnotherSecretIsRefused() {
        GatewayAccount account = peer().account();
        Instant at = Instant.parse("2026-12-03T13:00:00Z");
        WebhookDelivery other = peer().signedNotification("another-applications-secret", "1318000042", at);
        assertEquals("mismatch", refusal(account, other, at.plusSeconds(3)).reason(), "reason for another secret's signature");
    }

    @Test
    void aStaleNotificationIsRefused() {
        GatewayAccount account = peer().account();
        Instant at = Instant.parse("2026-12-03T13:00:00Z");
        WebhookDelivery d = peer().signedNotification(account.webhookSecret(), "1318000042", at);
        Instant late = at.plus(account.webhookTolerance()).plusSeconds(60);
        assertEquals("stale", refusal(account, d, late).reason(), "reason for a signature older than the tolerance");
    }

    @Test
    void aNotificationWithoutSignatureIsRefused() {
        GatewayAccount account = peer().account();
        Instant at = Instant.parse("2026-12-03T13:00:00Z");
        WebhookDelivery d = peer().unsigned(peer().signedNotification(account.webhookSecret(), "1318000042", at));
        assertEquals("missing", refusal(account, d, at.plusSeconds(3)).reason(), "reason for a notification without signature");
    }

    private WebhookSignatureException refusal(GatewayAccount account, WebhookDelivery d, Instant receivedAt) {
        return assertThrows(WebhookSignatureException.class, () -> provider.verifyWebhook(account, d, receivedAt));
    }
}
