package br.com.recebiveishub.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.TestErpPlugins;
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
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Onboarding a client's ERP API through the API, against real plugin zips compiled by
 * {@link TestErpPlugins}: enablement, connection check, syncs (paged, resumed after an outage,
 * re-read without effect), dead letters and their replay, payment write-back, and plugins that
 * hang or crash without taking the hub down.
 */
class ErpSyncTest extends HubIntegrationTest {

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

    private SyncApi api;

    @BeforeEach
    void setUp() {
        for (String behaviour : List.of("memory", "hangs", "throws")) {
            if (!plugins.isStarted("erp-" + behaviour)) {
                plugins.install(TestErpPlugins.zipFile(behaviour, "1.0.0"));
            }
        }
        api = new SyncApi(http, token(http, "it-all", "it-all-secret"));
    }

    private void tenant(String t) {
        if (tenants.list().stream().noneMatch(x -> x.getId().equals(t))) {
            tenants.create(t, "Cliente " + t + " Ltda", "11222333000181", 30, null);
        }
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body) {
        return api.call(method, path, body);
    }

    private JsonNode ok(HttpMethod method, String path, Object body) {
        return api.ok(method, path, body);
    }

    private void onboard(String t, String plugin, Map<String, Object> settings) {
        tenant(t);
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/" + plugin + "/enablement", Map.of("enabled", true));
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/" + plugin + "/config", settings);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void anErpApiConnectorIsOffUntilEnabledForTheTenantAndFileFormatsStayOn() {
        String t = "sync-enable";
        tenant(t);
        JsonNode list = ok(HttpMethod.GET, "/api/tenants/" + t + "/plugins", null);
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        list.forEach(p -> byId.put(p.path("pluginId").asText(), p));
        assertThat(byId.get("erp-memory").path("enabled").asBoolean()).isFalse();
        assertThat(byId.get("erp-memory").path("explicit").asBoolean()).isFalse();
        assertThat(byId.get("erp-file").path("enabled").asBoolean()).isTrue();
        assertThat(byId.get("pay-boleto").path("enabled").asBoolean()).isTrue();

        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-memory/run", null);
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().path("detail").asText()).contains("plugin erp-memory is not enabled for tenant " + t);

        ResponseEntity<JsonNode> missing = call(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-memory/enablement", Map.of());
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody().path("detail").asText()).contains("enabled: required");

        JsonNode on = ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-memory/enablement", Map.of("enabled", true));
        assertThat(on.path("enabled").asBoolean()).isTrue();
        assertThat(on.path("explicit").asBoolean()).isTrue();
        // audited: one version, and repeating the choice adds none
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-memory/enablement", Map.of("enabled", true));
        assertThat(count("select count(*) from plugin_enablement_aud a join plugin_enablement e on e.id = a.id "
                + "where e.tenant_id = ? and e.plugin_id = 'erp-memory'", t)).isEqualTo(1);

