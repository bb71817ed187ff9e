package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.reconcile.ReconciliationService;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.MovementKind;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import br.com.recebiveishub.sdk.model.SourceFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cancelling a boleto at the bank (baixa): requested with a reason, sent once in the next remessa as
 * a P segment with movement 02, and only the bank's confirmation (09) ends it; then the receivable
 * it charged can be cancelled.
 */
class BoletoCancellationTest extends HubIntegrationTest {

    private static final String T = "sec-v";

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.context.ApplicationContext hub;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantService tenants;
    @Autowired
    PluginRuntime plugins;
    @Autowired
    ReconciliationService reconciliation;

    private ResponseEntity<JsonNode> post(String path, Object body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.setBearerAuth(token(http, "it-all", "it-all-secret"));
        return http.exchange("/api/tenants/" + T + path, HttpMethod.POST, new HttpEntity<>(body, h), JsonNode.class);
    }

    @Test
    void aCancelledBoletoGoesToTheBankOnceAndEndsOnlyWhenTheBankConfirms() throws Exception {
        SecurityFixture.Ids ids = SecurityFixture.ensure(T, hub);
        long charge = ids.get("liveCharge");
        long receivable = jdbc.queryForObject("select receivable_id from charge where id = ?", Long.class, charge);
        String nossoNumero = jdbc.queryForObject("select nosso_numero from charge where id = ?", String.class, charge);

        assertThat(post("/charges/" + charge + "/cancellation", Map.of()).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<JsonNode> asked = post("/charges/" + charge + "/cancellation", Map.of("reason", "cliente pagou por depósito"));
        assertThat(asked.getStatusCode().value()).as("%s", asked.getBody()).isEqualTo(200);
        assertThat(asked.getBody().path("status").asText()).isEqualTo("CANCEL_REQUESTED");
        assertThat(jdbc.queryForObject("select reason from hub_revision where id = ?", String.class, asked.getBody().path("revision").asLong()))
                .isEqualTo("boleto cancellation: cliente pagou por depósito");
        assertThat(post("/charges/" + charge + "/cancellation", Map.of("reason", "cliente pagou por depósito")).getBody()
                .path("changed").asBoolean()).isFalse();
        // still live: the bank may collect it until it confirms
        assertThat(post("/receivables/" + receivable + "/cancellation", Map.of("reason", "cliente pagou por depósito"))
                .getStatusCode().value()).isEqualTo(409);

        ResponseEntity<JsonNode> run = post("/charges/boletos", Map.of("bankAccountId", ids.get("bankAccount")));
        assertThat(run.getStatusCode().value()).as("%s", run.getBody()).isEqualTo(200);
        assertThat(run.getBody().path("cancellationsSent").asInt()).isEqualTo(1);
        long remessaId = run.getBody().path("remessaId").asLong();
        byte[] content = jdbc.queryForObject("select content from remessa where id = ?", byte[].class, remessaId);
        List<String> pWith02 = Arrays.stream(new String(content, StandardCharsets.ISO_8859_1).split("\r\n"))
                .filter(l -> l.length() == 240 && l.charAt(7) == '3' && l.charAt(13) == 'P' && l.startsWith("02", 15)).toList();
        assertThat(pWith02).singleElement().satisfies(l -> assertThat(l.substring(17, 57)).endsWith(nossoNumero));
        assertThat(jdbc.queryForObject("select cancel_remessa_id from charge where id = ?", Long.class, charge)).isEqualTo(remessaId);
        assertThat(post("/charges/boletos", Map.of("bankAccountId", ids.get("bankAccount"))).getBody().path("cancellationsSent").asInt())
                .as("sent once").isZero();

        // the bank's return confirms the baixa (09)
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).get(0).extension();
        var account = tenants.bankAccounts(T).get(0);
        LocalDate d = LocalDate.of(2026, 11, 25);
        byte[] ret = bank.simulateReturn(TenantService.toSdk(tenants.require(T), account), 9, d, List.of(
                new SimulatedMovement(new IssuedCharge("104", nossoNumero, null, null, null), "B1", MovementKind.WRITTEN_OFF,
                        LocalDate.of(2026, 12, 20), new BigDecimal("200.00"), null, BigDecimal.ZERO, d, null)));
        Path file = Files.createTempDirectory("baixa").resolve("baixa-" + T + ".ret");
        Files.write(file, ret);
        reconciliation.processReturn(T, new SourceFile(file.getFileName().toString(), file));
        assertThat(jdbc.queryForObject("select status from charge where id = ?", String.class, charge)).isEqualTo("CANCELLED");

        ResponseEntity<JsonNode> cancelled = post("/receivables/" + receivable + "/cancellation", Map.of("reason", "cliente pagou por depósito"));
        assertThat(cancelled.getStatusCode().value()).as("%s", cancelled.getBody()).isEqualTo(200);
        assertThat(cancelled.getBody().path("receivable").path("status").asText()).isEqualTo("CANCELLED");
    }
}
