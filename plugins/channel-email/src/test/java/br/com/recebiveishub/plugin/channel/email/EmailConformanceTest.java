package br.com.recebiveishub.plugin.channel.email;

import br.com.recebiveishub.sdk.MessageChannel;
import br.com.recebiveishub.sdk.MessageChannel.ChannelAccount;
import br.com.recebiveishub.sdk.MessageChannel.Security;
import br.com.recebiveishub.testkit.conformance.MessageChannelConformance;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import static br.com.recebiveishub.plugin.channel.email.Fixtures.DEBTOR;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.FROM;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.PASSWORD;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.USER;

/** hub-testkit's channel suite against GreenMail (a real SMTP server) and an SMTP server that stalls after DATA. */
class EmailConformanceTest extends MessageChannelConformance implements MessageChannelConformance.Peer {

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, USER, PASSWORD))
            .withPerMethodLifecycle(true);

    private static final StallingSmtpServer STALLING = stalling();

    @AfterAll
    static void stop() throws Exception {
        STALLING.close();
    }

    @Override
    protected MessageChannel channel() {
        return new SmtpEmailChannel();
    }

    @Override
    protected Peer peer() {
        return this;
    }

    @Override
    public ChannelAccount account() {
        return Fixtures.account(mail.getSmtp().getPort(), Security.NONE, USER, PASSWORD);
    }

    @Override
    public ChannelAccount accountWithBadCredentials() {
        return Fixtures.account(mail.getSmtp().getPort(), Security.NONE, USER, "wrong-Senha");
    }

    @Override
    public ChannelAccount accountWithoutAnswer() {
        return Fixtures.account(STALLING.port(), Security.NONE, null, null, null, null, Duration.ofSeconds(1));
    }

    @Override
    public String recipient() {
        return DEBTOR;
    }

    /** Counted by the Message-ID header, which the channel builds from the message id (README). */
    @Override
    public int received(String messageId) {
        int n = 0;
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                String header = m.getMessageID();
                if (header != null && header.startsWith("<" + messageId + "@")) {
                    n++;
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return n;
    }

    private static StallingSmtpServer stalling() {
        try {
            return new StallingSmtpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