        // a payment plugin does not consult the tenant's choice yet: switching it off for one tenant is refused, not pretended
        ResponseEntity<JsonNode> card = call(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/pay-card/enablement", Map.of("enabled", false));
        assertThat(card.getStatusCode().value()).isEqualTo(409);
        assertThat(card.getBody().path("detail").asText()).contains("cannot be disabled for one tenant yet", "/api/plugins/pay-card/disable");
        assertThat(count("select count(*) from plugin_enablement where tenant_id = ? and plugin_id = 'pay-card'", t)).isZero();

        ResponseEntity<JsonNode> unconfigured = call(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-memory/run", null);
        assertThat(unconfigured.getStatusCode().value()).isEqualTo(409);
        assertThat(unconfigured.getBody().path("detail").asText()).contains("plugin erp-memory has no settings for tenant " + t);
    }

    @Test
    void checkAnswersWithTheTenantsSavedSettings() {
        String t = "sync-check";
        onboard(t, "erp-memory", Map.of("token", "wrong"));
        JsonNode bad = ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-memory/check", null);
        assertThat(bad.path("ok").asBoolean()).isFalse();
        assertThat(bad.path("reason").asText()).isEqualTo("unauthorized");
        assertThat(bad.path("message").asText()).isEqualTo("the ERP refused the token (401)");

        ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-memory/config", Map.of("token", "good"));
        JsonNode good = ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-memory/check", null);
        assertThat(good.path("ok").asBoolean()).isTrue();
        assertThat(good.path("reason").isNull()).isTrue();
        assertThat(count("select count(*) from hub_revision where tenant_id = ? and reason like 'connection check of plugin erp-memory%'", t))
                .isEqualTo(2);
    }

    @Test
    void aDryRunShowsEachRowsRejectionAndWritesNothing() {
        String t = "sync-dry";
        onboard(t, "erp-memory", Map.of("token", "good", "records", 7));
        // a schedule saved (off) before any sync: its row has no cursor yet, and the dry run reads from the start
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/syncs/erp-memory", Map.of("intervalMinutes", 60, "enabled", false));
        long failuresBefore = memoryFailures();
        JsonNode dry = ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-memory/dry-run?maxPages=3", null);
        assertThat(dry.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(dry.path("pages").asInt()).isEqualTo(3);
        assertThat(dry.path("stoppedEarly").asBoolean()).isTrue();
        assertThat(dry.path("read").asInt()).isEqualTo(6);
        assertThat(dry.path("wouldCreate").asInt()).isEqualTo(5);
        JsonNode rejection = dry.path("rejections").get(0);
        assertThat(rejection.path("record").asText()).isEqualTo("M-4");
        assertThat(rejection.path("field").asText()).isEqualTo("valor");
        assertThat(rejection.path("reason").asText()).isEqualTo("must be a number");
        assertThat(count("select count(*) from receivable where tenant_id = ?", t)).isZero();
        assertThat(count("select count(*) from import_batch where tenant_id = ?", t)).isZero();
        assertThat(count("select count(*) from dead_letter where tenant_id = ?", t)).isZero();
        assertThat(count("select count(*) from erp_sync where tenant_id = ?", t)).as("the schedule's row only").isEqualTo(1);
        assertThat(count("select count(*) from erp_sync where tenant_id = ? and sync_cursor is not null", t)).as("no cursor saved").isZero();
        assertThat(memoryFailures()).as("stopping at the page limit is not the plugin's failure").isEqualTo(failuresBefore);
    }

    /** The health document; the overall status may be DOWN (Camel's readiness of a new tenant's file routes), 503 then. */
    private JsonNode health() {
        ResponseEntity<JsonNode> r = call(HttpMethod.GET, "/actuator/health", null);
        assertThat(r.getStatusCode().value()).isIn(200, 503);
        return r.getBody();
    }

    private long memoryFailures() {
        return health().path("components").path("plugins").path("details").path("erp-memory").path("failures").asLong();
    }

    @Test
    void aSyncAppliesEveryPageQuarantinesBadRecordsAndAReadAgainChangesNothing() {
        String t = "sync-pages";
        onboard(t, "erp-memory", Map.of("token", "good", "records", 7));
        JsonNode run = ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-memory/run", null);
        // 7 records in pages of 2: M-0..M-6, M-4 refused by the connector (valor)
        assertThat(run.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("pages").asInt()).isEqualTo(4);
        assertThat(run.path("read").asInt()).isEqualTo(7);
        assertThat(run.path("applied").asInt()).isEqualTo(6);
        assertThat(run.path("rejected").asInt()).isEqualTo(1);
        assertThat(count("select count(*) from receivable where tenant_id = ? and source_system = 'MEMORY'", t)).isEqualTo(6);
        assertThat(jdbc.queryForObject("select original_amount from receivable where tenant_id = ? and external_id = 'M-6'",
                BigDecimal.class, t)).isEqualByComparingTo("106.00");
        assertThat(jdbc.queryForObject("select sync_cursor from erp_sync where tenant_id = ?", String.class, t)).isEqualTo("7");
        assertThat(count("select count(*) from import_batch where tenant_id = ? and kind = 'ERP_API'", t)).isEqualTo(4);

        JsonNode status = ok(HttpMethod.GET, "/api/tenants/" + t + "/syncs/erp-memory", null);
        assertThat(status.path("lastOutcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(status.path("read").asInt()).isEqualTo(7);
        assertThat(status.path("applied").asInt()).isEqualTo(6);
        assertThat(status.path("rejected").asInt()).isEqualTo(1);
        assertThat(status.path("cursorAgeSeconds").isNumber()).isTrue();
        assertThat(status.path("lastStartedAt").isTextual()).isTrue();

        JsonNode letters = ok(HttpMethod.GET, "/api/tenants/" + t + "/dead-letters", null);
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.path("kind").asText()).isEqualTo("SYNC_REJECTED_RECORD");
        assertThat(letter.path("recordRef").asText()).isEqualTo("M-4");
        assertThat(letter.path("reason").asText()).isEqualTo("valor: must be a number");

        long versions = count("select count(*) from receivable_aud a join receivable r on r.id = a.id where r.tenant_id = ?", t);
        assertThat(versions).isEqualTo(6);
        // nothing newer: the next run reads nothing
        JsonNode again = ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-memory/run", null);
        assertThat(again.path("read").asInt()).isZero();

        // the replay reads again from the cursor before M-4's page: M-4 (still refused), M-5, M-6 unchanged
        JsonNode replay = ok(HttpMethod.POST, "/api/tenants/" + t + "/dead-letters/" + letter.path("id").asLong() + "/replay", null);
        assertThat(replay.path("replayedNow").asBoolean()).isTrue();
        assertThat(replay.path("outcome").asText()).isEqualTo("SUCCEEDED: 2 pages, 3 read, 0 applied, 2 unchanged, 1 rejected");
        assertThat(count("select count(*) from receivable_aud a join receivable r on r.id = a.id where r.tenant_id = ?", t))
                .as("a page read twice adds no version").isEqualTo(versions);
        assertThat(jdbc.queryForObject("select sync_cursor from erp_sync where tenant_id = ?", String.class, t))
                .as("a replay does not move the sync's cursor").isEqualTo("7");
        JsonNode twice = ok(HttpMethod.POST, "/api/tenants/" + t + "/dead-letters/" + letter.path("id").asLong() + "/replay", null);
        assertThat(twice.path("replayedNow").asBoolean()).isFalse();
        assertThat(twice.path("outcome").asText()).isEqualTo(replay.path("outcome").asText());
        // M-4 is refused again: one open letter for it, the replayed one kept
        assertThat(count("select count(*) from dead_letter where tenant_id = ? and record_ref = 'M-4' and status = 'OPEN'", t)).isEqualTo(1);
        assertThat(count("select count(*) from dead_letter where tenant_id = ? and record_ref = 'M-4' and status = 'REPLAYED'", t)).isEqualTo(1);
    }

    @Test
    void aSyncThatFailsMidwayResumesFromItsLastCheckpointWithNothingLostOrDoubled() throws Exception {
        String t = "sync-outage";
        Path flag = Files.createTempFile("erp-outage", ".flag");
        onboard(t, "erp-memory", Map.of("token", "good", "records", 7, "outageFlag", flag.toString()));
        JsonNode failed = ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-memory/run", null);
        assertThat(failed.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(failed.path("pages").asInt()).isEqualTo(1);
        assertThat(failed.path("error").asText()).isEqualTo("the ERP was unavailable past the connector's retries: HTTP 503 from the ERP after 3 attempts");
        assertThat(count("select count(*) from receivable where tenant_id = ?", t)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select sync_cursor from erp_sync where tenant_id = ?", String.class, t)).isEqualTo("2");
        JsonNode letter = ok(HttpMethod.GET, "/api/tenants/" + t + "/dead-letters?status=OPEN", null).get(0);
        assertThat(letter.path("kind").asText()).isEqualTo("SYNC_FAILED");
        JsonNode status = ok(HttpMethod.GET, "/api/tenants/" + t + "/syncs/erp-memory", null);
        assertThat(status.path("lastOutcome").asText()).isEqualTo("FAILED");
        assertThat(status.path("lastError").asText()).contains("HTTP 503");

        Files.delete(flag); // the ERP is back
        JsonNode replay = ok(HttpMethod.POST, "/api/tenants/" + t + "/dead-letters/" + letter.path("id").asLong() + "/replay", null);
        assertThat(replay.path("outcome").asText()).isEqualTo("SUCCEEDED: 3 pages, 5 read, 4 applied, 0 unchanged, 1 rejected");
        assertThat(count("select count(*) from receivable where tenant_id = ?", t)).isEqualTo(6);
        assertThat(count("select count(*) from receivable_aud a join receivable r on r.id = a.id where r.tenant_id = ?", t))
                .as("each receivable written once").isEqualTo(6);
        assertThat(jdbc.queryForObject("select sync_cursor from erp_sync where tenant_id = ?", String.class, t)).isEqualTo("7");
    }

    @Test
    void aReceivableFromTheErpPaidInFullIsWrittenBackOnceWithItsIdempotencyKey() throws Exception {
        String t = "sync-writeback";
        onboard(t, "erp-memory", Map.of("token", "good", "records", 2));
        ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-memory/run", null);
        var account = tenants.bankAccounts(t).isEmpty()
                ? tenants.addBankAccount(t, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14", "432100",
                "pay-boleto", 500L, null, null)) : tenants.bankAccounts(t).get(0);
        // the bank credits 100.00 and 101.00 on nossos números the hub never issued; a collector allocates them by hand
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).get(0).extension();
        LocalDate d = LocalDate.of(2026, 11, 19);
        byte[] ret = bank.simulateReturn(TenantService.toSdk(tenants.require(t), account), 1, d, List.of(
                new SimulatedMovement(new IssuedCharge("104", "77001", null, null, null), "S1", MovementKind.SETTLED, d,
                        new BigDecimal("100.00"), new BigDecimal("100.00"), new BigDecimal("1.25"), d, d.plusDays(1)),
                new SimulatedMovement(new IssuedCharge("104", "77002", null, null, null), "S2", MovementKind.SETTLED, d,
                        new BigDecimal("101.00"), new BigDecimal("101.00"), new BigDecimal("1.25"), d, d.plusDays(1))));
        Path retFile = Files.createTempFile("retorno-" + t, ".ret");
        Files.write(retFile, ret);
        reconciliation.processReturn(t, new SourceFile("retorno-" + t + ".ret", retFile));
        long p0 = count("select id from payment where tenant_id = ? and nosso_numero = '77001'", t);
        long p1 = count("select id from payment where tenant_id = ? and nosso_numero = '77002'", t);
        long r0 = count("select id from receivable where tenant_id = ? and external_id = 'M-0'", t);
        long r1 = count("select id from receivable where tenant_id = ? and external_id = 'M-1'", t);
        allocations.allocate(t, p0, r0, new BigDecimal("100.00"), "pagamento identificado pelo extrato", "wb-" + t + "-0");
        allocations.allocate(t, p1, r1, new BigDecimal("101.00"), "pagamento identificado pelo extrato", "wb-" + t + "-1");
        assertThat(count("select count(*) from erp_write_back where tenant_id = ? and status = 'PENDING'", t))
                .as("enqueued in the transaction that paid them").isEqualTo(2);

        try (AuditContext.Scope s = AuditContext.system("test")) {
            writeBacks.sendDue();
        }
        Map<String, Object> sent = jdbc.queryForMap("select status, erp_reference, idempotency_key, attempts from erp_write_back "
                + "where tenant_id = ? and receivable_id = ?", t, r0);
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(sent.get("erp_reference")).isEqualTo("baixa-M-0");
        assertThat((String) sent.get("idempotency_key")).startsWith("hub-wb-" + t + "-" + r0 + "-");
        Map<String, Object> refused = jdbc.queryForMap("select status, last_error from erp_write_back where tenant_id = ? and receivable_id = ?", t, r1);
        assertThat(refused.get("status")).isEqualTo("REFUSED");
        JsonNode letter = ok(HttpMethod.GET, "/api/tenants/" + t + "/dead-letters?status=OPEN", null).get(0);
        assertThat(letter.path("kind").asText()).isEqualTo("WRITE_BACK_REFUSED");
        assertThat(letter.path("reason").asText()).isEqualTo("the ERP refused the write-back: the ERP has no such título");

        // the replay sends the same key again; the ERP still refuses it
        JsonNode replay = ok(HttpMethod.POST, "/api/tenants/" + t + "/dead-letters/" + letter.path("id").asLong() + "/replay", null);
        assertThat(replay.path("outcome").asText()).startsWith("REFUSED");
        try (AuditContext.Scope s = AuditContext.system("test")) {
            writeBacks.sendDue();
        }
        assertThat(count("select count(*) from erp_write_back where tenant_id = ?", t)).as("one write-back per paid receivable").isEqualTo(2);
        JsonNode list = ok(HttpMethod.GET, "/api/tenants/" + t + "/write-backs", null);
        assertThat(list).hasSize(2);
    }

    @Test
    void pluginsThatHangOrCrashDoNotTakeTheHubDownAndHealthShowsThem() {
        String t = "sync-misbehave";
        onboard(t, "erp-hangs", Map.of("token", "good"));
        onboard(t, "erp-throws", Map.of("token", "good"));
        onboard(t, "erp-memory", Map.of("token", "good"));

        // each hanging check times out; the two hung threads fill erp-hangs' bulkhead of 2
        for (int i = 0; i < 2; i++) {
            JsonNode hung = ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-hangs/check", null);
            assertThat(hung.path("ok").asBoolean()).isFalse();
            assertThat(hung.path("message").asText()).isEqualTo("plugin erp-hangs did not answer ErpApiConnector.check within 2000 ms");
        }
        JsonNode full = ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-hangs/check", null);
        assertThat(full.path("message").asText()).startsWith("plugin erp-hangs already has 2 calls running (its bulkhead)");
        JsonNode runFull = ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-hangs/run", null);
        assertThat(runFull.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(runFull.path("error").asText()).startsWith("plugin erp-hangs already has 2 calls running");

        // a StackOverflowError in check and a NullPointerException in read end those calls only
        JsonNode crashed = ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-throws/check", null);
        assertThat(crashed.path("ok").asBoolean()).isFalse();
        assertThat(crashed.path("message").asText()).isEqualTo("plugin erp-throws failed in ErpApiConnector.check (StackOverflowError)");
        JsonNode npe = ok(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-throws/run", null);
        assertThat(npe.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(npe.path("error").asText()).isEqualTo("plugin erp-throws failed in read (NullPointerException)");

        // the hub keeps serving, other plugins too
        assertThat(ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-memory/check", null).path("ok").asBoolean()).isTrue();
        assertThat(ok(HttpMethod.GET, "/api/tenants/" + t + "/syncs", null)).hasSize(2);

        JsonNode health = health();
        assertThat(health.path("components").path("plugins").path("status").asText())
                .as("a misbehaving plugin does not make the hub unhealthy").isEqualTo("UP");
        assertThat(health.path("components").path("plugins").path("details").path("unhealthy").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode hangs = health.path("components").path("plugins").path("details").path("erp-hangs");
        assertThat(hangs.path("timeouts").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(hangs.path("bulkheadRejections").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(hangs.path("inFlight").asInt()).isEqualTo(2);
        assertThat(hangs.path("lastError").asText()).isEqualTo("java.util.concurrent.TimeoutException in ErpApiConnector.check");
        assertThat(hangs.path("health").asText()).as("every slot taken: each new call is refused").isEqualTo("SATURATED");
        JsonNode throwsPlugin = health.path("components").path("plugins").path("details").path("erp-throws");
        assertThat(throwsPlugin.path("health").asText()).isEqualTo("UNHEALTHY");
        assertThat(throwsPlugin.path("failures").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(throwsPlugin.path("lastError").asText()).isEqualTo("java.lang.NullPointerException in ErpApiConnector.read");
        assertThat(health.path("components").path("plugins").path("details").path("erp-memory").path("health").asText()).isEqualTo("HEALTHY");

        // the administrator starts the plugin again (as an upgrade or a reinstall does): a fresh bulkhead, so the stuck calls
        // of the earlier generation no longer refuse every call; they are reported as abandoned until they end
        plugins.disable("erp-hangs");
        plugins.enable("erp-hangs");
        JsonNode afterRestart = ok(HttpMethod.POST, "/api/tenants/" + t + "/plugins/erp-hangs/check", null);
        assertThat(afterRestart.path("message").asText()).as("called, not refused")
                .isEqualTo("plugin erp-hangs did not answer ErpApiConnector.check within 2000 ms");
        JsonNode restarted = health().path("components").path("plugins").path("details").path("erp-hangs");
        assertThat(restarted.path("abandoned").asInt()).isEqualTo(2);
        assertThat(restarted.path("inFlight").asInt()).isEqualTo(1);
        assertThat(restarted.path("health").asText()).isEqualTo("HEALTHY");

        ResponseEntity<JsonNode> anonymous = http.getForEntity("/actuator/health", JsonNode.class);
        assertThat(anonymous.getBody().path("status").asText()).isIn("UP", "DOWN");
        assertThat(anonymous.getBody().has("components")).as("no details without a token").isFalse();
    }

    @Test
    void aSyncsRouteStopsAndStartsWithThePluginGloballyAndForTheTenant() {
        String t = "sync-routes";
        onboard(t, "erp-memory", Map.of("token", "good", "records", 0));
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/syncs/erp-memory", Map.of("intervalMinutes", 1440, "enabled", true));
        String route = SyncRoutes.routeId(t, "erp-memory");
        assertThat(routes.isRunning(t, "erp-memory")).as(route).isTrue();

        ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-memory/enablement", Map.of("enabled", false));
        assertThat(routes.isRunning(t, "erp-memory")).as("disabled for the tenant").isFalse();
        JsonNode status = ok(HttpMethod.GET, "/api/tenants/" + t + "/syncs/erp-memory", null);
        assertThat(status.path("pluginEnabled").asBoolean()).isFalse();
        assertThat(status.path("nextRunAt").isNull()).isTrue();
        ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/api/tenants/" + t + "/syncs/erp-memory/run", null);
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().path("detail").asText()).contains("plugin erp-memory is not enabled for tenant " + t);
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/plugins/erp-memory/enablement", Map.of("enabled", true));
        assertThat(routes.isRunning(t, "erp-memory")).isTrue();

        plugins.disable("erp-memory");
        try {
            assertThat(routes.isRunning(t, "erp-memory")).as("plugin disabled for everyone").isFalse();
        } finally {
            plugins.enable("erp-memory");
        }
        assertThat(routes.isRunning(t, "erp-memory")).isTrue();
        ok(HttpMethod.PUT, "/api/tenants/" + t + "/syncs/erp-memory", Map.of("intervalMinutes", 1440, "enabled", false));
        assertThat(routes.isRunning(t, "erp-memory")).as("schedule disabled").isFalse();
        ResponseEntity<JsonNode> bad = call(HttpMethod.PUT, "/api/tenants/" + t + "/syncs/erp-memory", Map.of("intervalMinutes", 0, "enabled", true));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().path("detail").asText()).isEqualTo("intervalMinutes: required, from 1 to 10080 (a week)");
    }

    @Autowired
    SyncRoutes routes;
}
