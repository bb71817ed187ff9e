package br.com.recebiveishub.sdk;

import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.pf4j.ExtensionPoint;

/**
 * A card gateway: charges a tokenized card, creates payment links (a hosted checkout page the
 * payer opens), reads a payment's status, refunds, and verifies and reads the gateway's webhook
 * notifications.
 *
 * <p>Like {@link InstantPaymentProvider}, every call that writes has three outcomes, and this point
 * reuses its exception types so the hub handles both kinds of provider alike:
 *
 * <ul>
 *   <li>a value: the gateway answered. A declined card is a value ({@link PaymentState#FAILED}
 *       with the gateway's reason), not an exception: the payment exists at the gateway.</li>
 *   <li>{@link RefusedException}: the gateway answered and nothing happened (bad request, invalid
 *       credentials, a refund larger than what is left); repeating gives the same answer.</li>
 *   <li>{@link UnknownOutcomeException}: it may have happened (timeout, broken connection, 5xx,
 *       429 after the provider's own retries). Never record it as failed: keep the payment
 *       {@link PaymentState#UNKNOWN} and either repeat the <em>same</em> call with the same
 *       idempotency key (the gateway answers with the payment it already made) or look the
 *       payment up by its external reference ({@link #findPayments}).</li>
 * </ul>
 *
 * <p>Card data never reaches the hub: the payer's browser turns the card into a single-use token
 * with the gateway's own script, and only that token is passed here. Implementations never log
 * tokens, access tokens, webhook secrets, e-mails or documents, and keep them out of exception
 * messages.
 *
 * <p>Money is BRL with scale 2. Implementations are thread-safe.
 */
public interface CardPaymentProvider extends ExtensionPoint {

    /** @return the gateway's stable name, e.g. {@code mercadopago} */
    String gateway();

    /**
     * Charges a tokenized card. Same {@link CardCharge#idempotencyKey()} and content: the gateway
     * returns the payment it already made instead of charging again.
     *
     * @throws IllegalArgumentException naming the field when the request is not valid before sending
     */
    CardPayment charge(GatewayAccount account, CardCharge charge);

    /**
     * Creates a payment link for an amount (a hosted checkout page). Payments made through it carry
     * {@link PaymentLinkRequest#externalReference()} and are announced by webhook.
     */
    PaymentLink createPaymentLink(GatewayAccount account, PaymentLinkRequest request);

    /** Reads a payment's current status, e.g. after a webhook or to settle an unknown outcome. */
    CardPayment readPayment(GatewayAccount account, String paymentId);

    /** The payments carrying an external reference, newest first (settles an unknown charge whose id was never seen). */
    List<CardPayment> findPayments(GatewayAccount account, String externalReference);

    /**
     * Refunds a payment in full ({@code amount} null) or in part.
     *
     * @param idempotencyKey the hub's unique key for this refund: a repeat never refunds twice
     */
    GatewayRefund refund(GatewayAccount account, String paymentId, String idempotencyKey, BigDecimal amount);

    /**
     * Verifies a webhook delivery's signature with the account's webhook secret and reads it. The
     * notification only names a resource: the caller reads the resource ({@link #readPayment}) for
     * its status; it never trusts a status from the body.
     *
     * @param receivedAt when the hub received it (signatures older or newer than the account's
     *                   tolerance are refused, against replay)
     * @throws WebhookSignatureException missing, malformed, stale or wrong signature: answer the
     *                                   sender with an error and rely on polling the status
     */
    WebhookEvent verifyWebhook(GatewayAccount account, WebhookDelivery delivery, Instant receivedAt);

    /**
     * The hub's payment status model.
     *
     * <ul>
     *   <li>{@code PENDING}: not decided yet (in review, waiting for the payer, authorized but not captured);</li>
     *   <li>{@code SUCCEEDED}: the money was taken (it may be refunded or charged back later: see {@link Reversal});</li>
     *   <li>{@code FAILED}: no money was or will be taken (declined, cancelled);</li>
     *   <li>{@code UNKNOWN}: the provider could not tell (a status it does not know): ask again, never treat as failed.</li>
     * </ul>
     */
    enum PaymentState { PENDING, SUCCEEDED, FAILED, UNKNOWN }

    /** What happened to money after a payment succeeded. */
    enum Reversal { NONE, PARTIALLY_REFUNDED, REFUNDED, CHARGED_BACK }

    /**
     * A tenant's account at the gateway. Secrets are never logged ({@link #toString()} masks them).
     *
     * @param apiBaseUrl       the gateway's API root, e.g. {@code https://api.mercadopago.com}
     * @param accessToken      the account's API credential
     * @param webhookSecret    the secret the gateway signs notifications with, null when not configured
     *                         (then every webhook is refused)
     * @param webhookTolerance how far a signature's timestamp may be from the receive time
     * @param requestTimeout   how long to wait for an answer before the outcome is unknown
     */
    record GatewayAccount(URI apiBaseUrl, String accessToken, String webhookSecret, Duration webhookTolerance,
                          Duration requestTimeout) {
        public GatewayAccount {
            Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
            Objects.requireNonNull(accessToken, "accessToken");
            webhookTolerance = webhookTolerance == null ? Duration.ofMinutes(5) : webhookTolerance;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        }

        @Override
        public String toString() {
            return "GatewayAccount[" + apiBaseUrl + "]";
        }
    }

