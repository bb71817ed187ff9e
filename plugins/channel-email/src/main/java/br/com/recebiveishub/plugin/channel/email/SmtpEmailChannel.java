package br.com.recebiveishub.plugin.channel.email;

import br.com.recebiveishub.sdk.Configurable;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import br.com.recebiveishub.sdk.MessageChannel;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.pf4j.Extension;

/**
 * The e-mail channel: SMTP with Jakarta Mail (Eclipse Angus), plain, STARTTLS (required, never a
 * silent downgrade) or SMTPS, with login when the tenant configured one.
 *
 * <p>Idempotency: the message id becomes the {@code Message-ID} header and the receipt of every
 * accepted message is kept in memory (24 h, at most 10,000 messages, per account endpoint and
 * sender): a send with a key already accepted returns that receipt and sends nothing. Sends with
 * the same key are serialised. After an {@link UnknownOutcomeException} nothing is recorded, so the
 * retry sends again (with the same {@code Message-ID}).
 *
 * <p>Nothing is logged. Exception messages carry the SMTP stage, reply code and exception class,
 * never addresses, names, bodies, credentials or the server's reply text (which often quotes the
 * address).
 */
@Extension
public final class SmtpEmailChannel implements MessageChannel, Configurable {

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "E-mail (SMTP) account",
              "type": "object",
              "additionalProperties": false,
              "required": ["host", "port", "security", "fromAddress"],
              "properties": {
                "host": {"type": "string", "minLength": 1, "maxLength": 253, "pattern": "^[A-Za-z0-9.-]+$", "description": "SMTP server host name, e.g. smtp.example.com.br"},
                "port": {"type": "integer", "minimum": 1, "maximum": 65535, "default": 587, "description": "SMTP port: 587 for STARTTLS (submission), 465 for SSL (SMTPS), 25 only for a local relay"},
                "security": {"type": "string", "enum": ["none", "starttls", "ssl"], "default": "starttls", "description": "starttls: upgrade to TLS after connecting (required: the send is refused if the server does not offer it); ssl: TLS from the first byte (SMTPS); none: plain text, only for a relay on a trusted network"},
                "username": {"type": "string", "maxLength": 320, "description": "SMTP login; leave out for a relay without authentication"},
                "password": {"type": "string", "maxLength": 1024, "writeOnly": true, "description": "SMTP password or application password"},
                "fromAddress": {"type": "string", "format": "email", "maxLength": 320, "description": "The From address debtors see and reply to; also the envelope sender (bounces come back here)"},
                "fromName": {"type": "string", "maxLength": 200, "description": "The display name of the sender, e.g. the creditor's or the BPO's name"},
                "timeoutSeconds": {"type": "integer", "minimum": 5, "maximum": 300, "default": 30, "description": "How long to wait for the SMTP server (connect and each reply) before the outcome of a send is unknown"}
              }
            }""";

    private static final int LOCK_STRIPES = 64;

    private final Clock clock;
    private final Duration keep;
    private final Map<String, Recorded> accepted;
    private final Object[] locks = new Object[LOCK_STRIPES];

    /** What PF4J instantiates: receipts kept 24 h, at most 10,000. */
    public SmtpEmailChannel() {
        this(Clock.systemUTC(), Duration.ofHours(24), 10_000);
    }

    SmtpEmailChannel(Clock clock, Duration keep, int maxRecorded) {
        this.clock = Objects.requireNonNull(clock);
        this.keep = Objects.requireNonNull(keep);
        this.accepted = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
                return size() > maxRecorded;
            }
        });
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    public String configurationSchema() {
        return SCHEMA;
    }

    @Override
    public String channel() {
        return "EMAIL";
    }

    @Override
    public DeliveryReceipt send(ChannelAccount account, OutboundMessage message) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(message, "message");
        String host = host(account);
        String key = recordKey(account, message.messageId());
        synchronized (locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)]) {
            Optional<DeliveryReceipt> earlier = recorded(key);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            DeliveryReceipt receipt = transmit(account, host, message);
            accepted.put(key, new Recorded(receipt, receipt.acceptedAt().plus(keep)));
            return receipt;
        }
    }

    @Override
    public Optional<DeliveryReceipt> status(ChannelAccount account, String messageId) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(messageId, "messageId");
        return recorded(recordKey(account, messageId));
    }

    private Optional<DeliveryReceipt> recorded(String key) {
        Recorded r = accepted.get(key);
        if (r == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(r.expiresAt())) {
            accepted.remove(key);
            return Optional.empty();
        }
        return Optional.of(r.receipt());
    }

    private static String recordKey(ChannelAccount account, String messageId) {
        return account.endpoint().getHost() + ":" + account.endpoint().getPort() + "|"
                + account.senderAddress().trim().toLowerCase(Locale.ROOT) + "|" + messageId;
    }

    private static String host(ChannelAccount account) {
        String scheme = account.endpoint().getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("smtp") || scheme.equalsIgnoreCase("smtps"))) {
            throw new IllegalArgumentException("endpoint: must be smtp://host:port");
        }
        String host = account.endpoint().getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("endpoint: host required");
        }
        if (account.endpoint().getPort() < 1) {
            throw new IllegalArgumentException("endpoint: port required");
        }
        return host;
    }

    private DeliveryReceipt transmit(ChannelAccount account, String host, OutboundMessage message) {
        String id = message.messageId();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Jakarta Mail finds its providers (smtp, the stream provider, MIME handlers) through the
        // context class loader: make it the plugin's own while sending.
        thread.setContextClassLoader(SmtpEmailChannel.class.getClassLoader());
        Transport transport = null;
        String stage = "compose";
        try {
            Session session = Session.getInstance(properties(account, host));
            MimeMessage mime = EmailComposer.compose(session, account, message, clock.instant());
            String protocol = account.security() == Security.SSL ? "smtps" : "smtp";
            stage = "connect";
            transport = session.getTransport(protocol);
            transport.connect(host, account.endpoint().getPort(), blankToNull(account.username()),
                    account.username() == null ? null : account.password());
            stage = "send";
            transport.sendMessage(mime, mime.getAllRecipients());
            String reply = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : null;
            return new DeliveryReceipt(id, mime.getMessageID(), clock.instant(), DeliveryStatus.SENT,
                    reply == null ? null : maskAddresses(reply.trim(), mime.getMessageID()));
        } catch (MessagingException e) {
            throw outcome(id, stage, e);
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the message was already accepted or already failed: QUIT changes nothing
                }
            }
            thread.setContextClassLoader(previous);
        }
    }

    /** Refused when the server said no or nothing was sent; unknown when it may have been accepted. */
    static RuntimeException outcome(String id, String stage, MessagingException e) {
        String what = "SMTP " + stage + " failed (" + e.getClass().getSimpleName() + ")";
        if (e instanceof AuthenticationFailedException) {
            return new RefusedException(replyCode(e.getMessage(), 535), "auth-failed",
                    "SMTP authentication failed: check the username and password");
        }
        if (e instanceof NoSuchProviderException) {
            return new RefusedException(0, "no-provider", what);
        }
        if (e instanceof SMTPSenderFailedException s) {
            return new RefusedException(s.getReturnCode(), s.getReturnCode() / 100 == 4 ? "try-later" : "sender-rejected",
                    "SMTP server refused the sender address: reply " + s.getReturnCode());
        }
        if (e instanceof SMTPSendFailedException s) {
            return new RefusedException(s.getReturnCode(), s.getReturnCode() / 100 == 4 ? "try-later" : "message-rejected",
                    "SMTP server refused the message: reply " + s.getReturnCode());
        }
        if (e instanceof SendFailedException s && hasNoValidSent(s)) {
            SMTPAddressFailedException a = addressFailure(s);
            if (a != null) {
                return new RefusedException(a.getReturnCode(), a.getReturnCode() / 100 == 4 ? "try-later" : "recipient-rejected",
                        "SMTP server refused the recipient address: reply " + a.getReturnCode());
            }
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("STARTTLS is required")) {
            return new RefusedException(0, "starttls-unavailable",
                    "SMTP server does not offer STARTTLS and the account requires it: nothing was sent");
        }
        if (causedBy(e, SSLHandshakeException.class) || causedBy(e, java.security.cert.CertificateException.class)) {
            return new RefusedException(0, "tls-failed", "TLS handshake with the SMTP server failed (certificate not trusted"
                    + " or does not match the host): nothing was sent");
        }
        return new UnknownOutcomeException(id, what + ": the message may have been accepted; resend with the same message id"
                + cause(e));
    }

    private static boolean hasNoValidSent(SendFailedException s) {
        return s.getValidSentAddresses() == null || s.getValidSentAddresses().length == 0;
    }

    private static SMTPAddressFailedException addressFailure(MessagingException e) {
        for (Exception n = e; n != null; n = n instanceof MessagingException m ? m.getNextException() : null) {
            if (n instanceof SMTPAddressFailedException a) {
                return a;
            }
        }
        return null;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's class only: its message may quote the server or an address. */
    private static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? "" : " (cause " + t.getClass().getSimpleName() + ")";
    }

    private static int replyCode(String text, int fallback) {
        if (text != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([2-5][0-9]{2})\\b").matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return fallback;
    }

    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[^\\s<>\\[\\]]+@[^\\s<>\\[\\]]+");

    /** The server's reply is kept in the receipt: an address in it (some servers quote the recipient) is masked. */
    static String maskAddresses(String reply, String messageIdHeader) {
        String own = messageIdHeader == null ? "" : messageIdHeader.replaceAll("^<|>$", "");
        return ADDRESS.matcher(reply).replaceAll(m -> m.group().equals(own) ? m.group() : "***");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Properties properties(ChannelAccount account, String host) {
        Properties p = new Properties();
        String proto = account.security() == Security.SSL ? "smtps" : "smtp";
        String pre = "mail." + proto + ".";
        String ms = Long.toString(account.timeout().toMillis());
        p.setProperty("mail.transport.protocol", proto);
        p.setProperty(pre + "host", host);
        p.setProperty(pre + "port", Integer.toString(account.endpoint().getPort()));
        p.setProperty(pre + "connectiontimeout", ms);
        p.setProperty(pre + "timeout", ms);
        p.setProperty(pre + "writetimeout", ms);
        p.setProperty(pre + "auth", Boolean.toString(blankToNull(account.username()) != null));
        p.setProperty(pre + "from", account.senderAddress().trim());
        p.setProperty(pre + "localhost", EmailComposer.domainOf(account.senderAddress()));
        p.setProperty("mail.mime.charset", "UTF-8");
        if (account.security() != Security.NONE) {
            p.setProperty(pre + "ssl.checkserveridentity", "true");
            p.setProperty(pre + "ssl.protocols", "TLSv1.3 TLSv1.2");
            if (account.truststore() != null) {
                p.put(pre + "ssl.socketFactory", trusting(account));
            }
        }
        if (account.security() == Security.STARTTLS) {
            p.setProperty(pre + "starttls.enable", "true");
            p.setProperty(pre + "starttls.required", "true");
        }
        return p;
    }

    private static javax.net.ssl.SSLSocketFactory trusting(ChannelAccount account) {
        try (InputStream in = Files.newInputStream(account.truststore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, account.truststorePassword());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("truststore: cannot be read as PKCS#12 (" + e.getClass().getSimpleName() + ")");
        }
    }

    private record Recorded(DeliveryReceipt receipt, Instant expiresAt) {
    }
}
