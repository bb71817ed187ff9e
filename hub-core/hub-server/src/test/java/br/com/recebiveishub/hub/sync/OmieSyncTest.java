package br.com.recebiveishub.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.reconcile.ManualAllocations;
import br.com.recebiveishub.hub.reconcile.ReconciliationService;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.MovementKind;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.erp.OmieSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Onboarding a client on Omie through the hub's API, with the bundled erp-omie plugin against the
 * Omie simulator of hub-testkit (app key and secret in every call, ListarContasReceber by change
 * date in pages of 200, ConsultarCliente, LancarRecebimento keyed by codigo_baixa_integracao):
 * check with a wrong and the right secret, a sync of two pages with one title of a client whose
 * CNPJ is wrong, a re-run that changes nothing, and a paid title settled in Omie once.
 */
class OmieSyncTest extends HubIntegrationTest {

    static final OmieSimulator OMIE = new OmieSimulator();
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Sao_Paulo"));

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PluginRuntime plugins;
    @Autowired
    TenantService tenants;
    @Autowired
    WriteBacks writeBacks;
    @Autowired
    ReconciliationService reconciliation;
    @Autowired
    ManualAllocations allocations;

    @AfterAll
    static void stop() {
        OMIE.close();
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private static Map<String, Object> settings(String appSecret) {
        Map<String, Object> s = new HashMap<>();
        s.put("appKey", OmieSimulator.APP_KEY);
        s.put("appSecret", appSecret);
        s.put("startDate", TODAY.minusDays(30).toString());
        s.put("contaCorrenteId", OmieSimulator.CONTA_CORRENTE);
        s.put("apiBaseUrl", OMIE.apiBaseUrl().toString());
        s.put("requestTimeoutSeconds", 5);
        return s;
    }

    @Test
    void aClientOnOmieIsSyncedInPagesReReadWithoutEffectAndAPaidTituloGetsOneRecebimento() throws Exception {
        // the same call within a minute is Omie's "consumo redundante"; the plugin's own tests cover waiting it out
        OMIE.redundantWindow(Duration.ZERO);
        long comercial = OMIE.addCliente("Comercial Exemplo Ltda", "11.222.333/0001-81", false);
        long wrong = OMIE.addCliente("Distribuidora Errada Ltda", "11.222.333/0001-00", false); // wrong check digits
        List<Long> titulos = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            titulos.add(OMIE.addTitulo(comercial, (200 + i) + ".50", TODAY.minusDays(5), TODAY.plusDays(25), "NF " + (1000 + i)));
        }
        long refused = OMIE.addTitulo(wrong, "80.00", TODAY.minusDays(5), TODAY.plusDays(25), "NF 9999");
        String t = "omie-sync";
        SyncApi api = new SyncApi(http, token(http, "it-all", "it-all-secret"));

        api.onboard(t, "erp-omie", settings("0000aaaa0000aaaa0000aaaa0000aaaa"));
        JsonNode bad = api.ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-omie/check", null);
        assertThat(bad.path("ok").asBoolean()).as("%s", bad).isFalse();
        assertThat(bad.toString()).doesNotContain("0000aaaa0000aaaa0000aaaa0000aaaa").doesNotContain(OmieSimulator.APP_KEY);
        // formats are asserted when saved: an impossible start date is refused naming it, not found by the first sync
        Map<String, Object> impossible = settings(OmieSimulator.APP_SECRET);
        impossible.put("startDate", TODAY.getYear() + "-02-30");
        var refusedDate = api.call(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-omie/config", impossible);
        assertThat(refusedDate.getStatusCode().value()).isEqualTo(400);
        assertThat(refusedDate.getBody().path("detail").asText()).contains("startDate");
        // a whole number written 5.0 is an integer to JSON Schema, and reaches the connector as 5
        Map<String, Object> right = settings(OmieSimulator.APP_SECRET);
        right.put("requestTimeoutSeconds", 5.0);
        api.ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-omie/config", right);
        JsonNode good = api.ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-omie/check", null);
        assertThat(good.path("ok").asBoolean()).as("%s", good).isTrue();

        JsonNode run = api.ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-omie/run", null);
        assertThat(run.path("outcome").asText()).as("%s", run).isEqualTo("SUCCEEDED");
        assertThat(run.path("pages").asInt()).as("251 titles in pages of 200").isEqualTo(2);
        assertThat(run.path("read").asInt()).isEqualTo(251);
        assertThat(run.path("rejected").asInt()).isEqualTo(1);
        assertThat(count("select count(*) from receivable where tenant_id = ? and source_system = 'OMIE'", t)).isEqualTo(250);
        long last = titulos.get(249);
        Map<String, Object> row = jdbc.queryForMap("select original_amount, document_number, due_date from receivable "
                + "where tenant_id = ? and external_id = ?", t, String.valueOf(last));
        assertThat((BigDecimal) row.get("original_amount")).isEqualByComparingTo("449.50");
        assertThat(row.get("document_number")).isEqualTo("NF 1249");
        assertThat(row.get("due_date").toString()).isEqualTo(TODAY.plusDays(25).toString());
        assertThat(count("select count(*) from receivable where tenant_id = ? and external_id = ?", t, String.valueOf(refused))).isZero();
        JsonNode letter = api.openLetter(t, "SYNC_REJECTED_RECORD");
        assertThat(letter.path("reason").asText()).startsWith("cliente.cnpj_cpf: CNPJ").doesNotContain("11222333000100");

        JsonNode again = api.ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-omie/run", null);
        assertThat(again.path("outcome").asText()).as("%s", again).isEqualTo("SUCCEEDED");
        assertThat(again.path("applied").asInt()).isZero();
        assertThat(count("select count(*) from receivable_aud a join receivable r on r.id = a.id where r.tenant_id = ?", t))
                .as("every title written once").isEqualTo(250);
        assertThat(count("select count(*) from dead_letter where tenant_id = ? and kind = 'SYNC_REJECTED_RECORD' and status = 'OPEN'", t))
                .isEqualTo(1);

        // the first title (200.50) is paid by boleto; a collector allocates the bank's credit; the hub settles it in Omie
        long titulo = titulos.get(0);
        long receivable = count("select id from receivable where tenant_id = ? and external_id = ?", t, String.valueOf(titulo));
        var account = tenants.addBankAccount(t, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14", "432100",
                "pay-boleto", 700L, null, null));
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).get(0).extension();
        LocalDate d = TODAY.minusDays(1);
        Path ret = Files.createTempFile("retorno-" + t, ".ret");
        Files.write(ret, bank.simulateReturn(TenantService.toSdk(tenants.require(t), account), 1, d, List.of(
                new SimulatedMovement(new IssuedCharge("104", "77001", null, null, null), "S1", MovementKind.SETTLED, d,
                        new BigDecimal("200.50"), new BigDecimal("200.50"), new BigDecimal("1.25"), d, d.plusDays(1)))));
        reconciliation.processReturn(t, new SourceFile(ret.getFileName().toString(), ret));
        long payment = count("select id from payment where tenant_id = ? and nosso_numero = '77001'", t);
        try (AuditContext.Scope s = AuditContext.open("collector", t, "test", "api")) {
            allocations.allocate(t, payment, receivable, new BigDecimal("200.50"), "credito identificado no extrato", "omie-wb-1");
        }
        try (AuditContext.Scope s = AuditContext.system("test")) {
            writeBacks.sendDue();
            writeBacks.sendDue();
        }
        assertThat(jdbc.queryForObject("select status from erp_write_back where tenant_id = ? and receivable_id = ?", String.class, t,
                receivable)).isEqualTo("SENT");
        assertThat(OMIE.baixas()).as("one recebimento").hasSize(1);
        JsonNode baixa = OMIE.baixas().get(0);
        assertThat(baixa.path("codigo_lancamento").asLong()).isEqualTo(titulo);
        assertThat(baixa.path("valor").decimalValue()).isEqualByComparingTo("200.50");
        assertThat(OMIE.titulo(titulo).path("status_titulo").asText()).isEqualTo("RECEBIDO");
        assertThat(api.ok(HttpMethod.GET, "/api/tenants/" + t + "/write-backs", null).toString()).contains("SENT");
    }
}
