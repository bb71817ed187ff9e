package br.com.recebiveishub.plugin.channel.email;

import static br.com.recebiveishub.plugin.channel.email.Fixtures.DEBTOR;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.DEBTOR_NAME;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.FROM;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.FROM_NAME;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.PASSWORD;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.SUBJECT;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.USER;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.account;
import static br.com.recebiveishub.plugin.channel.email.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import br.com.recebiveishub.sdk.MessageChannel.ChannelAccount;
import br.com.recebiveishub.sdk.MessageChannel.DeliveryReceipt;
import br.com.recebiveishub.sdk.MessageChannel.DeliveryStatus;
import br.com.recebiveishub.sdk.MessageChannel.OutboundMessage;
import br.com.recebiveishub.sdk.MessageChannel.Security;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sends to a real SMTP server (GreenMail) and asserts what it received. */
class SmtpEmailChannelTest {

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, USER, PASSWORD))
            .withPerMethodLifecycle(true);

    private final SmtpEmailChannel channel = new SmtpEmailChannel();

    private ChannelAccount plain() {
        return account(mail.getSmtp().getPort(), Security.NONE, USER, PASSWORD);
    }

    @Test
    void sendsTextAndHtmlWithAccentsTheCreditorAndTheKeyAsMessageId() throws Exception {
        DeliveryReceipt receipt = channel.send(plain(), message("cob-2026-000123.r1", true));

        assertThat(receipt.messageId()).isEqualTo("cob-2026-000123.r1");
        assertThat(receipt.providerMessageId()).isEqualTo("<cob-2026-000123.r1@credor.com.br>");
        assertThat(receipt.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(receipt.detail()).startsWith("250");
        assertThat(receipt.acceptedAt()).isNotNull();

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo(SUBJECT);
        assertThat(m.getHeader("Subject")[0]).as("RFC 2047 encoded, ASCII on the wire").startsWith("=?UTF-8?");
        assertThat(m.getMessageID()).isEqualTo("<cob-2026-000123.r1@credor.com.br>");
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(FROM);
        assertThat(from.getPersonal()).isEqualTo(FROM_NAME);
        InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
        assertThat(m.getAllRecipients()).hasSize(1);
        assertThat(to.getAddress()).isEqualTo(DEBTOR);
        assertThat(to.getPersonal()).isEqualTo(DEBTOR_NAME);
        // the envelope: GreenMail delivered it to the debtor's mailbox only
        assertThat(mail.getReceivedMessagesForDomain("devedor.com.br")).hasSize(1);

        assertThat(m.getContentType()).startsWith("multipart/alternative");
        Multipart alt = (Multipart) m.getContent();
        assertThat(alt.getCount()).isEqualTo(2);
        Part text = alt.getBodyPart(0);
        Part html = alt.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(((String) text.getContent()).replace("\r\n", "\n"))
                .contains("Olá, João.\nSua duplicata nº 123, de R$ 1.234,56, vence amanhã (04/12).")
                .contains("Credor: Credor Exemplo Indústria e Comércio S.A. — CNPJ 11.222.333/0001-81 — Av. Paulista, 1000, São Paulo/SP");
        assertThat(((String) html.getContent()).replace("\r\n", "\n"))
                .contains("<p>Olá, <b>João</b>.</p>")
                .contains("Credor: Credor Exemplo Indústria e Comércio S.A. — CNPJ 11.222.333/0001-81")
                .endsWith("</p></body></html>");
    }

    @Test
    void sendsPlainTextOnlyWhenThereIsNoHtml() throws Exception {
        channel.send(plain(), message("only-text", false));

        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(m.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat((String) m.getContent()).startsWith("Olá, João.").contains("CNPJ 11.222.333/0001-81");
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstReceiptAndSendsNothing() {
        ChannelAccount account = plain();
        DeliveryReceipt first = channel.send(account, message("same-key", true));
        DeliveryReceipt again = channel.send(account, message("same-key", true));

        assertThat(again).isEqualTo(first);
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(channel.status(account, "same-key")).contains(first);

        channel.send(account, message("other-key", true));
        assertThat(mail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void concurrentSendsWithTheSameKeySendOnce() throws Exception {
        ChannelAccount account = plain();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<DeliveryReceipt>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return channel.send(account, message("raced", false));
                }));
            }
            go.countDown();
            Set<DeliveryReceipt> receipts = ConcurrentHashMap.newKeySet();
            for (Future<DeliveryReceipt> f : futures) {
                receipts.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(receipts).hasSize(1);
            assertThat(mail.getReceivedMessages()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void afterTheRecordExpiresTheChannelNoLongerKnowsTheMessage() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
        SmtpEmailChannel shortMemory = new SmtpEmailChannel(clock, Duration.ofHours(1), 100);
        ChannelAccount account = plain();
        shortMemory.send(account, message("expiring", false));
        assertThat(shortMemory.status(account, "expiring")).isPresent();

        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(shortMemory.status(account, "expiring")).isEmpty();
        assertThat(shortMemory.status(account, "never-sent")).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedAsAnAuthenticationFailureWithoutEchoingSecretsOrAddresses() {
        ChannelAccount wrong = account(mail.getSmtp().getPort(), Security.NONE, USER, "wrong-Senha");

        RefusedException e = catchThrowableOfType(() -> channel.send(wrong, message("auth-1", false)), RefusedException.class);

        assertThat(e.reason()).isEqualTo("auth-failed");
        assertThat(e.status()).isEqualTo(535);
        assertThat(e).isNotInstanceOf(UnknownOutcomeException.class);
        assertNoPersonalData(e);
        assertThat(e.getMessage()).doesNotContain("wrong-Senha").doesNotContain(USER);
        assertThat(mail.getReceivedMessages()).isEmpty();
        assertThat(channel.status(wrong, "auth-1")).isEmpty();
    }

    @Test
    void starttlsRequiredButNotOfferedIsRefusedAndNothingTravelsInClearText() {
        // GreenMail's SMTP does not offer STARTTLS: the channel must not fall back to plain text
        ChannelAccount tls = account(mail.getSmtp().getPort(), Security.STARTTLS, USER, PASSWORD);

        RefusedException e = catchThrowableOfType(() -> channel.send(tls, message("tls-1", false)), RefusedException.class);

        assertThat(e.reason()).isEqualTo("starttls-unavailable");
        assertThat(e.status()).isZero();
        assertNoPersonalData(e);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsDownGivesAnUnknownOutcomeWithTheKey() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ChannelAccount down = account(closedPort, Security.NONE, USER, PASSWORD);

        UnknownOutcomeException e = catchThrowableOfType(() -> channel.send(down, message("down-1", false)),
                UnknownOutcomeException.class);

        assertThat(e.idempotencyKey()).isEqualTo("down-1");
        assertThat(e.getMessage()).contains("connect");
        assertNoPersonalData(e);
        assertThat(channel.status(down, "down-1")).isEmpty();
    }

    @Test
    void noAnswerAfterTheDataIsAnUnknownOutcomeAndTheRetrySendsAgainWithTheSameMessageId() throws Exception {
        try (StallingSmtpServer stalling = new StallingSmtpServer()) {
            ChannelAccount slow = account(stalling.port(), Security.NONE, null, null, null, null, Duration.ofSeconds(1));
            long start = System.nanoTime();

            UnknownOutcomeException e = catchThrowableOfType(() -> channel.send(slow, message("stall-1", false)),
                    UnknownOutcomeException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(e.idempotencyKey()).isEqualTo("stall-1");
            assertThat(e.getMessage()).contains("send").contains("SocketTimeoutException");
            assertNoPersonalData(e);
            assertThat(stalling.dataReceived.get()).as("the server did get the whole message").isEqualTo(1);
            assertThat(channel.status(slow, "stall-1")).as("not recorded: the outcome is unknown").isEmpty();
        }
        // the same message to a server that answers: sent, with the same Message-ID
        DeliveryReceipt r = channel.send(plain(), message("stall-1", false));
        assertThat(r.providerMessageId()).isEqualTo("<stall-1@credor.com.br>");
        assertThat(mail.getReceivedMessages()[0].getMessageID()).isEqualTo("<stall-1@credor.com.br>");
    }

    @Test
    void invalidAddressesAreRefusedBeforeSendingNamingTheFieldOnly() {
        OutboundMessage bad = new OutboundMessage("bad-1", "joao.silva(at)devedor", null, SUBJECT, "x", null, Fixtures.CREDITOR);
        assertThatThrownBy(() -> channel.send(plain(), bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("recipient: not a valid e-mail address");
        OutboundMessage noSubject = new OutboundMessage("bad-2", DEBTOR, null, " ", "x", null, Fixtures.CREDITOR);
        assertThatThrownBy(() -> channel.send(plain(), noSubject)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subject: required for e-mail");
        assertThatThrownBy(() -> new OutboundMessage("has space", DEBTOR, null, SUBJECT, "x", null, Fixtures.CREDITOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messageId");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void headerInjectionThroughTheSubjectOrNamesIsNeutralised() throws Exception {
        OutboundMessage m = new OutboundMessage("inject-1", DEBTOR, "João\r\nBcc: x@evil.test", "Aviso\r\nBcc: y@evil.test",
                "corpo", null, Fixtures.CREDITOR);
        channel.send(plain(), m);

        MimeMessage received = mail.getReceivedMessages()[0];
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getSubject()).isEqualTo("Aviso  Bcc: y@evil.test");
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(mail.getReceivedMessagesForDomain("evil.test")).isEmpty();
    }

    @Test
    void recordsMaskPersonalDataAndSecrets() {
        ChannelAccount account = plain();
        OutboundMessage m = message("mask-1", true);
        assertThat(account.toString()).doesNotContain(PASSWORD).doesNotContain(USER).doesNotContain(FROM);
        assertThat(m.toString()).contains("mask-1").doesNotContain(DEBTOR).doesNotContain("João").doesNotContain("duplicata");
    }

    @Test
    void theSchemaDeclaresThePasswordWriteOnlyAndTheSecurityModes() throws Exception {
        com.fasterxml.jackson.databind.JsonNode schema = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(channel.configurationSchema());
        assertThat(schema.path("properties").path("password").path("writeOnly").asBoolean()).isTrue();
        assertThat(schema.path("properties").path("username").path("writeOnly").asBoolean()).isFalse();
        assertThat(schema.path("properties").path("security").path("enum").toString()).isEqualTo("[\"none\",\"starttls\",\"ssl\"]");
        assertThat(schema.path("required").toString()).contains("host", "port", "security", "fromAddress");
        assertThat(channel.channel()).isEqualTo("EMAIL");
    }

    @Test
    void addressesQuotedInTheServersReplyAreMaskedInTheReceipt() {
        assertThat(SmtpEmailChannel.maskAddresses("250 2.0.0 Ok: queued as 4XyZ for <joao.silva@devedor.com.br>",
                "<k-1@credor.com.br>")).isEqualTo("250 2.0.0 Ok: queued as 4XyZ for <***>");
        assertThat(SmtpEmailChannel.maskAddresses("250 2.6.0 <k-1@credor.com.br> [InternalId=1] Queued mail for delivery",
                "<k-1@credor.com.br>")).isEqualTo("250 2.6.0 <k-1@credor.com.br> [InternalId=1] Queued mail for delivery");
    }

    private static void assertNoPersonalData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(DEBTOR).doesNotContain("João").doesNotContain(FROM)
                    .doesNotContain(PASSWORD);
        }
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
