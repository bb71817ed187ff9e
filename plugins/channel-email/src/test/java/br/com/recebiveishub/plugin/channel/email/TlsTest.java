package br.com.recebiveishub.plugin.channel.email;

import static br.com.recebiveishub.plugin.channel.email.Fixtures.FROM;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.PASSWORD;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.SUBJECT;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.USER;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.account;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.MessageChannel.ChannelAccount;
import br.com.recebiveishub.sdk.MessageChannel.DeliveryReceipt;
import br.com.recebiveishub.sdk.MessageChannel.Security;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS with a certificate made here for localhost and 127.0.0.1: SMTPS (TLS from the first byte)
 * against GreenMail, and STARTTLS against {@link StartTlsSmtpServer} (GreenMail's SMTP does not offer
 * STARTTLS; the refusal when a server does not offer it is in {@link SmtpEmailChannelTest}). Trusted
 * through the account's truststore with the host name checked; refused otherwise.
 */
class TlsTest {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final Path TLS_DIR;
    static final Path TRUSTSTORE;
    static final Path KEYSTORE;

    static {
        // GreenMail reads its TLS key from these properties when its SSL server starts: set them first.
        try {
            TLS_DIR = Files.createTempDirectory(Path.of("target"), "smtps");
            Path keystore = TLS_DIR.resolve("server.p12");
            KEYSTORE = keystore;
            Path cert = TLS_DIR.resolve("server.crt");
            TRUSTSTORE = TLS_DIR.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
            keytool("-exportcert", "-alias", "smtp", "-keystore", keystore.toString(), "-storepass", "changeit",
                    "-rfc", "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", "smtp-ca", "-file", cert.toString(), "-storetype", "PKCS12",
                    "-keystore", TRUSTSTORE.toString(), "-storepass", "changeit");
            System.setProperty("greenmail.tls.keystore.file", keystore.toAbsolutePath().toString());
            System.setProperty("greenmail.tls.keystore.password", "changeit");
            System.setProperty("greenmail.tls.key.password", "changeit");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, USER, PASSWORD))
            .withPerMethodLifecycle(true);

    private final SmtpEmailChannel channel = new SmtpEmailChannel();

