package br.com.recebiveishub.plugin.channel.email;

import br.com.recebiveishub.sdk.MessageChannel.ChannelAccount;
import br.com.recebiveishub.sdk.MessageChannel.Creditor;
import br.com.recebiveishub.sdk.MessageChannel.OutboundMessage;
import br.com.recebiveishub.sdk.MessageChannel.Security;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The accounts and messages the tests send. */
final class Fixtures {

    static final String FROM = "cobranca@credor.com.br";
    static final String FROM_NAME = "Cobrança Credor Exemplo";
    static final String USER = "cobranca";
    static final String PASSWORD = "s3cr3t-Senha";
    static final String DEBTOR = "joao.silva@devedor.com.br";
    static final String DEBTOR_NAME = "João da Silva Conceição";
    static final String SUBJECT = "Lembrete: duplicata nº 123 vence amanhã — ação necessária";
    static final Creditor CREDITOR = new Creditor("Credor Exemplo Indústria e Comércio S.A.", "11222333000181",
            "Av. Paulista, 1000, São Paulo/SP");

    private Fixtures() {
    }

    static ChannelAccount account(int port, Security security, String user, String password) {
        return account(port, security, user, password, null, null, Duration.ofSeconds(5));
    }

    static ChannelAccount account(int port, Security security, String user, String password, Path truststore,
                                  char[] truststorePassword, Duration timeout) {
        return new ChannelAccount(URI.create("smtp://127.0.0.1:" + port), security, user, password, FROM, FROM_NAME,
                truststore, truststorePassword, timeout);
    }

    static OutboundMessage message(String id, boolean html) {
        return new OutboundMessage(id, DEBTOR, DEBTOR_NAME, SUBJECT,
                "Olá, João.\nSua duplicata nº 123, de R$ 1.234,56, vence amanhã (04/12).\nPague pelo Pix ou boleto.",
                html ? "<html><body><p>Olá, <b>João</b>.</p><p>Sua duplicata nº 123 vence amanhã.</p></body></html>" : null,
                CREDITOR);
    }
}
