package br.com.recebiveishub.plugin.pix;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.InstantPaymentProvider.PspAccount;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A rotated secret or certificate must not reuse the client (token, TLS context) built for the old one. */
class ClientKeyTest {

    private static PspAccount account(String secret, String keystore, String password) {
        return new PspAccount(URI.create("https://psp.example/api/v2"), URI.create("https://psp.example/oauth/token"), "hub",
                secret, Path.of(keystore), password.toCharArray(), null, null, "11222333000181", "CLIENTE", "SAO PAULO");
    }

    @Test
    void theKeyFollowsEveryCredentialAndHoldsNoSecret() {
        String base = PixProvider.clientKey(account("s1", "/etc/a.p12", "p1"));
        assertThat(PixProvider.clientKey(account("s1", "/etc/a.p12", "p1"))).isEqualTo(base);
        assertThat(PixProvider.clientKey(account("s2", "/etc/a.p12", "p1"))).isNotEqualTo(base);
        assertThat(PixProvider.clientKey(account("s1", "/etc/b.p12", "p1"))).isNotEqualTo(base);
        assertThat(PixProvider.clientKey(account("s1", "/etc/a.p12", "p2"))).isNotEqualTo(base);
        assertThat(base).matches("[0-9a-f]{64}").doesNotContain("s1").doesNotContain("p1");
    }
}