    /**
     * A card charge.
     *
     * @param idempotencyKey    the hub's unique key for this charge (tenant + charge id)
     * @param amount            BRL, positive, at most 2 decimal places
     * @param cardToken         the single-use token the gateway's script made from the card
     * @param paymentMethodId   the gateway's card brand id, e.g. {@code visa}, {@code master}
     * @param issuerId          the card issuer's id at the gateway, null when not needed
     * @param installments      number of instalments, at least 1
     * @param payerDocumentType {@code CPF} or {@code CNPJ}
     * @param externalReference the hub's reference the payment carries (for search and reconciliation)
     * @param notificationUrl   where the gateway posts this payment's notifications, null for the account's
     */
    record CardCharge(String idempotencyKey, BigDecimal amount, String cardToken, String paymentMethodId, String issuerId,
                      int installments, String payerEmail, String payerDocumentType, String payerDocumentNumber,
                      String description, String externalReference, URI notificationUrl) {
        public CardCharge {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            amount = brl(amount, "amount");
            Objects.requireNonNull(cardToken, "cardToken");
            if (installments < 1) {
                throw new IllegalArgumentException("installments: must be at least 1");
            }
        }

        /** Leaves out the token, the payer and the document on purpose. */
        @Override
        public String toString() {
            return "CardCharge[" + idempotencyKey + ", " + amount + ", " + installments + "x]";
        }
    }

    /** A payment at the gateway. */
    record CardPayment(String paymentId, String externalReference, PaymentState state, Reversal reversal,
                       String gatewayStatus, String statusDetail, BigDecimal amount, BigDecimal refundedAmount,
                       String paymentMethodId, int installments, Instant createdAt, Instant approvedAt) {
        public CardPayment {
            Objects.requireNonNull(paymentId, "paymentId");
            Objects.requireNonNull(state, "state");
            reversal = reversal == null ? Reversal.NONE : reversal;
        }
    }

    /**
     * A payment link to create.
     *
     * @param idempotencyKey    the hub's unique key for this link
     * @param externalReference the reference payments through the link carry
     * @param title             what the payer sees as the item
     * @param expiresAt         null for a link that does not expire
     * @param notificationUrl   where the gateway posts notifications of payments through the link
     */
    record PaymentLinkRequest(String idempotencyKey, String externalReference, String title, BigDecimal amount,
                              Instant expiresAt, URI notificationUrl) {
        public PaymentLinkRequest {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(externalReference, "externalReference");
            Objects.requireNonNull(title, "title");
            amount = brl(amount, "amount");
        }
    }

    /** A payment link: {@code url} is what the payer opens. */
    record PaymentLink(String linkId, URI url, String externalReference, BigDecimal amount, Instant createdAt,
                       Instant expiresAt) {
    }

    /** A refund; {@code status} is the gateway's (e.g. {@code approved}, {@code in_process}, {@code rejected}). */
    record GatewayRefund(String refundId, String paymentId, BigDecimal amount, String status, Instant createdAt) {
    }

    /**
     * A webhook delivery as the hub received it.
     *
     * @param headers     the request headers (names matched without regard to case)
     * @param queryParams the request's query parameters (decoded)
     * @param body        the raw body
     */
    record WebhookDelivery(Map<String, String> headers, Map<String, String> queryParams, byte[] body) {
        public WebhookDelivery {
            TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (headers != null) {
                h.putAll(headers);
            }
            headers = java.util.Collections.unmodifiableMap(h);
            queryParams = queryParams == null ? Map.of() : Map.copyOf(queryParams);
            body = body == null ? new byte[0] : body.clone();
        }

        /** @return a copy of the raw body */
        @Override
        public byte[] body() {
            return body.clone();
        }

        /** @return the header's value, null when absent */
        public String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * A verified notification.
     *
     * @param type       the resource kind, e.g. {@code payment}
     * @param action     what happened, e.g. {@code payment.updated}, null when not given
     * @param resourceId the resource to read (for {@code payment}: the payment id)
     * @param requestId  the delivery's id (deduplicate on it: delivery is at least once)
     * @param signedAt   the signature's timestamp
     * @param liveMode   false for the gateway's test mode
     */
    record WebhookEvent(String type, String action, String resourceId, String requestId, Instant signedAt,
                        boolean liveMode) {
    }

    /**
     * A webhook whose origin could not be proven. Not a {@link RefusedException}: nothing was sent.
     * The caller answers the delivery with an error and relies on polling {@link #readPayment}.
     */
    class WebhookSignatureException extends RuntimeException {
        private final String reason;

        public WebhookSignatureException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** @return {@code missing}, {@code malformed}, {@code stale}, {@code mismatch} or {@code not-configured} */
        public String reason() {
            return reason;
        }
    }

    /**
     * An amount in BRL with scale 2.
     *
     * @throws IllegalArgumentException when null, not positive or with more than 2 decimal places
     */
    static BigDecimal brl(BigDecimal amount, String field) {
        if (amount == null) {
            throw new IllegalArgumentException(field + ": required");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException(field + ": must be positive");
        }
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + ": at most 2 decimal places (BRL cents)");
        }
    }
}