    @Test
    void sendsOverSmtpsTrustingTheAccountsTruststore() throws Exception {
        ChannelAccount tls = account(mail.getSmtps().getPort(), Security.SSL, USER, PASSWORD, TRUSTSTORE, STORE_PASSWORD,
                Duration.ofSeconds(5));

        DeliveryReceipt r = channel.send(tls, message("tls-ok-1", true));

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getMessageID()).isEqualTo(r.providerMessageId()).isEqualTo("<tls-ok-1@credor.com.br>");
        assertThat(received[0].getSubject()).isEqualTo(SUBJECT);
    }

    @Test
    void anUntrustedCertificateIsRefusedAndNothingIsSent() {
        // the JVM's own trust anchors do not include the certificate made above
        ChannelAccount untrusted = account(mail.getSmtps().getPort(), Security.SSL, USER, PASSWORD, null, null,
                Duration.ofSeconds(5));

        RefusedException e = catchThrowableOfType(() -> channel.send(untrusted, message("tls-bad-1", false)),
                RefusedException.class);

        assertThat(e.reason()).isEqualTo("tls-failed");
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(FROM);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void plainTextToTheSmtpsPortIsNotAnAcceptedMessage() {
        ChannelAccount wrongMode = account(mail.getSmtps().getPort(), Security.NONE, USER, PASSWORD, null, null,
                Duration.ofSeconds(2));

        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> channel.send(wrongMode, message("tls-mode-1", false)));

        assertThat(e).isInstanceOfAny(RefusedException.class, br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException.class);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void startTlsUpgradesBeforeLoginSoNeitherCredentialsNorTheMessageTravelInClear() throws Exception {
        try (StartTlsSmtpServer smtp = new StartTlsSmtpServer(KEYSTORE, STORE_PASSWORD, USER, PASSWORD)) {
            DeliveryReceipt r = channel.send(startTls(smtp, PASSWORD, TRUSTSTORE), message("starttls-ok-1", true));

            assertThat(r.detail()).startsWith("250 2.0.0 Ok: queued as S1");
            assertThat(smtp.messages).singleElement().satisfies(raw -> assertThat(raw)
                    .contains("Message-ID: <starttls-ok-1@credor.com.br>").contains("multipart/alternative"));
            assertThat(smtp.commandsInClear).hasSize(2);
            assertThat(smtp.commandsInClear.get(0)).startsWith("EHLO ");
            assertThat(smtp.commandsInClear.get(1)).isEqualTo("STARTTLS");
        }
    }

    @Test
    void startTlsWithAWrongPasswordIsRefusedAsAnAuthenticationFailure() throws Exception {
        try (StartTlsSmtpServer smtp = new StartTlsSmtpServer(KEYSTORE, STORE_PASSWORD, USER, PASSWORD)) {
            RefusedException e = catchThrowableOfType(() -> channel.send(startTls(smtp, "nope-Senha", TRUSTSTORE),
                    message("starttls-auth-1", false)), RefusedException.class);

            assertThat(e.reason()).isEqualTo("auth-failed");
            assertThat(e.status()).isEqualTo(535);
            assertThat(e.getMessage()).doesNotContain("nope-Senha").doesNotContain(USER);
            assertThat(smtp.messages).isEmpty();
        }
    }

    @Test
    void startTlsWithAnUntrustedCertificateIsRefusedBeforeLogin() throws Exception {
        try (StartTlsSmtpServer smtp = new StartTlsSmtpServer(KEYSTORE, STORE_PASSWORD, USER, PASSWORD)) {
            RefusedException e = catchThrowableOfType(() -> channel.send(startTls(smtp, PASSWORD, null),
                    message("starttls-untrusted-1", false)), RefusedException.class);

            assertThat(e.reason()).isEqualTo("tls-failed");
            assertThat(smtp.messages).isEmpty();
            assertThat(smtp.commandsInClear).noneMatch(c -> c.startsWith("AUTH"));
        }
    }

    @Test
    void aRejectedRecipientIsRefusedWithTheReplyCodeAndWithoutTheAddress() throws Exception {
        try (StartTlsSmtpServer smtp = new StartTlsSmtpServer(KEYSTORE, STORE_PASSWORD, USER, PASSWORD)) {
            smtp.rcptReply = "550 5.1.1 <" + Fixtures.DEBTOR + ">: Recipient address rejected: User unknown";
            RefusedException e = catchThrowableOfType(() -> channel.send(startTls(smtp, PASSWORD, TRUSTSTORE),
                    message("rcpt-550", false)), RefusedException.class);
            assertThat(e.reason()).isEqualTo("recipient-rejected");
            assertThat(e.status()).isEqualTo(550);
            assertThat(e.getMessage()).doesNotContain(Fixtures.DEBTOR);
            assertThat(e.getCause()).isNull();

            smtp.rcptReply = "450 4.2.0 <" + Fixtures.DEBTOR + ">: mailbox busy, try later";
            RefusedException later = catchThrowableOfType(() -> channel.send(startTls(smtp, PASSWORD, TRUSTSTORE),
                    message("rcpt-450", false)), RefusedException.class);
            assertThat(later.reason()).isEqualTo("try-later");
            assertThat(later.status()).isEqualTo(450);
            assertThat(smtp.messages).isEmpty();
        }
    }

    private static ChannelAccount startTls(StartTlsSmtpServer smtp, String password, Path truststore) {
        return account(smtp.port(), Security.STARTTLS, USER, password, truststore, truststore == null ? null : STORE_PASSWORD,
                Duration.ofSeconds(5));
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
