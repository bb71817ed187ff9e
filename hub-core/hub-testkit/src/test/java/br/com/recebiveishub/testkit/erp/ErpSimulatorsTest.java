package br.com.recebiveishub.testkit.erp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The simulators' protocol rules, seen from a plain HTTP client (what any connector would meet). */
class ErpSimulatorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void blingRotatesRefreshTokensRequiresBearerAndRefusesAFourthRequestInOneSecond() throws Exception {
        try (BlingSimulator sim = new BlingSimulator()) {
            String rt = sim.authorize();
            HttpResponse<String> first = token(sim, rt);
            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode t = JSON.readTree(first.body());
            assertThat(t.get("expires_in").asInt()).isEqualTo(21600);
            assertThat(t.get("refresh_token").asText()).isNotEqualTo(rt);

            HttpResponse<String> reused = token(sim, rt);
            assertThat(reused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(reused.body()).at("/error/type").asText()).isEqualTo("invalid_grant");

            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(sim.apiBaseUrl() + "/contas/receber")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);

            String access = t.get("access_token").asText();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(sim.apiBaseUrl() + "/contas/receber?pagina=1&limite=100"))
                        .header("Authorization", "Bearer " + access).build(), HttpResponse.BodyHandlers.ofString()));
            }
            // Four requests sent at once fall in one second: Bling's limit is three.
            List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();
            assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 200, 200, 429);
            HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow();
            assertThat(JSON.readTree(refused.body()).at("/error/type").asText()).isEqualTo("TOO_MANY_REQUESTS");
        }
    }

    @Test
    void blingListsByEmissionDateAndPages() throws Exception {
        try (BlingSimulator sim = new BlingSimulator()) {
            String access = JSON.readTree(token(sim, sim.authorize()).body()).get("access_token").asText();
            long c = sim.addContato("Comercial Exemplo Ltda", "11222333000181", "J");
            LocalDate d = LocalDate.of(2026, 11, 10);
            sim.addConta(c, "10.00", d, d.plusDays(30), null);
            sim.addConta(c, "20.00", d.plusDays(1), d.plusDays(31), null);
            sim.addConta(c, "30.00", d.plusDays(2), d.plusDays(32), null);
            JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(sim.apiBaseUrl()
                    + "/contas/receber?pagina=1&limite=100&tipoFiltroData=E&dataInicial=2026-11-11&dataFinal=2026-11-12"))
                    .header("Authorization", "Bearer " + access).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(page.get("data")).extracting(n -> n.get("valor").asText()).containsExactly("20.0", "30.0");
            assertThat(page.at("/data/0/contato/numeroDocumento").asText()).isEqualTo("11222333000181");
        }
    }

    @Test
    void omieAnswersFaultsAsItsApiDoes() throws Exception {
        try (OmieSimulator sim = new OmieSimulator()) {
            sim.redundantWindow(Duration.ofSeconds(60));
            HttpResponse<String> badKey = omie(sim, "ListarContasReceber", "{\"pagina\":1,\"registros_por_pagina\":50}", "nope");
            assertThat(badKey.statusCode()).isEqualTo(500);
            assertThat(JSON.readTree(badKey.body()).get("faultcode").asText()).startsWith("SOAP-ENV:Client");

            HttpResponse<String> empty = omie(sim, "ListarContasReceber", "{\"pagina\":1,\"registros_por_pagina\":50}", OmieSimulator.APP_SECRET);
            assertThat(empty.statusCode()).isEqualTo(500);
            assertThat(JSON.readTree(empty.body()).get("faultstring").asText()).isEqualTo("ERROR: Não existem registros para a página [1]!");

            HttpResponse<String> again = omie(sim, "ListarContasReceber", "{\"pagina\":1,\"registros_por_pagina\":50}", OmieSimulator.APP_SECRET);
            assertThat(JSON.readTree(again.body()).get("faultstring").asText()).startsWith("ERROR: Consumo redundante detectado. Aguarde ");
        }
    }

    @Test
    void omieRefusesAFifthSimultaneousCallOfOneMethod() throws Exception {
        try (OmieSimulator sim = new OmieSimulator()) {
            sim.holdEachCall(Duration.ofMillis(1500));
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(http.sendAsync(request(sim, "ListarContasReceber", "{\"pagina\":" + (i + 1) + ",\"registros_por_pagina\":50}",
                        OmieSimulator.APP_SECRET), HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = calls.stream().map(f -> f.join().statusCode()).toList();
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(1);
            assertThat(sim.rateLimited()).isEqualTo(1);
        }
    }

    private HttpResponse<String> token(BlingSimulator sim, String refreshToken) throws Exception {
        String basic = Base64.getEncoder().encodeToString((BlingSimulator.CLIENT_ID + ":" + BlingSimulator.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(sim.tokenUrl()).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + refreshToken)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> omie(OmieSimulator sim, String call, String param, String secret) throws Exception {
        return http.send(request(sim, call, param, secret), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(OmieSimulator sim, String call, String param, String secret) {
        String body = "{\"call\":\"" + call + "\",\"app_key\":\"" + OmieSimulator.APP_KEY + "\",\"app_secret\":\"" + secret
                + "\",\"param\":[" + param + "]}";
        return HttpRequest.newBuilder(URI.create(sim.apiBaseUrl() + "/financas/contareceber/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
