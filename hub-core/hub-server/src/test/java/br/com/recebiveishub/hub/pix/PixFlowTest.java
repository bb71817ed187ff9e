package br.com.recebiveishub.hub.pix;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.tenant.PluginConfigs;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.pix.PixPspSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pix end to end against the PSP simulator over mTLS: issue a cob for a receivable, the PSP's
 * webhook (through a TLS front, as in production) settles it once whatever the delivery order or
 * repetition, a wrong path token changes nothing, an unknown create is resolved by the janitor, a
 * refusal is FAILED with the PSP's reason.
 */
class PixFlowTest extends HubIntegrationTest {

    private static String tenant;
    private static PixTestPsp.WebhookFront front;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantService tenants;
    @Autowired
    IngestService ingest;
    @Autowired
    PluginConfigs configs;
    @Autowired
    PixWebhooks webhooks;
    @Autowired
    PixJanitor janitor;
    @LocalServerPort
    int port;

    private PixPspSimulator psp;

    @BeforeEach
    void tenantWithPixAccount() throws Exception {
        psp = PixTestPsp.psp();
        if (tenant == null) {
            tenant = newTenantId("pix");
            tenants.create(tenant, "Cliente Pix Ltda", "11222333000181", 30, null);
            PixTestPsp.configure(tenant, configs, true);
            front = new PixTestPsp.WebhookFront(port);
        }
        // the hub's webhook at the PSP goes through the TLS front to this hub (random port)
        webhooks.register(tenant, front.url());
    }

    @AfterEach
    void simulatorWroteOnlyWhatTheSpecAllows() {
        assertThat(psp.specViolations()).isEmpty();
    }

    @AfterAll
    static void closeFront() {
        if (front != null) {
            front.close();
        }
    }

    /** Imports one receivable of Ana Souza (CPF 123.456.789-09) and returns its id. */
    private long receivable(String amount) throws Exception {
        String ext = "PX-" + System.nanoTime();
        Path csv = Files.createTempDirectory("pix").resolve(ext + ".csv");
        Files.writeString(csv, "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome\n" + ext + ";01/11/2026;20/12/2026;" + amount
                + ";12345678909;Ana Souza\n", StandardCharsets.UTF_8);
        ingest.importFile(tenant, new SourceFile(csv.getFileName().toString(), csv));
        return jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = ?", Long.class, tenant, ext);
    }

    private ResponseEntity<JsonNode> issue(String t, long receivableId) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.setBearerAuth(token(http, "it-all", "it-all-secret"));
        return http.exchange("/api/tenants/" + t + "/charges/pix", HttpMethod.POST,
                new HttpEntity<>(Map.of("receivableId", receivableId, "expiresInSeconds", 3600), h), JsonNode.class);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private String chargeStatus(long chargeId) {
        return jdbc.queryForObject("select status from charge where id = ?", String.class, chargeId);
    }

    private String receivableStatus(long id) {
        return jdbc.queryForObject("select status from receivable where id = ?", String.class, id);
    }

    /** A notification body (API Pix "pix" array) of {@code n} Pix nobody made for cob {@code txid}, endToEndIds from {@code prefix}. */
    private static String madeUpPix(String txid, String prefix, int n) {
        StringBuilder body = new StringBuilder("{\"pix\":[");
        for (int i = 0; i < n; i++) {
            String e2e = prefix + String.format("%06d", i);
            body.append(i == 0 ? "" : ",").append("{\"endToEndId\":\"").append(e2e).append("X".repeat(32 - e2e.length()))
                    .append("\",\"txid\":\"").append(txid).append("\",\"valor\":\"61.00\",\"horario\":\"2026-12-03T12:01:00.000Z\"}");
        }
        return body.append("]}").toString();
    }

    /** The path of the URL the PSP holds for the tenant (token included), read off its last webhook registration. */
    private String registeredWebhookPath() {
        return psp.webhookUrl(PixTestPsp.key(tenant)).getPath() + "/pix";
    }

