package br.com.recebiveishub.plugin.channel.email;

import br.com.recebiveishub.sdk.MessageChannel.ChannelAccount;
import br.com.recebiveishub.sdk.MessageChannel.Creditor;
import br.com.recebiveishub.sdk.MessageChannel.OutboundMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;

/**
 * Builds the MIME message: From (sender name and address), To, a UTF-8 subject (RFC 2047 encoded
 * words), a plain-text body and, when given, an HTML alternative ({@code multipart/alternative}),
 * both UTF-8 and ending with the creditor's identification (CDC Art. 42-A), and a
 * {@code Message-ID} made of the hub's message id. Error messages name the field, never its value.
 */
final class EmailComposer {

    private EmailComposer() {
    }

    /** The {@code Message-ID} header for a message id: {@code <messageId@sender-domain>}. */
    static String messageIdHeader(String messageId, String senderAddress) {
        return "<" + messageId + "@" + domainOf(senderAddress) + ">";
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "localhost" : address.substring(at + 1).trim();
    }

    /**
     * Control characters (CR, LF, TAB, NUL, ...) cannot travel in a header: each becomes a space
     * (no header injection); leading and trailing white space is dropped (it does not survive
     * folding anyway).
     */
    static String headerText(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString().strip();
    }

    static InternetAddress address(String address, String name, String field) {
        try {
            InternetAddress a = new InternetAddress(address, true);
            a.validate();
            if (a.getAddress().indexOf('@') < 0) {
                throw new IllegalArgumentException(field + ": not a valid e-mail address");
            }
            if (name != null && !headerText(name).isEmpty()) {
                a.setPersonal(headerText(name), "UTF-8");
            }
            return a;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException(field + ": not a valid e-mail address");
        }
    }

    static MimeMessage compose(Session session, ChannelAccount account, OutboundMessage msg, Instant now)
            throws MessagingException {
        if (msg.subject() == null || headerText(msg.subject()).isEmpty()) {
            throw new IllegalArgumentException("subject: required for e-mail");
        }
        InternetAddress from = address(account.senderAddress(), account.senderName(), "senderAddress");
        InternetAddress to = address(msg.recipient(), msg.recipientName(), "recipient");
        String messageId = messageIdHeader(msg.messageId(), from.getAddress());
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, to);
        m.setSubject(headerText(msg.subject()), "UTF-8");
        m.setSentDate(Date.from(now));
        String text = msg.textBody() + "\n\n-- \n" + creditorLine(msg.creditor()) + "\n";
        if (msg.htmlBody() == null) {
            m.setText(text, "UTF-8", "plain");
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(withCreditor(msg.htmlBody(), msg.creditor()), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(html);
            m.setContent(alternative);
        }
        m.saveChanges();
        return m;
    }

    /** "Credor: NAME — CNPJ 12.345.678/0001-95 — ADDRESS" (CDC Art. 42-A). */
    static String creditorLine(Creditor c) {
        return "Credor: " + c.name().trim() + " — " + document(c.document())
                + (c.address() == null || c.address().isBlank() ? "" : " — " + c.address().trim());
    }

    /** Labels and punctuates a CNPJ (14 characters, numeric or alphanumeric) or a CPF (11 digits). */
    static String document(String document) {
        String d = document.replaceAll("[^0-9A-Za-z]", "").toUpperCase(java.util.Locale.ROOT);
        if (d.length() == 14) {
            return "CNPJ " + d.substring(0, 2) + "." + d.substring(2, 5) + "." + d.substring(5, 8) + "/"
                    + d.substring(8, 12) + "-" + d.substring(12);
        }
        if (d.length() == 11 && d.chars().allMatch(Character::isDigit)) {
            return "CPF " + d.substring(0, 3) + "." + d.substring(3, 6) + "." + d.substring(6, 9) + "-" + d.substring(9);
        }
        return "CPF/CNPJ " + document.trim();
    }

    private static String withCreditor(String html, Creditor c) {
        String footer = "<hr><p style=\"font-size:small\">" + escape(creditorLine(c)) + "</p>";
        int end = html.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return end < 0 ? html + footer : html.substring(0, end) + footer + html.substring(end);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
