package br.com.recebiveishub.sdk;

import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * A channel that sends collection messages (reminders, notices of arrears, agreement offers) to
 * debtors: e-mail first; SMS and WhatsApp later through the same point.
 *
 * <p>Every {@link #send} has three outcomes, with the exception types of
 * {@link InstantPaymentProvider} so the hub handles channels and payment providers alike:
 *
 * <ul>
 *   <li>a {@link DeliveryReceipt}: the channel's server accepted the message ({@link DeliveryStatus#SENT}
 *       or {@link DeliveryStatus#QUEUED}). Acceptance is not delivery: for e-mail a bounce arrives
 *       later, as a message to the sender's mailbox, and is not seen by this point.</li>
 *   <li>{@link RefusedException}: the server answered and the message was not accepted, or nothing
 *       was sent (bad credentials, sender or recipient rejected, TLS required and not offered).
 *       {@code status()} is the server's reply code (SMTP: 535, 550, ...), 0 when nothing was sent;
 *       {@code reason()} a short stable word.</li>
 *   <li>{@link UnknownOutcomeException}: the message may have been accepted (timeout, connection
 *       lost, server not reachable). Never record it as failed: repeat the same send with the same
 *       {@link OutboundMessage#messageId()}.</li>
 * </ul>
 *
 * <p><b>Idempotency:</b> {@link OutboundMessage#messageId()} is the key. A send with a key the
 * channel already accepted returns the first receipt and sends nothing. Channels whose servers do
 * not deduplicate (SMTP) keep a short-term record in memory, so the hub's own outbox stays the
 * durable record; the key also travels with the message (e-mail: the {@code Message-ID} header) so
 * a duplicate after an unknown outcome can be recognised by the recipient's client.
 *
 * <p><b>Personal data (LGPD):</b> recipients, names and message bodies are personal data.
 * Implementations never log them, keep them out of exception messages, and the records here mask
 * them in {@code toString()}. Implementations are thread-safe.
 */
public interface MessageChannel extends ExtensionPoint {

    /** @return the channel's stable name, e.g. {@code EMAIL}, {@code SMS}, {@code WHATSAPP} */
    String channel();

    /**
     * Sends a message, or returns the receipt of the earlier send with the same
     * {@link OutboundMessage#messageId()} without sending again.
     *
     * @throws IllegalArgumentException naming the field when the message or the account cannot be
     *                                  used (checked before anything is sent)
     * @throws RefusedException         not accepted (see the type's javadoc)
     * @throws UnknownOutcomeException  may have been accepted: repeat with the same message id
     */
    DeliveryReceipt send(ChannelAccount account, OutboundMessage message);

    /**
     * What the channel can tell about a message it was given. For e-mail this is only what the
     * SMTP server accepted, and only while the short-term record keeps it; bounces and reads are
     * not known here. Channels with delivery reports (SMS, WhatsApp) answer from the provider.
     *
     * @return the latest receipt, empty when the channel does not know the message (never sent,
     *         outcome unknown, or forgotten)
     */
    Optional<DeliveryReceipt> status(ChannelAccount account, String messageId);

    /** How the connection to the channel's server is protected. */
    enum Security {
        /** Plain text: only for a server on the same host or a trusted network. */
        NONE,
        /** Connect in plain text, then upgrade (SMTP STARTTLS, usually port 587); refused when the server does not offer it. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        SSL
    }

    /** What the channel's server did with a message. */
    enum DeliveryStatus {
        /** Accepted by the server for immediate relay (SMTP: 250 after DATA). */
        SENT,
        /** Accepted into the provider's queue, to be sent later (API channels). */
        QUEUED,
        /** The provider reported delivery to the recipient (channels with delivery reports). */
        DELIVERED,
        /** The provider reported that delivery failed after acceptance (a bounce, an undeliverable SMS). */
        FAILED
    }

    /**
     * A tenant's account at a channel, built by the hub from the plugin's {@link Configurable}
     * settings. {@link #toString()} masks the credentials and the sender's address.
     *
     * @param endpoint           the server: for e-mail {@code smtp://host:port}; for API channels the API root
     * @param security           how the connection is protected
     * @param username           login, null for none
     * @param password           secret, null for none
     * @param senderAddress      who the message is from (e-mail: From address; SMS: sender id)
     * @param senderName         display name of the sender, null for none
     * @param truststore         PKCS#12 with the CA(s) to trust for TLS, null for the JVM's
     * @param truststorePassword its password, null for none
     * @param timeout            how long to wait for the server (connect, each reply) before the outcome is unknown
     */
    record ChannelAccount(URI endpoint, Security security, String username, String password, String senderAddress,
                          String senderName, Path truststore, char[] truststorePassword, Duration timeout) {
        public ChannelAccount {
            Objects.requireNonNull(endpoint, "endpoint");
            security = security == null ? Security.STARTTLS : security;
            Objects.requireNonNull(senderAddress, "senderAddress");
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: must be positive");
            }
        }

        /** Leaves out the credentials and the sender's address on purpose. */
        @Override
        public String toString() {
            return "ChannelAccount[" + endpoint.getScheme() + "://" + endpoint.getHost() + ":" + endpoint.getPort() + ", "
                    + security + (username == null ? "" : ", with login") + "]";
        }
    }

    /**
     * The creditor a collection message is on behalf of. CDC Art. 42-A: every collection
     * communication names the creditor and its CPF/CNPJ (and the address where the channel allows).
     *
     * @param name     the creditor's name (razão social)
     * @param document CNPJ or CPF, digits (letters for an alphanumeric CNPJ), with or without punctuation
     * @param address  the creditor's address as one line, null when not given
     */
    record Creditor(String name, String document, String address) {
        public Creditor {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("creditor.name: required (CDC Art. 42-A)");
            }
            if (document == null || document.isBlank()) {
                throw new IllegalArgumentException("creditor.document: required (CDC Art. 42-A)");
            }
        }
    }

    /**
     * A message to one debtor.
     *
     * @param messageId     the hub's unique id of this message: the idempotency key (letters, digits,
     *                      {@code . _ + -}; at most 128 characters), the same on every retry
     * @param recipient     the address (e-mail) or number (SMS, WhatsApp, E.164)
     * @param recipientName the debtor's name for the greeting or the To header, null for none
     * @param subject       subject (e-mail), ignored where the channel has none
     * @param textBody      plain-text body; required (SMS sends only this)
     * @param htmlBody      HTML alternative, null for none; ignored where the channel has none
     * @param creditor      the creditor the message is on behalf of (CDC Art. 42-A)
     */
    record OutboundMessage(String messageId, String recipient, String recipientName, String subject, String textBody,
                           String htmlBody, Creditor creditor) {
        public OutboundMessage {
            if (messageId == null || !messageId.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}")) {
                throw new IllegalArgumentException("messageId: 1-128 letters, digits, '.', '_', '+', '-', starting with a letter or digit");
            }
            if (recipient == null || recipient.isBlank()) {
                throw new IllegalArgumentException("recipient: required");
            }
            if (textBody == null) {
                throw new IllegalArgumentException("textBody: required");
            }
            Objects.requireNonNull(creditor, "creditor");
        }

        /** Leaves out the recipient, the names and the bodies (personal data) on purpose. */
        @Override
        public String toString() {
            return "OutboundMessage[" + messageId + ", to ***, creditor " + creditor.document() + "]";
        }
    }

    /**
     * What the channel's server said about a message.
     *
     * @param messageId         the hub's message id (the idempotency key)
     * @param providerMessageId the channel's id of the message (e-mail: the {@code Message-ID} header, with angle brackets)
     * @param acceptedAt        when the server accepted it
     * @param status            what the server did with it
     * @param detail            the server's answer, e.g. the SMTP reply {@code 250 OK queued as ...}; never personal data
     */
    record DeliveryReceipt(String messageId, String providerMessageId, Instant acceptedAt, DeliveryStatus status,
                           String detail) {
        public DeliveryReceipt {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(acceptedAt, "acceptedAt");
            Objects.requireNonNull(status, "status");
        }
    }
}
