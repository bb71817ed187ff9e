package br.com.recebiveishub.hub.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which settings count as "where the plugin connects", so that changing one makes the omitted
 * secrets be given again: the names of the bundled plugins' address settings, and names that only
 * contain such a word inside another (Bling's portadorId, found by the fresh-user trial: it made
 * the client authorise the app again to move the baixas to another account).
 */
class DestinationSettingTest {

    @ParameterizedTest
    @ValueSource(strings = {"apiBaseUrl", "tokenUrl", "webhookURL", "URLBase", "host", "smtpHost", "smtp_host", "smtp-port", "port",
            "keystore", "keyStore", "truststore", "trustStorePath", "serverName", "endpoint", "hostname"})
    void addressesAre(String name) {
        assertThat(PluginConfigs.namesADestination(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"portadorId", "reportEmail", "supportPhone", "hostile", "categoriaId", "startDate", "clientId",
            "requestTimeoutSeconds", "pixKey", "merchantCity", "fromAddress", "urlencodedBody"})
    void othersAreNot(String name) {
        assertThat(PluginConfigs.namesADestination(name)).as(name).isFalse();
    }
}
