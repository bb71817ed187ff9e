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
import br.com.recebiveishub.testkit.erp.BlingSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Onboarding a client on Bling through the hub's API, with the bundled erp-bling plugin against
 * the Bling v3 simulator of hub-testkit (OAuth2 with rotating refresh tokens, pages of 100, 3
 * requests per second): check with bad and good credentials, a sync that the ERP's outage stops
 * after the first page and that the replay resumes from the checkpoint (nothing lost, nothing
 * doubled), a re-run that changes nothing, the payment write-back (a baixa in Bling, once), and
 * the schedule's route stopping with the plugin.
 */
class BlingSyncTest extends HubIntegrationTest {

    static final BlingSimulator BLING = new BlingSimulator();
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Sao_Paulo"));

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PluginRuntime plugins;
    @Autowired
    br.com.recebiveishub.hub.tenant.PluginConfigs configs;
    @Autowired
    TenantService tenants;
    @Autowired
    WriteBacks writeBacks;
    @Autowired
    SyncRoutes routes;
    @Autowired
    ReconciliationService reconciliation;
    @Autowired
    ManualAllocations allocations;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    private SyncApi api;

    @AfterAll
    static void stop() {
        BLING.close();
    }

    @BeforeEach
    void setUp() {
        BLING.outage(false);
        api = new SyncApi(http, token(http, "it-all", "it-all-secret"));
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body) {
        return api.call(method, path, body);
    }

