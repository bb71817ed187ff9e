package br.com.recebiveishub.sdk;

import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.RecordSink;
import org.pf4j.ExtensionPoint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads receivables from a client's ERP through its API (Omie, Bling, ...), incrementally, and
 * writes payment status back to it. Since SDK 0.4.0.
 *
 * <p>The shape follows Airbyte's source protocol, so the same acceptance suite tests every
 * connector ({@code hub-testkit}'s {@code ErpApiConnectorConformance}):
 *
 * <ol>
 *   <li><b>spec</b>: {@link #configurationSchema()} ({@link Configurable}), what the implementation
 *       team fills in per tenant (API token, company, start date);</li>
 *   <li><b>check</b>: {@link #check} answers whether the settings reach the ERP and may read;</li>
 *   <li><b>discover</b>: {@link #discover} names the streams the connector can read;</li>
 *   <li><b>read</b>: {@link #read} streams one stream's records from a saved cursor to the
 *       {@link SyncSink}, calling {@link SyncSink#checkpoint} after each page. The hub commits the
 *       records received before a checkpoint together with the cursor, so a sync that stops
 *       anywhere resumes from the last checkpoint: no gap. Records at the cursor's boundary may be
 *       read again; the hub's upsert by {@code sourceSystem + externalId} makes that harmless, and
 *       a connector never emits the same record twice within one read.</li>
 * </ol>
 *
 * <p>Outcomes follow {@link InstantPaymentProvider}: {@link InstantPaymentProvider.RefusedException}
 * for what the ERP answered and will answer again (bad credentials, a record that does not exist),
 * {@link InstantPaymentProvider.UnknownOutcomeException} for a write-back whose result is not
 * known, {@link ErpUnavailableException} when a read could not finish (outage, timeouts, rate limit
 * beyond the connector's own retries). A connector respects the ERP's documented rate limits
 * itself: it spaces its calls and backs off on HTTP 429 as the ERP documents.
 *
 * <p>Implementations are thread-safe and keep no state the hub needs (the cursor is the hub's).
 * They never log tokens, documents, names or e-mails, and keep them out of exception messages.
 */
public interface ErpApiConnector extends ExtensionPoint, Configurable {

    /** @return the ERP's stable name, also the {@code sourceSystem} of every record, e.g. {@code BLING} */
    String system();

    /**
     * Tests the settings against the ERP: authentication and permission to read the receivables.
     * Never throws for an answer of the ERP; an unreachable ERP is a failed check with reason
     * {@code unreachable}.
     */
    ConnectionCheck check(ErpAccount account);

    /** @return the streams this connector reads; the hub syncs the ones it knows ({@link #RECEIVABLES}) */
    List<ErpStream> discover(ErpAccount account);

    /**
     * Reads one stream from {@code cursor} (null: from the account's start), page by page, giving
     * each record or rejection to the sink and calling {@link SyncSink#checkpoint} with the cursor
     * to resume from after each page. Returns when the ERP has nothing newer.
     *
     * @throws ErpUnavailableException the read could not finish; everything before the last
     *                                 checkpoint stands
     * @throws InstantPaymentProvider.RefusedException the ERP refused (credentials, permissions)
     */
    void read(ErpAccount account, String stream, String cursor, ConnectorContext context, SyncSink sink);

    /**
     * Tells the ERP that a receivable was paid (settles the título / conta a receber there).
     * Idempotent by {@link PaymentWriteBack#idempotencyKey()}: repeating a write-back the ERP
     * already has changes nothing and returns normally.
     *
     * @throws InstantPaymentProvider.RefusedException      the ERP refused (the record is not there, already settled otherwise)
     * @throws InstantPaymentProvider.UnknownOutcomeException it may have been written: repeat the same write-back
     */
    WriteBackReceipt writeBackPayment(ErpAccount account, PaymentWriteBack payment);

    /** The stream of receivables (contas a receber); every connector offers it. */
    String RECEIVABLES = "receivables";

    /**
     * A tenant's settings for the connector, as validated against its schema. {@link #toString()}
     * shows none of them (they hold tokens).
     *
     * @param tenantId the tenant; caches a connector keeps (tokens, rate limiters) are keyed on it
     *                 too, because two client companies may use the same app credentials
     * @param settings the settings by property name, secrets decrypted; numbers and booleans as text
     * @param keeper   where the connector hands a setting the ERP rotated (see {@link SettingsKeeper})
     */
    record ErpAccount(String tenantId, Map<String, String> settings, SettingsKeeper keeper) {
        public ErpAccount {
            Objects.requireNonNull(tenantId, "tenantId");
            settings = settings == null ? Map.of() : Map.copyOf(settings);
            keeper = keeper == null ? SettingsKeeper.NONE : keeper;
        }

        /** Settings with nowhere to keep a rotated value (tests, a dry run). */
        public ErpAccount(String tenantId, Map<String, String> settings) {
            this(tenantId, settings, null);
        }

        /** @throws IllegalArgumentException naming the setting when it is missing or blank */
        public String require(String name) {
            String value = settings.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + ": required");
            }
            return value;
        }

        /** @return the setting, or {@code fallback} when missing or blank */
        public String get(String name, String fallback) {
            String value = settings.get(name);
            return value == null || value.isBlank() ? fallback : value;
        }

        @Override
        public String toString() {
            return "ErpAccount[" + tenantId + ", " + settings.size() + " settings]";
        }
    }

    /**
     * Keeps a setting whose value the ERP replaced, e.g. Bling's refresh token, which is valid for
     * one renewal only: the token a renewal returns is the only one that works next, so losing it
     * (a hub restart, another hub instance) means the client has to authorize the app again. The hub
     * stores the value as if the implementation team had saved it (encrypted when the schema marks
     * it {@code writeOnly}, audited without the value) and passes it in the settings from then on.
     * Since SDK 0.4.0.
     */
    @FunctionalInterface
    interface SettingsKeeper {

        /**
         * @param name  a property of the connector's schema
         * @param value its new value
         * @throws RuntimeException when it could not be kept; the connector still uses the value
         *                          for as long as it runs
         */
        void keep(String name, String value);

        /** Keeps nothing (the connector holds the value only in memory). */
        SettingsKeeper NONE = (name, value) -> { };
    }

    /**
     * The answer of {@link #check}.
     *
     * @param ok      whether a sync would work
     * @param reason  null when ok; otherwise a stable word: {@code unauthorized}, {@code forbidden},
     *                {@code unreachable}, {@code invalid-settings}, {@code rate-limited}, {@code error}
     * @param message what the implementation team reads (no secrets)
     */
    record ConnectionCheck(boolean ok, String reason, String message) {
        public static ConnectionCheck succeeded(String message) {
            return new ConnectionCheck(true, null, message);
        }

        public static ConnectionCheck failed(String reason, String message) {
            return new ConnectionCheck(false, Objects.requireNonNull(reason, "reason"), message);
        }
    }

    /**
     * A stream the connector reads.
     *
     * @param name        e.g. {@link #RECEIVABLES}
     * @param description what it holds, for the implementation team
     * @param cursorField the ERP field the incremental cursor follows, e.g. {@code dataAlteracao}
     */
    record ErpStream(String name, String description, String cursorField) {
    }

    /** Receives a read's records, rejections and checkpoints, in order. */
    interface SyncSink extends RecordSink {

        /**
         * Everything given before this call is read; a later read from {@code cursor} continues
         * after it. The cursor is the connector's own text (at most 200 characters), opaque to
         * the hub.
         */
        void checkpoint(String cursor);
    }

    /**
     * A payment to write back to the ERP.
     *
     * @param idempotencyKey the hub's unique key of this write-back (the same on every retry)
     * @param externalId     the receivable's id in the ERP, as its records carried it
     * @param paidOn         the business date of the payment (America/Sao_Paulo)
     * @param amount         the amount received, BRL, scale 2, positive
     * @param method         how it was paid: {@code BOLETO}, {@code PIX}, {@code CARD}, {@code OTHER}
     * @param note           a short note for the ERP's record (no personal data), null for none
     */
    record PaymentWriteBack(String idempotencyKey, String externalId, LocalDate paidOn, BigDecimal amount,
                            String method, String note) {
        public PaymentWriteBack {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(paidOn, "paidOn");
            if (amount == null || amount.signum() <= 0) {
                throw new IllegalArgumentException("amount: must be positive");
            }
            try {
                amount = amount.setScale(2, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("amount: at most 2 decimal places (BRL cents)");
            }
            method = method == null ? "OTHER" : method;
        }
    }

    /**
     * What the ERP recorded.
     *
     * @param erpReference the ERP's id of the payment it recorded (e.g. Omie's {@code codigo_baixa})
     * @param alreadyRecorded true when the ERP already had this write-back (a retry)
     */
    record WriteBackReceipt(String erpReference, boolean alreadyRecorded) {
    }

    /** A read could not finish: the ERP is down, timed out, or kept answering 429. Retry later. */
    class ErpUnavailableException extends RuntimeException {
        public ErpUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