    private void awaitPayment(String endToEndId) {
        org.awaitility.Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                count("select count(*) from payment where tenant_id = ? and idempotency_key = ?", tenant, "pix|" + endToEndId) > 0);
    }

    /** The URL the PSP holds for the tenant (token included), read off its last delivery to the front. */
    private URI registeredWebhook() {
        PixPspSimulator.Delivery d = psp.deliveries().get(psp.deliveries().size() - 1);
        String u = d.url().toString();
        return URI.create(u.substring(0, u.length() - "/pix".length()));
    }

    @Test
    void aCobIsIssuedAndTheWebhookSettlesItOnceWhateverTheDelivery() throws Exception {
        long rA = receivable("123,45");
        ResponseEntity<JsonNode> res = issue(tenant, rA);
        assertThat(res.getStatusCode().value()).as("%s", res.getBody()).isEqualTo(201);
        JsonNode charge = res.getBody();
        assertThat(charge.path("status").asText()).isEqualTo("PENDING");
        String txid = charge.path("txid").asText();
        assertThat(txid).matches("[a-zA-Z0-9]{26,35}");
        assertThat(charge.path("pixCode").asText()).contains("br.gov.bcb.pix");
        long chargeId = charge.path("id").asLong();

        JsonNode atPsp = psp.charge(txid);
        assertThat(atPsp).isNotNull();
        assertThat(atPsp.path("valor").path("original").asText()).isEqualTo("123.45");
        assertThat(atPsp.path("devedor").path("cpf").asText()).isEqualTo("12345678909");
        assertThat(atPsp.path("devedor").path("nome").asText()).isEqualTo("Ana Souza");
        assertThat(atPsp.path("chave").asText()).isEqualTo(PixTestPsp.key(tenant));
        assertThat(jdbc.queryForMap("select method, amount, pix_txid, pix_location, idempotency_key from charge where id = ?", chargeId))
                .containsEntry("method", "PIX").containsEntry("amount", new BigDecimal("123.45")).containsEntry("pix_txid", txid)
                .containsEntry("idempotency_key", "pix:" + tenant + ":" + rA + ":1");
        assertThat(count("select count(*) from charge_aud where id = ?", chargeId)).as("audited").isPositive();
        assertThat(count("select count(*) from plugin_data_share where tenant_id = ? and plugin_id = 'pay-pix' and purpose = 'pix charge' "
                + "and fields = 'documento,nome'", tenant)).isPositive();

        // a repeat returns the live charge: no second cob
        int cobs = psp.chargeCount();
        ResponseEntity<JsonNode> again = issue(tenant, rA);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("id").asLong()).isEqualTo(chargeId);
        assertThat(psp.chargeCount()).isEqualTo(cobs);

        // the payer pays: the PSP POSTs the webhook to the hub through the TLS front
        int before = psp.deliveries().size();
        String e2eA = psp.pay(txid, new BigDecimal("123.45"));
        assertThat(psp.deliveries()).hasSize(before + 1);
        assertThat(psp.deliveries().get(before).status()).as("%s", psp.deliveries().get(before)).isEqualTo(200);
        // kept at once, read back and settled right after by the inbox's workers
        awaitPayment(e2eA);
        assertThat(count("select count(*) from payment where tenant_id = ? and idempotency_key = ?", tenant, "pix|" + e2eA)).isEqualTo(1);
        assertThat(receivableStatus(rA)).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("select open_balance from receivable where id = ?", BigDecimal.class, rA)).isEqualByComparingTo("0");
        assertThat(chargeStatus(chargeId)).isEqualTo("PAID");
        assertThat(count("select count(*) from allocation a join payment p on p.id = a.payment_id where p.idempotency_key = ?",
                "pix|" + e2eA)).isEqualTo(1);
        long paymentId = jdbc.queryForObject("select id from payment where idempotency_key = ?", Long.class, "pix|" + e2eA);
        long rev = jdbc.queryForObject("select rev from payment_aud where id = ?", Long.class, paymentId);
        assertThat(count("select count(*) from receivable_aud where id = ? and rev = ?", rA, rev)).as("one revision").isEqualTo(1);
        assertThat(count("select count(*) from charge_aud where id = ? and rev = ?", chargeId, rev)).isEqualTo(1);

        // a second charge paid; then duplicates and out of order: still one payment each
        long rB = receivable("50,00");
        String txidB = issue(tenant, rB).getBody().path("txid").asText();
        String e2eB = psp.pay(txidB, new BigDecimal("50.00"));
        awaitPayment(e2eB);
        URI hook = registeredWebhook();
        assertThat(psp.deliver(hook, e2eB, e2eA, e2eB)).isEqualTo(200);
        assertThat(psp.deliver(hook, e2eA)).isEqualTo(200);
        // every delivery counted on the one row of its Pix, each confirmed once
        assertThat(jdbc.queryForList("select deliveries || ' ' || outcome from pix_webhook_inbox where tenant_id = ? "
                + "and end_to_end_id in (?, ?) order by end_to_end_id = ?", String.class, tenant, e2eA, e2eB, e2eB))
                .containsExactly("3 SETTLED", "3 SETTLED");
        assertThat(count("select count(*) from payment where tenant_id = ? and idempotency_key in (?, ?)", tenant,
                "pix|" + e2eA, "pix|" + e2eB)).isEqualTo(2);
        assertThat(count("select count(*) from allocation where receivable_id in (?, ?)", rA, rB)).isEqualTo(2);
        assertThat(receivableStatus(rB)).isEqualTo("PAID");
        assertThat(count("select count(*) from pix_notification where tenant_id = ?", tenant)).isGreaterThanOrEqualTo(2);
        assertThat(count("select count(*) from reconciliation_exception where tenant_id = ?", tenant)).isZero();

        // every call into pay-pix went through the plugin's lane (timeout, bulkhead, health), as ERP connector calls do
        HttpHeaders auth = new HttpHeaders();
        auth.setBearerAuth(token(http, "it-all", "it-all-secret"));
        JsonNode pix = http.exchange("/actuator/health", HttpMethod.GET, new HttpEntity<>(auth), JsonNode.class).getBody()
                .path("components").path("plugins").path("details").path("pay-pix");
        assertThat(pix.path("calls").asLong()).as("%s", pix).isGreaterThan(0);
        assertThat(pix.path("maxConcurrent").asInt()).isEqualTo(64);
        assertThat(pix.path("health").asText()).isEqualTo("HEALTHY");
    }

    @Test
    void aReceivablePaidByPixFirstHasItsBoletoCancelledAtTheBank() throws Exception {
        // a receivable the client already charges with a registered Caixa boleto (imported with the ERP export)
        String ext = "PXB-" + System.nanoTime();
        Path csv = Files.createTempDirectory("pix").resolve(ext + ".csv");
        Files.writeString(csv, "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;banco;nosso_numero\n" + ext
                + ";01/11/2026;20/12/2026;88,00;12345678909;Ana Souza;104;" + (System.nanoTime() % 1_000_000) + "\n", StandardCharsets.UTF_8);
        ingest.importFile(tenant, new SourceFile(csv.getFileName().toString(), csv));
        long r = jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = ?", Long.class, tenant, ext);
        long boleto = jdbc.queryForObject("select id from charge where receivable_id = ? and method = 'BOLETO'", Long.class, r);
        assertThat(chargeStatus(boleto)).isEqualTo("REGISTERED");

        JsonNode pix = issue(tenant, r).getBody();
        String e2e = psp.pay(pix.path("txid").asText(), new BigDecimal("88.00"));
        awaitPayment(e2e);
        assertThat(receivableStatus(r)).isEqualTo("PAID");
        assertThat(chargeStatus(boleto)).as("the boleto is asked to be cancelled at the bank").isEqualTo("CANCEL_REQUESTED");
        long paymentId = jdbc.queryForObject("select id from payment where idempotency_key = ?", Long.class, "pix|" + e2e);
        long rev = jdbc.queryForObject("select rev from payment_aud where id = ?", Long.class, paymentId);
        assertThat(count("select count(*) from charge_aud where id = ? and rev = ? and status = 'CANCEL_REQUESTED'", boleto, rev))
                .as("in the settlement's revision").isEqualTo(1);
    }

    @Test
    void aNotifiedPixThatThePspDoesNotListIsKeptButNeverSettled() throws Exception {
        long r = receivable("61,00");
        JsonNode charge = issue(tenant, r).getBody();
        long chargeId = charge.path("id").asLong();
        String txid = charge.path("txid").asText();
        webhooks.register(tenant, front.url()); // a fresh token the test reads off the PSP
        String path = registeredWebhookPath();
        // a well-formed notification with the right token, for a Pix nobody made (API Pix "pix" array: endToEndId, txid, valor, horario)
        String forged = "E00000000" + "202612031200" + "FORGED" + (System.nanoTime() % 100_000);
        forged = forged + "X".repeat(32 - forged.length());
        String body = "{\"pix\":[{\"endToEndId\":\"" + forged + "\",\"txid\":\"" + txid
                + "\",\"valor\":\"61.00\",\"horario\":\"2026-12-03T12:00:00.000Z\"}]}";
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> first = http.postForEntity(path, new HttpEntity<>(body, h), JsonNode.class);
        assertThat(first.getStatusCode().value()).as("%s", first.getBody()).isEqualTo(200);
        assertThat(first.getBody().path("accepted").asInt()).isEqualTo(1);
        ResponseEntity<JsonNode> again = http.postForEntity(path, new HttpEntity<>(body, h), JsonNode.class);
        assertThat(again.getBody().path("duplicates").asInt()).isEqualTo(1);

        // the inbox reads the cob back: the PSP does not list that Pix, so nothing is settled and the row waits with backoff
        String kept = forged;
        org.awaitility.Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select attempts from pix_webhook_inbox where tenant_id = ? and end_to_end_id = ?", tenant, kept) >= 1);
        Map<String, Object> row = jdbc.queryForMap("select deliveries, processed_at, next_attempt_at > now() as later "
                + "from pix_webhook_inbox where tenant_id = ? and end_to_end_id = ?", tenant, forged);
        assertThat(row.get("deliveries")).isEqualTo(2);
        assertThat(row.get("processed_at")).isNull();
        assertThat(row.get("later")).isEqualTo(true);
        assertThat(count("select count(*) from payment where tenant_id = ? and idempotency_key = ?", tenant, "pix|" + forged)).isZero();
        assertThat(chargeStatus(chargeId)).isEqualTo("PENDING");
        assertThat(receivableStatus(r)).isEqualTo("OPEN");

        // 300 made-up Pix for the same cob in one POST cost one read-back of that cob, not 300 (found by the fresh-user trial:
        // 20,000 of them made 7,000 reads and delayed a real payment)
        long readsBefore = psp.requestLog().stream().filter(l -> l.startsWith("GET") && l.contains("/cob/" + txid)).count();
        ResponseEntity<JsonNode> flood = http.postForEntity(path, new HttpEntity<>(madeUpPix(txid, "E00000000202612031201MANY", 300), h),
                JsonNode.class);
        assertThat(flood.getBody().path("accepted").asInt()).isEqualTo(300);
        org.awaitility.Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from pix_webhook_inbox where tenant_id = ? and txid = ? and attempts >= 1", tenant, txid) == 301);
        long reads = psp.requestLog().stream().filter(l -> l.startsWith("GET") && l.contains("/cob/" + txid)).count() - readsBefore;
        assertThat(reads).as("read-backs of the cob for 300 notifications").isBetween(1L, 3L);
        assertThat(count("select count(*) from payment where tenant_id = ? and idempotency_key like 'pix|E00000000202612031201MANY%'",
                tenant)).isZero();

        // more than a PSP sends in one POST is refused whole
        ResponseEntity<JsonNode> refused = http.postForEntity(path,
                new HttpEntity<>(madeUpPix(txid, "E00000000202612031202FLOOD", 1001), h), JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().path("detail").asText()).isEqualTo("pix: 1001 notifications in one POST, at most 1000");
        assertThat(count("select count(*) from pix_webhook_inbox where tenant_id = ? and end_to_end_id like 'E00000000202612031202FLOOD%'",
                tenant)).isZero();
    }

    @Test
    void aWebhookWithAWrongTokenIsRefusedAndChangesNothingThenTheJanitorSettles() throws Exception {
        long r = receivable("77,10");
        JsonNode charge = issue(tenant, r).getBody();
        long chargeId = charge.path("id").asLong();
        String txid = charge.path("txid").asText();
        // webhook delivery off: the PSP's webhook points nowhere
        webhooks.register(tenant, URI.create("https://127.0.0.1:9"));
        String e2e = psp.pay(txid, new BigDecimal("77.10"));
        assertThat(psp.deliveries().get(psp.deliveries().size() - 1).status()).isEqualTo(-1);
        long payments = count("select count(*) from payment where tenant_id = ?", tenant);

        URI forged = URI.create(front.url() + "/webhooks/pix/" + tenant + "/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(psp.deliver(forged, e2e)).isEqualTo(401);
        assertThat(http.postForEntity("/webhooks/pix/" + tenant + "/short/pix", "{\"pix\":[]}", String.class).getStatusCode().value())
                .isEqualTo(401);
        assertThat(count("select count(*) from payment where tenant_id = ?", tenant)).isEqualTo(payments);
        assertThat(chargeStatus(chargeId)).isEqualTo("PENDING");
        assertThat(receivableStatus(r)).isEqualTo("OPEN");

        // polling, not the body, settles it
        List<PixChargeService.CheckResult> checked = janitor.runOnce(Instant.now().plus(Duration.ofDays(1)));
        assertThat(checked).anySatisfy(c -> {
            assertThat(c.chargeId()).isEqualTo(chargeId);
            assertThat(c.statusAfter()).isEqualTo("PAID");
        });
        assertThat(count("select count(*) from payment where tenant_id = ? and idempotency_key = ?", tenant, "pix|" + e2e)).isEqualTo(1);
        assertThat(receivableStatus(r)).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("select source from pix_notification where tenant_id = ? and end_to_end_id = ?", String.class,
                tenant, e2e)).isEqualTo("POLL");
    }

    @Test
    void aCreateThatTimesOutIsUnknownThenTheJanitorFindsTheCobAndLaterSettlesIt() throws Exception {
        long r = receivable("42,00");
        psp.delayResponses(1, Duration.ofSeconds(24)); // processed by the PSP, answered after the client's 20 s
        JsonNode charge = issue(tenant, r).getBody();
        long chargeId = charge.path("id").asLong();
        assertThat(charge.path("status").asText()).isEqualTo("UNKNOWN");
        String txid = charge.path("txid").asText();
        assertThat(psp.charge(txid)).as("the PSP did create it").isNotNull();

        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofDays(1)))).anySatisfy(c -> {
            assertThat(c.chargeId()).isEqualTo(chargeId);
            assertThat(c.statusAfter()).isEqualTo("PENDING");
        });
        assertThat(jdbc.queryForObject("select pix_code from charge where id = ?", String.class, chargeId)).contains("br.gov.bcb.pix");
        // still PENDING: the next check is scheduled with backoff (base 30 s, doubling per check, capped at an hour)
        Map<String, Object> schedule = jdbc.queryForMap("select check_attempts, next_check_at from charge where id = ?", chargeId);
        assertThat(((Number) schedule.get("check_attempts")).intValue()).isEqualTo(1);
        Instant next = ((java.sql.Timestamp) schedule.get("next_check_at")).toInstant();
        assertThat(next).isAfter(Instant.now().plusSeconds(20)).isBefore(Instant.now().plus(Duration.ofHours(1)).plusSeconds(5));

        webhooks.register(tenant, URI.create("https://127.0.0.1:9")); // webhook delivery off
        String e2e = psp.pay(txid, new BigDecimal("42.00"));
        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofDays(1)))).anySatisfy(c -> {
            assertThat(c.chargeId()).isEqualTo(chargeId);
            assertThat(c.statusAfter()).isEqualTo("PAID");
            assertThat(c.settled()).isEqualTo(1);
        });
        assertThat(count("select count(*) from payment where tenant_id = ? and idempotency_key = ?", tenant, "pix|" + e2e)).isEqualTo(1);
        assertThat(receivableStatus(r)).isEqualTo("PAID");
        assertThat(psp.chargeCount()).isPositive();
    }

    @Test
    void aCreateThatFailedWithA5xxIsNotCreatedAndARetryUsesTheSameKey() throws Exception {
        long r = receivable("15,00");
        psp.failNext(1, 503); // not processed
        JsonNode charge = issue(tenant, r).getBody();
        long chargeId = charge.path("id").asLong();
        assertThat(charge.path("status").asText()).isEqualTo("UNKNOWN");
        String txid = charge.path("txid").asText();
        assertThat(psp.charge(txid)).isNull();

        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofDays(1)))).anySatisfy(c -> {
            assertThat(c.chargeId()).isEqualTo(chargeId);
            assertThat(c.statusAfter()).isEqualTo("FAILED");
        });
        assertThat(jdbc.queryForObject("select failure_reason from charge where id = ?", String.class, chargeId)).startsWith("NOT_CREATED");

        JsonNode retried = issue(tenant, r).getBody();
        assertThat(retried.path("id").asLong()).isEqualTo(chargeId);
        assertThat(retried.path("status").asText()).isEqualTo("PENDING");
        assertThat(retried.path("txid").asText()).isEqualTo(txid);
        assertThat(psp.charge(txid)).isNotNull();
    }

    @Test
    void settingsThePluginCannotUseFailTheChargeWith409AndSendNothing() throws Exception {
        String other = newTenantId("pixk");
        tenants.create(other, "Cliente Sem Certificado Ltda", "11222333000181", 30, null);
        Map<String, Object> settings = new java.util.HashMap<>(PixTestPsp.settings(other));
        settings.put("keystore", "/nao/existe/cliente.p12");
        configs.put(other, "pay-pix", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(settings));
        String saved = tenant;
        try {
            tenant = other;
            long r = receivable("33,00");
            int cobs = psp.chargeCount();
            ResponseEntity<JsonNode> res = issue(other, r);
            assertThat(res.getStatusCode().value()).isEqualTo(409);
            assertThat(res.getBody().path("detail").asText()).contains("not sent").contains("keystore").doesNotContain("/nao/existe");
            assertThat(jdbc.queryForMap("select status, failure_reason from charge where receivable_id = ? and method = 'PIX'", r))
                    .containsEntry("status", "FAILED").extractingByKey("failure_reason").asString().startsWith("NaoEnviado");
            assertThat(psp.chargeCount()).as("nothing reached the PSP").isEqualTo(cobs);
        } finally {
            tenant = saved;
        }
    }

    @Test
    void aRefusedCreateIsFailedWithThePspsReasonAndNoTenantSettingsIs409() throws Exception {
        String other = newTenantId("pixr");
        tenants.create(other, "Cliente Recusado Ltda", "11222333000181", 30, null);
        ResponseEntity<JsonNode> none = issue(other, 1L);
        assertThat(none.getStatusCode().value()).isEqualTo(409);
        assertThat(none.getBody().path("detail").asText()).contains("no Pix account");

        PixTestPsp.configure(other, configs, false); // the PSP does not know this key as the receiver's
        String saved = tenant;
        try {
            tenant = other;
            long r = receivable("10,00");
            ResponseEntity<JsonNode> res = issue(other, r);
            assertThat(res.getStatusCode().value()).isEqualTo(201);
            assertThat(res.getBody().path("status").asText()).isEqualTo("FAILED");
            assertThat(res.getBody().path("failureReason").asText()).startsWith("CobOperacaoInvalida (400)");
            assertThat(jdbc.queryForObject("select next_check_at is null from charge where id = ?", Boolean.class,
                    res.getBody().path("id").asLong())).isTrue();
        } finally {
            tenant = saved;
        }
    }
}
