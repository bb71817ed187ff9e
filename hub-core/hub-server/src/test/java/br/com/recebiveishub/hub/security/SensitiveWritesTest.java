package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.sdk.model.SourceFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
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
 * Writes people make by hand on money (cancellation, write-off, correction, manual allocation):
 * each needs a reason, which the revision records; each refuses what would lose or double money;
 * a repeated request changes nothing.
 */
class SensitiveWritesTest extends HubIntegrationTest {

    private static final String T = "sec-w";

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.context.ApplicationContext hub;
    @Autowired
    IngestService ingest;
    @Autowired
    JdbcTemplate jdbc;

    SecurityFixture.Ids ids;

    @BeforeEach
    void tenant() {
        ids = SecurityFixture.ensure(T, hub);
    }

    /** Imports one receivable of its own for a test (no boleto charges it) and returns its id. */
    private long receivable(String external, String amount) throws Exception {
        Path csv = Files.createTempDirectory("sw").resolve(external + ".csv");
        Files.writeString(csv, "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome\n" + external + ";01/11/2026;20/12/2026;" + amount
                + ";12345678909;Ana Souza\n", StandardCharsets.UTF_8);
        ingest.importFile(T, new SourceFile(csv.getFileName().toString(), csv));
        return jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = ?", Long.class, T, external);
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body, String user, String idempotencyKey) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.setBearerAuth(token(http, user, user + "-secret"));
        if (idempotencyKey != null) {
            h.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange("/api/tenants/" + T + path, method, new HttpEntity<>(body, h), JsonNode.class);
    }

    private long revisions(long receivableId) {
        return jdbc.queryForObject("select count(*) from receivable_aud where id = ?", Long.class, receivableId);
    }