    private JsonNode ok(HttpMethod method, String path, Object body) {
        return api.ok(method, path, body);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private static Map<String, Object> settings(String refreshToken) {
        Map<String, Object> s = new HashMap<>();
        s.put("clientId", BlingSimulator.CLIENT_ID);
        s.put("clientSecret", BlingSimulator.CLIENT_SECRET);
        s.put("refreshToken", refreshToken);
        s.put("startDate", TODAY.minusDays(25).toString());
        s.put("apiBaseUrl", BLING.apiBaseUrl().toString());
        s.put("portadorId", 14888102402L);
        s.put("requestTimeoutSeconds", 5);
        return s;
    }

    private void onboard(String t, Map<String, Object> settings) {
        api.onboard(t, "erp-bling", settings);
        assertThat(ok(HttpMethod.GET, "/api/tenants/" + t + "/plugins", null).findValuesAsText("pluginId")).as("erp-bling is bundled")
                .contains("erp-bling");
    }

    @Test
    void checkTellsBadCredentialsFromGoodOnes() {
        String t = "bling-check";
        onboard(t, settings("refresh-token-revogado"));
        JsonNode bad = ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-bling/check", null);
        assertThat(bad.path("ok").asBoolean()).isFalse();
        assertThat(bad.path("reason").asText()).isEqualTo("unauthorized");
        assertThat(bad.path("message").asText()).as("Bling's OAuth error type").contains("invalid_grant");
        assertThat(bad.toString()).doesNotContain("refresh-token-revogado").doesNotContain(BlingSimulator.CLIENT_SECRET);

        String authorized = BLING.authorize();
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-bling/config", settings(authorized));
        JsonNode good = ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-bling/check", null);
        assertThat(good.path("ok").asBoolean()).as("%s", good).isTrue();

        // Bling rotated the saved refresh token at that check; the connector handed the new one to the hub, which saved it
        String kept;
        try (br.com.recebiveishub.hub.audit.AuditContext.Scope s = br.com.recebiveishub.hub.audit.AuditContext.system("test")) {
            kept = configs.resolve(t, "erp-bling").path("refreshToken").asText();
        }
        assertThat(kept).as("the rotated token, not the one saved by the team").isNotEqualTo(authorized).isNotBlank();
        assertThat(jdbc.queryForObject("select count(*) from plugin_config where tenant_id = ? and plugin_id = 'erp-bling' "
                + "and position(convert_to(?, 'UTF8') in secrets) > 0", Long.class, t, kept)).as("encrypted at rest").isZero();

        // installing another plugin keeps the connector instance; disabling and enabling erp-bling makes a new one
        // (as a restart does), which renews with the kept token
        plugins.install(br.com.recebiveishub.hub.TestErpPlugins.zipFile("memory", "1.1." + System.nanoTime() % 1_000_000));
        JsonNode after = ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-bling/check", null);
        assertThat(after.path("ok").asBoolean()).as("%s", after).isTrue();
        plugins.disable("erp-bling");
        assertThat(call(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-bling/check", null).getBody().toString())
                .as("says why").contains("plugin erp-bling is STOPPED: disabled by the administrator (POST /api/plugins/erp-bling/enable");
        plugins.enable("erp-bling");
        JsonNode afterRestart = ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-bling/check", null);
        assertThat(afterRestart.path("ok").asBoolean()).as("a new instance renews with the kept token: %s", afterRestart).isTrue();
    }

    @Test
    void syncResumesAfterAnOutageReRunChangesNothingAndAPaidContaIsSettledInBlingOnce() throws Exception {
        String t = "bling-sync";
        BLING.listCarriesContactDocument(true);
        long maria = BLING.addContato("Maria Souza", "12345678909", "F");
        long invalid = BLING.addContato("Joao Lima", "12345678900", "F"); // wrong check digits
        List<Long> contas = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            contas.add(BLING.addConta(maria, String.valueOf(100 + i) + ".00", TODAY.minusDays(10), TODAY.plusDays(20), "PV-" + i));
        }
        long refused = BLING.addConta(invalid, "50.00", TODAY.minusDays(10), TODAY.plusDays(20), "PV-X");
        onboard(t, settings(BLING.authorize()));

        // a dry run of one page: what the first sync would do, nothing written
        JsonNode dry = ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-bling/dry-run?maxPages=1", null);
        assertThat(dry.path("outcome").asText()).as("%s", dry).isEqualTo("SUCCEEDED");
        assertThat(dry.path("pages").asInt()).isEqualTo(1);
        assertThat(dry.path("stoppedEarly").asBoolean()).isTrue();
        assertThat(dry.path("read").asInt()).as("one page of 100").isEqualTo(100);
        assertThat(count("select count(*) from receivable where tenant_id = ?", t)).isZero();
        assertThat(count("select count(*) from erp_sync where tenant_id = ?", t)).isZero();

        // Bling goes down right after the first page: the test holds the tenant's row, so the transaction that applies
        // page 1 (whose inserts check the tenant) waits; once it waits, page 1 was read in full; then Bling goes down and
        // the row is let go. The sync exists beforehand (an unscheduled one), so starting the run needs no such lock.
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/syncs/erp-bling", Map.of("intervalMinutes", 60, "enabled", false));
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            try (AuditContext.Scope s = AuditContext.system("test-lock")) {
                tx.executeWithoutResult(st -> {
                    jdbc.queryForList("select id from tenant where id = ? for update", t);
                    locked.countDown();
                    long until = System.nanoTime() + 120_000_000_000L;
                    while (count("select count(*) from pg_locks where not granted") == 0
                            && System.nanoTime() < until) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    BLING.outage(true);
                });
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        locked.await();
        JsonNode failed = ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-bling/run", null);
        watcher.join(5_000);
        assertThat(failed.path("outcome").asText()).as("%s", failed).isEqualTo("FAILED");
        assertThat(failed.path("pages").asInt()).isEqualTo(1);
        assertThat(failed.path("read").asInt()).as("one page of 100").isEqualTo(100);
        long firstPage = count("select count(*) from receivable where tenant_id = ? and source_system = 'BLING'", t);
        assertThat(firstPage + failed.path("rejected").asInt()).isEqualTo(100);
        JsonNode letter = ok(HttpMethod.GET, "/api/tenants/" + t + "/dead-letters?status=OPEN", null).findValues("kind").stream()
                .anyMatch(k -> k.asText().equals("SYNC_FAILED")) ? findLetter(t, "SYNC_FAILED") : null;
        assertThat(letter).isNotNull();
        assertThat(letter.path("reason").asText()).startsWith("the ERP was unavailable past the connector's retries");

        BLING.outage(false);
        JsonNode replay = ok(HttpMethod.POST, "/api/tenants/" + t + "/dead-letters/" + letter.path("id").asLong() + "/replay", null);
        assertThat(replay.path("outcome").asText()).startsWith("SUCCEEDED");
        assertThat(count("select count(*) from receivable where tenant_id = ? and source_system = 'BLING'", t)).isEqualTo(150);
        assertThat(count("select count(*) from receivable_aud a join receivable r on r.id = a.id where r.tenant_id = ?", t))
                .as("every conta written once: nothing doubled").isEqualTo(150);
        JsonNode rejected = findLetter(t, "SYNC_REJECTED_RECORD");
        assertThat(rejected.path("reason").asText()).startsWith("contato.numeroDocumento: CPF invalid");
        assertThat(rejected.path("reason").asText()).doesNotContain("12345678900");
        assertThat(jdbc.queryForObject("select original_amount from receivable where tenant_id = ? and external_id = ?", BigDecimal.class,
                t, String.valueOf(contas.get(149)))).isEqualByComparingTo("249.00");
        assertThat(count("select count(*) from receivable where tenant_id = ? and external_id = ?", t, String.valueOf(refused))).isZero();

        // the next run reads the lookback window again: everything unchanged, the bad conta still in one open letter
        JsonNode again = ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-bling/run", null);
        assertThat(again.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(again.path("applied").asInt()).isZero();
        assertThat(again.path("unchanged").asInt()).isEqualTo(150);
        assertThat(again.path("rejected").asInt()).isEqualTo(1);
        assertThat(count("select count(*) from receivable_aud a join receivable r on r.id = a.id where r.tenant_id = ?", t)).isEqualTo(150);
        assertThat(count("select count(*) from dead_letter where tenant_id = ? and kind = 'SYNC_REJECTED_RECORD' and status = 'OPEN'", t))
                .isEqualTo(1);

        // the debtor pays the first conta (100.00): a collector allocates the bank's credit; the hub settles it in Bling
        long contaId = contas.get(0);
        long receivable = count("select id from receivable where tenant_id = ? and external_id = ?", t, String.valueOf(contaId));
        var account = tenants.addBankAccount(t, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14", "432100",
                "pay-boleto", 500L, null, null));
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).get(0).extension();
        LocalDate d = TODAY.minusDays(1);
        byte[] ret = bank.simulateReturn(TenantService.toSdk(tenants.require(t), account), 1, d, List.of(
                new SimulatedMovement(new IssuedCharge("104", "66001", null, null, null), "S1", MovementKind.SETTLED, d,
                        new BigDecimal("100.00"), new BigDecimal("100.00"), new BigDecimal("1.25"), d, d.plusDays(1))));
        Path retFile = Files.createTempFile("retorno-" + t, ".ret");
        Files.write(retFile, ret);
        reconciliation.processReturn(t, new SourceFile("retorno-" + t + ".ret", retFile));
        long payment = count("select id from payment where tenant_id = ? and nosso_numero = '66001'", t);
        allocations.allocate(t, payment, receivable, new BigDecimal("100.00"), "credito identificado no extrato", "bling-wb-1");
        assertThat(count("select count(*) from erp_write_back where tenant_id = ? and receivable_id = ? and status = 'PENDING'", t, receivable))
                .isEqualTo(1);
        try (AuditContext.Scope s = AuditContext.system("test")) {
            writeBacks.sendDue();
            writeBacks.sendDue();
        }
        assertThat(jdbc.queryForObject("select status from erp_write_back where tenant_id = ? and receivable_id = ?", String.class, t,
                receivable)).isEqualTo("SENT");
        assertThat(BLING.conta(contaId).path("situacao").asInt()).as("recebida in Bling").isEqualTo(2);
        assertThat(BLING.borderos()).as("one baixa").hasSize(1);
        assertThat(BLING.borderos().get(0).toString()).contains("hub-wb-" + t + "-" + receivable);

        // the second conta (101.00) is paid while Bling is down: the outcome of the write-back is unknown (the hub stops
        // waiting after its call timeout while the connector still retries); once Bling is back the same key goes again,
        // never while the earlier attempt is still running, and Bling ends with one baixa for it
        long conta1 = contas.get(1);
        long receivable1 = count("select id from receivable where tenant_id = ? and external_id = ?", t, String.valueOf(conta1));
        byte[] ret2 = bank.simulateReturn(TenantService.toSdk(tenants.require(t), account), 2, d, List.of(
                new SimulatedMovement(new IssuedCharge("104", "66002", null, null, null), "S2", MovementKind.SETTLED, d,
                        new BigDecimal("101.00"), new BigDecimal("101.00"), new BigDecimal("1.25"), d, d.plusDays(1))));
        Path retFile2 = Files.createTempFile("retorno2-" + t, ".ret");
        Files.write(retFile2, ret2);
        reconciliation.processReturn(t, new SourceFile("retorno2-" + t + ".ret", retFile2));
        long payment2 = count("select id from payment where tenant_id = ? and nosso_numero = '66002'", t);
        allocations.allocate(t, payment2, receivable1, new BigDecimal("101.00"), "credito identificado no extrato", "bling-wb-2");
        BLING.outage(true);
        try (AuditContext.Scope s = AuditContext.system("test")) {
            writeBacks.sendDue();
        }
        Map<String, Object> unknown = jdbc.queryForMap("select status, attempts, last_error, idempotency_key from erp_write_back "
                + "where tenant_id = ? and receivable_id = ?", t, receivable1);
        assertThat(unknown.get("status")).isEqualTo("PENDING");
        assertThat(((Number) unknown.get("attempts")).intValue()).isEqualTo(1);
        assertThat((String) unknown.get("last_error")).isEqualTo("plugin erp-bling did not answer ErpApiConnector.writeBackPayment within 2000 ms");
        BLING.outage(false);
        String key = (String) unknown.get("idempotency_key");
        for (int i = 0; i < 120 && !"SENT".equals(jdbc.queryForObject("select status from erp_write_back where tenant_id = ? "
                + "and receivable_id = ?", String.class, t, receivable1)); i++) {
            jdbc.update("update erp_write_back set next_attempt_at = now() where tenant_id = ? and receivable_id = ?", t, receivable1);
            try (AuditContext.Scope s = AuditContext.system("test")) {
                writeBacks.sendDue();
            }
            Thread.sleep(500);
        }
        assertThat(jdbc.queryForObject("select status from erp_write_back where tenant_id = ? and receivable_id = ?", String.class, t,
                receivable1)).isEqualTo("SENT");
        assertThat(BLING.borderos().stream().filter(b -> b.toString().contains(key)).count()).as("one baixa for the key").isEqualTo(1);
        assertThat(BLING.conta(conta1).path("situacao").asInt()).isEqualTo(2);

        // scheduled, then disabled for the tenant: the route stops; enabled again: it is back
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/syncs/erp-bling", Map.of("intervalMinutes", 60, "enabled", true));
        assertThat(routes.isRunning(t, "erp-bling")).isTrue();
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-bling/enablement", Map.of("enabled", false));
        assertThat(routes.isRunning(t, "erp-bling")).isFalse();
        assertThat(call(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-bling/run", null).getStatusCode().value()).isEqualTo(409);
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-bling/enablement", Map.of("enabled", true));
        assertThat(routes.isRunning(t, "erp-bling")).isTrue();
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/syncs/erp-bling", Map.of("intervalMinutes", 60, "enabled", false));
    }

    private JsonNode findLetter(String t, String kind) {
        return api.openLetter(t, kind);
    }
}
