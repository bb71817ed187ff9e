package br.com.recebiveishub.testkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./hub simulate} prints is what a person pastes into the hub: the settings are JSON,
 * and the credentials in them work against the simulator that printed them.
 */
class SimulatorsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode settingsPrinted(String which, StringBuilder text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(Simulators.start(which, new PrintStream(bytes, true, StandardCharsets.UTF_8))).isNotNull();
        text.append(bytes.toString(StandardCharsets.UTF_8));
        String out = text.toString();
        return new ObjectMapper().readTree(out.substring(out.indexOf('{'), out.indexOf('}') + 1));
    }

    @Test
    void blingsPrintedRefreshTokenIsExchangedForAnAccessTokenThatListsTheContas() throws Exception {
        StringBuilder text = new StringBuilder();
        JsonNode s = settingsPrinted("bling", text);
        String basic = Base64.getEncoder().encodeToString((s.get("clientId").asText() + ":" + s.get("clientSecret").asText())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(s.get("apiBaseUrl").asText() + "/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + s.get("refreshToken").asText()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String access = new ObjectMapper().readTree(token.body()).get("access_token").asText();
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(s.get("apiBaseUrl").asText() + "/contas/receber?pagina=1"))
                .header("Authorization", "Bearer " + access).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(list.body()).get("data")).hasSize(13);
        assertThat(text).contains("13 contas a receber");
    }

    @Test
    void omieAndMercadoPagoPrintSettingsOfTheirOwnAddress() throws Exception {
        JsonNode omie = settingsPrinted("omie", new StringBuilder());
        assertThat(omie.get("apiBaseUrl").asText()).startsWith("http://127.0.0.1:");
        assertThat(omie.get("appKey").asText()).matches("[0-9]{1,20}");
        StringBuilder mpText = new StringBuilder();
        JsonNode mp = settingsPrinted("mercadopago", mpText);
        assertThat(mp.get("accessToken").asText()).matches("^(APP_USR|TEST)-[A-Za-z0-9-]+$");
        assertThat(mpText).containsPattern("APRO [0-9a-f]{32}");
        assertThat(Simulators.start("nenhum", new PrintStream(new ByteArrayOutputStream()))).isNull();
    }
}