    @Test
    void cancellationNeedsAReasonRecordsItAndIsIdempotent() throws Exception {
        long id = receivable("SW-CANCEL", "30,00");
        ResponseEntity<JsonNode> none = call(HttpMethod.POST, "/receivables/" + id + "/cancellation", Map.of(), "w-sup", null);
        assertThat(none.getStatusCode().value()).isEqualTo(400);
        assertThat(none.getBody().path("detail").asText()).startsWith("reason: required for a cancellation");
        ResponseEntity<JsonNode> vague = call(HttpMethod.POST, "/receivables/" + id + "/cancellation", Map.of("reason", " ok "), "w-sup", null);
        assertThat(vague.getStatusCode().value()).isEqualTo(400);
        assertThat(vague.getBody().path("detail").asText()).startsWith("reason: too short");
        assertThat(revisions(id)).as("refused requests write no version").isEqualTo(1);

        ResponseEntity<JsonNode> done = call(HttpMethod.POST, "/receivables/" + id + "/cancellation",
                Map.of("reason", "NF cancelada na SEFAZ"), "w-sup", null);
        assertThat(done.getStatusCode().value()).isEqualTo(200);
        assertThat(done.getBody().path("changed").asBoolean()).isTrue();
        assertThat(done.getBody().path("receivable").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(done.getBody().path("receivable").path("openBalance").decimalValue()).isZero();
        long rev = done.getBody().path("revision").asLong();
        Map<String, Object> revision = jdbc.queryForMap("select actor_username, reason, source, tenant_id from hub_revision where id = ?", rev);
        assertThat(revision).containsEntry("actor_username", "w-sup").containsEntry("reason", "cancellation: NF cancelada na SEFAZ")
                .containsEntry("source", "api").containsEntry("tenant_id", T);
        assertThat(jdbc.queryForObject("select status from receivable_aud where id = ? and rev = ?", String.class, id, rev))
                .isEqualTo("CANCELLED");

        ResponseEntity<JsonNode> again = call(HttpMethod.POST, "/receivables/" + id + "/cancellation",
                Map.of("reason", "NF cancelada na SEFAZ"), "w-sup", null);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("changed").asBoolean()).isFalse();
        assertThat(revisions(id)).isEqualTo(2);
        // closed: neither a write-off nor a correction applies any more
        assertThat(call(HttpMethod.POST, "/receivables/" + id + "/write-off", Map.of("reason", "perda reconhecida"), "w-sup", null)
                .getStatusCode().value()).isEqualTo(409);
        assertThat(call(HttpMethod.PATCH, "/receivables/" + id, Map.of("reason", "valor corrigido", "originalAmount", "31.00"), "w-sup",
                null).getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void badBodiesAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
        long id = receivable("SW-BAD", "40,00");
        long payment = jdbc.queryForObject("select id from payment where tenant_id = ? and nosso_numero = '88888'", Long.class, T);
        long versions = revisions(id);
        Map<String, ResponseEntity<JsonNode>> answers = new java.util.LinkedHashMap<>();
        answers.put("reason too long", call(HttpMethod.POST, "/receivables/" + id + "/write-off", Map.of("reason", "x".repeat(600)),
                "w-sup", null));
        answers.put("decimal id", call(HttpMethod.POST, "/allocations", Map.of("paymentId", 49.7, "receivableId", id, "amount", 1,
                "reason", "depósito identificado"), "w-coll", "sw-bad-1"));
        answers.put("missing id", call(HttpMethod.POST, "/allocations", Map.of("receivableId", id, "amount", 1,
                "reason", "depósito identificado"), "w-coll", "sw-bad-2"));
        answers.put("huge amount", call(HttpMethod.POST, "/allocations", Map.of("paymentId", payment, "receivableId", id,
                "amount", new BigDecimal("1e3000000"), "reason", "depósito identificado"), "w-coll", "sw-bad-3"));
        answers.put("date as a number", call(HttpMethod.PATCH, "/receivables/" + id, Map.of("reason", "prorrogação", "dueDate", 20270101),
                "w-sup", null));
        answers.put("no such date", call(HttpMethod.PATCH, "/receivables/" + id, Map.of("reason", "prorrogação", "dueDate", "2027-02-30"),
                "w-sup", null));
        answers.put("due before issue", call(HttpMethod.PATCH, "/receivables/" + id, Map.of("reason", "prorrogação", "dueDate", "2020-01-01"),
                "w-sup", null));
        answers.put("year 0", call(HttpMethod.PATCH, "/receivables/" + id, Map.of("reason", "prorrogação", "dueDate", "0000-01-01"),
                "w-sup", null));
        assertThat(answers).allSatisfy((what, res) -> assertThat(res.getStatusCode().value()).as(what + ": " + res.getBody()).isEqualTo(400));
        assertThat(answers.get("reason too long").getBody().path("detail").asText()).startsWith("reason: longer than 450");
        assertThat(answers.get("decimal id").getBody().path("detail").asText()).startsWith("paymentId: invalid value");
        assertThat(answers.get("missing id").getBody().path("detail").asText()).isEqualTo("paymentId: required");
        assertThat(answers.get("huge amount").getBody().path("detail").asText()).startsWith("amount: must be positive")
                .hasSizeLessThan(200);
        assertThat(answers.get("date as a number").getBody().path("detail").asText()).startsWith("dueDate: invalid value (a date");
        assertThat(answers.get("no such date").getBody().path("detail").asText()).startsWith("dueDate: invalid value");
        assertThat(answers.get("due before issue").getBody().path("detail").asText()).startsWith("dueDate: before the issue date 2026-11-01");
        assertThat(revisions(id)).as("nothing written").isEqualTo(versions);
        assertThat(jdbc.queryForObject("select open_balance from receivable where id = ?", BigDecimal.class, id)).isEqualByComparingTo("40.00");
    }

    @Test
    void aReceivableUnderALiveBoletoCannotBeCancelledOrChangedInValue() {
        // sec-w-2 carries the boleto the fixture issued (REGISTRATION_PENDING)
        long id = jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = ?", Long.class, T, T + "-2");
        ResponseEntity<JsonNode> cancel = call(HttpMethod.POST, "/receivables/" + id + "/cancellation",
                Map.of("reason", "cliente desistiu da compra"), "w-sup", null);
        assertThat(cancel.getStatusCode().value()).isEqualTo(409);
        assertThat(cancel.getBody().path("detail").asText()).contains("has a live boleto").contains("baixa");
        ResponseEntity<JsonNode> due = call(HttpMethod.PATCH, "/receivables/" + id,
                Map.of("reason", "prorrogação acordada", "dueDate", "2027-01-20"), "w-sup", null);
        assertThat(due.getStatusCode().value()).isEqualTo(409);
        // the document number is not on the boleto: it can be corrected
        ResponseEntity<JsonNode> doc = call(HttpMethod.PATCH, "/receivables/" + id,
                Map.of("reason", "número da NF digitado errado", "documentNumber", "NF-000123"), "w-sup", null);
        assertThat(doc.getStatusCode().value()).isEqualTo(200);
        assertThat(doc.getBody().path("receivable").path("documentNumber").asText()).isEqualTo("NF-000123");
        assertThat(doc.getBody().path("receivable").path("dueDate").asText()).isEqualTo("2026-12-20");
    }

    @Test
    void manualAllocationAppliesMoneyOnceResolvesTheExceptionAndAWriteOffTakesTheRest() throws Exception {
        long id = receivable("SW-ALLOC", "25,00");
        // the fixture's unmatched 10.00 payment: the matrix walk may already have allocated 0.01 of it elsewhere
        long payment = jdbc.queryForObject("select id from payment where tenant_id = ? and nosso_numero = '88888'", Long.class, T);
        BigDecimal free = jdbc.queryForObject("select p.amount - coalesce((select sum(a.amount) from allocation a where a.payment_id = p.id), 0) "
                + "from payment p where p.id = ?", BigDecimal.class, payment);
        Map<String, Object> body = Map.of("paymentId", payment, "receivableId", id, "amount", "6.00",
                "reason", "depósito identificado pelo cliente por e-mail");

        assertThat(call(HttpMethod.POST, "/allocations", body, "w-coll", null).getStatusCode().value())
                .as("no idempotency key").isEqualTo(400);
        ResponseEntity<JsonNode> tooMuch = call(HttpMethod.POST, "/allocations",
                Map.of("paymentId", payment, "receivableId", id, "amount", free.add(new BigDecimal("0.01")).toPlainString(),
                        "reason", "depósito identificado"), "w-coll", "sw-too-much");
        assertThat(tooMuch.getStatusCode().value()).isEqualTo(409);
        assertThat(tooMuch.getBody().path("detail").asText()).contains("not yet allocated");

        ResponseEntity<JsonNode> first = call(HttpMethod.POST, "/allocations", body, "w-coll", "sw-alloc-1");
        assertThat(first.getStatusCode().value()).as("%s", first.getBody()).isEqualTo(200);
        assertThat(first.getBody().path("changed").asBoolean()).isTrue();
        assertThat(first.getBody().path("receivableOpenBalance").decimalValue()).isEqualByComparingTo("19.00");
        assertThat(first.getBody().path("receivableStatus").asText()).isEqualTo("PARTIALLY_PAID");
        assertThat(first.getBody().path("paymentUnallocated").decimalValue()).isEqualByComparingTo(free.subtract(new BigDecimal("6.00")));
        assertThat(jdbc.queryForObject("select reason from hub_revision where id = ?", String.class, first.getBody().path("revision").asLong()))
                .isEqualTo("manual allocation: depósito identificado pelo cliente por e-mail");
        // money of the payment is still unallocated: its exception stays in the queue
        assertThat(first.getBody().path("resolvedExceptions")).isEmpty();
        assertThat(jdbc.queryForObject("select status from reconciliation_exception where tenant_id = ? and payment_id = ?", String.class,
                T, payment)).isEqualTo("OPEN");

        // a retry (same key) applies nothing; the same key for another amount is refused
        ResponseEntity<JsonNode> retry = call(HttpMethod.POST, "/allocations", body, "w-coll", "sw-alloc-1");
        assertThat(retry.getStatusCode().value()).isEqualTo(200);
        assertThat(retry.getBody().path("changed").asBoolean()).isFalse();
        assertThat(retry.getBody().path("allocationId").asLong()).isEqualTo(first.getBody().path("allocationId").asLong());
        assertThat(jdbc.queryForObject("select count(*) from allocation where receivable_id = ?", Long.class, id)).isEqualTo(1);
        ResponseEntity<JsonNode> reused = call(HttpMethod.POST, "/allocations",
                Map.of("paymentId", payment, "receivableId", id, "amount", "1.00", "reason", "outro depósito"), "w-coll", "sw-alloc-1");
        assertThat(reused.getStatusCode().value()).isEqualTo(409);

        // the rest of the payment: now allocated in full, its exception is resolved naming the allocation
        BigDecimal rest = free.subtract(new BigDecimal("6.00"));
        ResponseEntity<JsonNode> second = call(HttpMethod.POST, "/allocations", Map.of("paymentId", payment, "receivableId", id,
                "amount", rest.toPlainString(), "reason", "restante do mesmo depósito"), "w-coll", "sw-alloc-2");
        assertThat(second.getBody().path("paymentUnallocated").decimalValue()).isZero();
        assertThat(second.getBody().path("resolvedExceptions")).hasSize(1);
        Map<String, Object> exception = jdbc.queryForMap("select status, resolved_by, resolution from reconciliation_exception "
                + "where tenant_id = ? and payment_id = ?", T, payment);
        assertThat(exception.get("status")).isEqualTo("RESOLVED");
        assertThat(exception.get("resolved_by")).isEqualTo("w-coll");
        assertThat((String) exception.get("resolution")).contains("to receivable " + id).contains("restante do mesmo depósito");

        // a correction below what was paid is refused; the write-off takes what is still open
        ResponseEntity<JsonNode> below = call(HttpMethod.PATCH, "/receivables/" + id,
                Map.of("reason", "desconto concedido", "originalAmount", "5.00"), "w-sup", null);
        assertThat(below.getStatusCode().value()).isEqualTo(409);
        assertThat(below.getBody().path("detail").asText()).contains("already allocated");
        ResponseEntity<JsonNode> corrected = call(HttpMethod.PATCH, "/receivables/" + id,
                Map.of("reason", "desconto concedido", "originalAmount", "20.00"), "w-sup", null);
        BigDecimal stillOpen = new BigDecimal("20.00").subtract(free);
        assertThat(corrected.getBody().path("receivable").path("openBalance").decimalValue()).isEqualByComparingTo(stillOpen);
        ResponseEntity<JsonNode> writeOff = call(HttpMethod.POST, "/receivables/" + id + "/write-off",
                Map.of("reason", "devedor em recuperação judicial"), "w-sup", null);
        assertThat(writeOff.getStatusCode().value()).isEqualTo(200);
        assertThat(writeOff.getBody().path("receivable").path("status").asText()).isEqualTo("WRITTEN_OFF");
        assertThat(writeOff.getBody().path("receivable").path("writtenOffAmount").decimalValue()).isEqualByComparingTo(stillOpen);
        assertThat(writeOff.getBody().path("receivable").path("openBalance").decimalValue()).isZero();
        // a collector may allocate but not write off
        assertThat(call(HttpMethod.POST, "/receivables/" + id + "/write-off", Map.of("reason", "perda reconhecida"), "w-coll", null)
                .getStatusCode().value()).isEqualTo(403);

        // the auditor reads each step with its reason in the receivable's history
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(token(http, "w-aud", "w-aud-secret"));
        JsonNode history = http.exchange("/api/tenants/" + T + "/audit/receivables/" + id + "/history", HttpMethod.GET,
                new HttpEntity<>(h), JsonNode.class).getBody();
        assertThat(history).hasSize(5);
        assertThat(history.get(1).path("reason").asText()).isEqualTo("manual allocation: depósito identificado pelo cliente por e-mail");
        assertThat(history.get(2).path("reason").asText()).isEqualTo("manual allocation: restante do mesmo depósito");
        assertThat(history.get(3).path("reason").asText()).isEqualTo("data correction: desconto concedido");
        assertThat(history.get(4).path("reason").asText()).isEqualTo("write-off: devedor em recuperação judicial");
        assertThat(history.get(4).path("status").asText()).isEqualTo("WRITTEN_OFF");
    }
}
