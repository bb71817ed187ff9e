package br.com.recebiveishub.plugin.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.MessageChannel.ChannelAccount;
import br.com.recebiveishub.sdk.MessageChannel.OutboundMessage;
import br.com.recebiveishub.sdk.MessageChannel.Security;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any Unicode subject and display names (accents, CJK, emoji, control characters) survive the
 * trip through the wire format: headers are 7-bit ASCII (RFC 2047 encoded words), and reading
 * them back gives the text, with control characters turned into spaces.
 */
class SubjectEncodingProperties {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Property(tries = 300)
    void subjectAndNamesRoundTripThroughAsciiHeaders(@ForAll("unicode") String subject, @ForAll("unicode") String name)
            throws Exception {
        net.jqwik.api.Assume.that(!EmailComposer.headerText(subject).isEmpty());
        ChannelAccount account = Fixtures.account(25, Security.NONE, null, null);
        OutboundMessage msg = new OutboundMessage("prop-1", Fixtures.DEBTOR, name, subject, "corpo ç", null, Fixtures.CREDITOR);

        MimeMessage m = EmailComposer.compose(SESSION, account, msg, Instant.EPOCH);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        m.writeTo(wire);
        byte[] bytes = wire.toByteArray();
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertThat(headers.chars().allMatch(c -> c < 128)).as("headers are ASCII").isTrue();

        MimeMessage back = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
        assertThat(back.getSubject()).isEqualTo(EmailComposer.headerText(subject));
        InternetAddress to = (InternetAddress) back.getAllRecipients()[0];
        assertThat(to.getAddress()).isEqualTo(Fixtures.DEBTOR);
        if (!EmailComposer.headerText(name).isEmpty()) {
            assertThat(to.getPersonal()).isEqualTo(EmailComposer.headerText(name));
        }
        assertThat(back.getMessageID()).isEqualTo("<prop-1@credor.com.br>");
    }

    @Provide
    Arbitrary<String> unicode() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0xA0, 0x17F)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x0, 0x1F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x3000, 0x9FFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1FAFF)));
        return codePoint.list().ofMinSize(1).ofMaxSize(120)
                .map(cps -> {
                    StringBuilder b = new StringBuilder();
                    cps.forEach(b::appendCodePoint);
                    return b.toString();
                })
                .filter(s -> !s.isBlank());
    }

    @Property(tries = 100)
    void aSubjectOfOnlyControlsOrSpacesIsRefusedBeforeSending(@ForAll("blank") String subject) {
        OutboundMessage msg = new OutboundMessage("prop-2", Fixtures.DEBTOR, null, subject, "x", null, Fixtures.CREDITOR);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmailComposer.compose(SESSION,
                        Fixtures.account(25, Security.NONE, null, null), msg, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("subject: required for e-mail");
    }

    @Provide
    Arbitrary<String> blank() {
        return Arbitraries.strings().withCharRange('\u0000', '\u0020').ofMinLength(0).ofMaxLength(20);
    }
}
