package br.com.recebiveishub.sdk;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.pf4j.ExtensionPoint;

/**
 * An instant-payment provider (Pix): issues payment codes and charges at a PSP, reads the PSP's
 * notifications and asks for refunds.
 *
 * <p>Unlike {@link PaymentProvider}, which is a pure function of files, this one talks to the PSP
 * in real time, so every call that writes has three outcomes, and the hub must tell them apart:
 *
 * <ul>
 *   <li>a value: done;</li>
 *   <li>{@link RefusedException}: the PSP answered and nothing happened (or nothing was sent);</li>
 *   <li>{@link UnknownOutcomeException}: it may have happened (timeout, broken connection, 5xx).
 *       Never record it as failed: keep the charge UNKNOWN and repeat the same call, which is
 *       idempotent by its key ({@link ChargeSpec#idempotencyKey()}, the refund id).</li>
 * </ul>
 *
 * <p>Implementations are thread-safe and keep no state the hub needs (they may cache an access
 * token per {@link PspAccount}). They never log keys, documents or names.
 */
public interface InstantPaymentProvider extends ExtensionPoint {

    /** @return the payment method, e.g. {@code PIX} */
    String method();

    /**
     * A static payment code ("copia e cola") for the account's key: a pure function, no PSP call.
     *
     * @param amount    fixed amount, null to let the payer type it
     * @param reference up to 25 letters and digits the payment will carry, null for none
     * @throws IllegalArgumentException naming the field and rule broken
     */
    String staticCode(PspAccount account, BigDecimal amount, String reference, String description);

    /**
     * Reads and validates a payment code.
     *
     * @throws IllegalArgumentException naming the tag and the rule broken
     */
    PaymentCode readCode(String payload);

    /** Creates (or, same key and content, finds again) a charge at the PSP. */
    InstantCharge createCharge(PspAccount account, ChargeSpec spec);

    /** Reads a charge back, e.g. to settle an {@link UnknownOutcomeException}. */
    InstantCharge readCharge(PspAccount account, String chargeId, boolean withDueDate);

    /** Asks the PSP to POST the payments on the account's key to {@code url} (the PSP adds its own suffix). */
    void registerWebhook(PspAccount account, URI url);

    /**
     * Reads a notification body the PSP POSTed. Delivery is at least once and unordered: key
     * payments by {@link ReceivedPayment#endToEndId()}.
     *
     * @throws IllegalArgumentException naming the item and field that is not as the PSP documents
     */
    List<ReceivedPayment> parseNotification(byte[] body);

    /** Asks for a refund of (part of) a received payment; {@code refundId} is the idempotency key. */
    Refund requestRefund(PspAccount account, String endToEndId, String refundId, BigDecimal amount, String description);

    /**
     * Withdraws a charge nobody has paid yet, so its code can no longer be paid (API Pix: PATCH of
     * the cob or cobv with status {@code REMOVIDA_PELO_USUARIO_RECEBEDOR}). Used when the
     * receivable was settled another way, e.g. its boleto was paid first. Idempotent: removing a
     * removed charge returns it unchanged. Since SDK 0.4.0; providers written for 0.3 refuse it.
     *
     * @return the charge as the PSP holds it after the call
     * @throws RefusedException        the PSP refused (e.g. the charge was paid in the meantime: read it)
     * @throws UnknownOutcomeException it may have been removed: read the charge or repeat
     */
    default InstantCharge removeCharge(PspAccount account, String chargeId, boolean withDueDate) {
        throw new RefusedException(0, "NaoSuportado", "this provider cannot remove a charge (SDK < 0.4.0)");
    }

    /**
     * A receiver's account at a PSP. Secrets are never logged ({@link #toString()} masks them);
     * the hub stores them as configuration, not as receivable data.
     *
     * @param apiBaseUrl       the PSP's API base including its major version
     * @param keystore         PKCS#12 with the client certificate and key the PSP registered
     * @param truststore       PKCS#12 with the PSP's CA, null for the JVM's
     * @param pixKey           the receiver's key charges are paid to
     * @param merchantName     name shown to the payer (at most 25 characters in a code)
     * @param merchantCity     city shown to the payer (at most 15 characters in a code)
     */
    record PspAccount(URI apiBaseUrl, URI tokenUrl, String clientId, String clientSecret, Path keystore,
                      char[] keystorePassword, Path truststore, char[] truststorePassword, String pixKey,
                      String merchantName, String merchantCity) {
        public PspAccount {
            Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(pixKey, "pixKey");
        }

        @Override
        public String toString() {
            return "PspAccount[" + apiBaseUrl + ", client " + clientId + "]";
        }
    }

