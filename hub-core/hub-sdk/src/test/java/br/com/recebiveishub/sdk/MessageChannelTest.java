package br.com.recebiveishub.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.MessageChannel.ChannelAccount;
import br.com.recebiveishub.sdk.MessageChannel.Creditor;
import br.com.recebiveishub.sdk.MessageChannel.OutboundMessage;
import br.com.recebiveishub.sdk.MessageChannel.Security;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageChannelTest {

    private static final Creditor CREDITOR = new Creditor("Credor S.A.", "11222333000181", null);

    @Test
    void theMessageMasksRecipientNamesAndBodies() {
        OutboundMessage m = new OutboundMessage("m-1", "maria@devedora.com.br", "Maria Aparecida", "Cobrança",
                "Olá Maria, sua dívida de R$ 10,00", "<p>Olá Maria</p>", CREDITOR);
        assertThat(m.toString()).contains("m-1").doesNotContain("maria").doesNotContain("Maria")
                .doesNotContain("R$ 10,00").doesNotContain("Cobrança");
    }

    @Test
    void theAccountMasksCredentialsAndSender() {
        ChannelAccount a = new ChannelAccount(URI.create("smtp://smtp.example.com:587"), null, "login@example.com",
                "Senha-1", "cobranca@credor.com.br", "Credor", null, null, null);
        assertThat(a.security()).isEqualTo(Security.STARTTLS);
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(a.toString()).isEqualTo("ChannelAccount[smtp://smtp.example.com:587, STARTTLS, with login]")
                .doesNotContain("Senha-1").doesNotContain("login@").doesNotContain("cobranca@");
    }

    @Test
    void recordsRefuseWhatCannotBeSentNamingTheFieldOnly() {
        assertThatThrownBy(() -> new OutboundMessage("<injected>", "a@b.c", null, "s", "t", null, CREDITOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messageId:");
        assertThatThrownBy(() -> new OutboundMessage("x".repeat(129), "a@b.c", null, "s", "t", null, CREDITOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messageId:");
        assertThatThrownBy(() -> new OutboundMessage("ok-1", " ", null, "s", "t", null, CREDITOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("recipient: required");
        assertThatThrownBy(() -> new OutboundMessage("ok-1", "a@b.c", null, "s", null, null, CREDITOR))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("textBody: required");
        assertThatThrownBy(() -> new Creditor("Credor", " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("42-A");
        assertThatThrownBy(() -> new ChannelAccount(URI.create("smtp://h:25"), Security.NONE, null, null, "a@b.c", null,
                null, null, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeout");
    }

    @Test
    void thePointExposesOnlySdkAndJdkTypes() {
        for (Method m : MessageChannel.class.getMethods()) {
            assertThat(Arrays.stream(m.getParameterTypes()).map(Class::getName))
                    .allMatch(n -> n.startsWith("java.") || n.startsWith("br.com.recebiveishub.sdk."));
            assertThat(m.getReturnType().getName()).matches("(java\\.|br\\.com\\.recebiveishub\\.sdk\\.).*");
        }
    }
}