    /** Fine, interest or discount rule of a due-date charge, as the provider's modality code and value. */
    record Adjustment(int modality, BigDecimal value) {
    }

    /** An early-payment discount valid up to a date. */
    record DatedDiscount(LocalDate until, BigDecimal value) {
    }

    /**
     * What to charge.
     *
     * @param idempotencyKey the hub's unique key for the charge (tenant + charge id); the provider
     *                       derives its charge id from it, so a repeat cannot charge twice
     * @param dueDate        null for an immediate charge
     * @param expiresInSeconds life of an immediate charge
     * @param daysPayableAfterDue days a due-date charge is payable after its due date
     * @param debtorDocument CPF or CNPJ (digits; letters for an alphanumeric CNPJ); mandatory with a due date
     */
    record ChargeSpec(String idempotencyKey, BigDecimal amount, LocalDate dueDate, int expiresInSeconds,
                      int daysPayableAfterDue, String debtorDocument, String debtorName, Adjustment fine,
                      Adjustment interest, Integer discountModality, List<DatedDiscount> datedDiscounts,
                      BigDecimal discountValue, String message) {
        public ChargeSpec {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(amount, "amount");
            datedDiscounts = datedDiscounts == null ? List.of() : List.copyOf(datedDiscounts);
        }

        @Override
        public String toString() {
            return "ChargeSpec[" + idempotencyKey + ", " + amount + (dueDate == null ? "" : ", due " + dueDate) + "]";
        }
    }

    /**
     * A charge at the PSP.
     *
     * @param chargeId the provider's id (Pix: the txid)
     * @param status   the provider's status, e.g. {@code ATIVA}, {@code CONCLUIDA}
     * @param code     the payment code ("copia e cola") to show the payer
     */
    record InstantCharge(String chargeId, int revision, String status, BigDecimal amount, Instant createdAt,
                         LocalDate dueDate, String location, String code, List<ReceivedPayment> payments) {
        public InstantCharge {
            payments = payments == null ? List.of() : List.copyOf(payments);
        }
    }

    /** What a payment code says. */
    record PaymentCode(boolean dynamic, BigDecimal amount, String merchantName, String merchantCity, String reference,
                       String location) {
        /** Leaves out the name on purpose. */
        @Override
        public String toString() {
            return "PaymentCode[" + (dynamic ? "dynamic" : "static") + ", " + amount + "]";
        }
    }

    /**
     * A payment received.
     *
     * @param endToEndId the payment's identity across the instant-payment system: the idempotency key
     * @param chargeId   the charge it pays, null when paid to the key without a charge
     */
    record ReceivedPayment(String endToEndId, String chargeId, BigDecimal amount, Instant paidAt, List<Refund> refunds) {
        public ReceivedPayment {
            refunds = refunds == null ? List.of() : List.copyOf(refunds);
        }
    }

    /** A refund; {@code status} is the provider's ({@code EM_PROCESSAMENTO}, {@code DEVOLVIDO}, {@code NAO_REALIZADO}). */
    record Refund(String refundId, String providerId, BigDecimal amount, String status, Instant requestedAt, Instant settledAt) {
    }

    /** The PSP answered and the operation did not happen (or was never sent); repeating it gives the same answer. */
    class RefusedException extends RuntimeException {
        private final int status;
        private final String reason;

        public RefusedException(int status, String reason, String message) {
            super(message);
            this.status = status;
            this.reason = reason;
        }

        /** @return the PSP's HTTP status, 0 when nothing was sent */
        public int status() {
            return status;
        }

        /** @return the provider's error type, e.g. {@code CobOperacaoInvalida} */
        public String reason() {
            return reason;
        }
    }

    /**
     * The operation may have happened. Not a {@link RefusedException} on purpose, so a handler of
     * refusals cannot swallow it.
     */
    class UnknownOutcomeException extends RuntimeException {
        private final String idempotencyKey;

        public UnknownOutcomeException(String idempotencyKey, String message) {
            super(message);
            this.idempotencyKey = idempotencyKey;
        }

        /** @return the provider's id to read back or resend (Pix: txid or refund id) */
        public String idempotencyKey() {
            return idempotencyKey;
        }
    }
}
