package br.com.recebiveishub.hub.refund;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.card.CardTestGateway;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.pix.PixJanitor;
import br.com.recebiveishub.hub.pix.PixTestPsp;
import br.com.recebiveishub.hub.pix.PixWebhooks;
import br.com.recebiveishub.hub.tenant.PluginConfigs;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.card.MercadoPagoSimulator;
import br.com.recebiveishub.testkit.pix.PixPspSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
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
 * Refunds of a paid card charge (Mercado Pago simulator) and of a paid Pix (devolução at the PSP
 * simulator): the allocation is reversed with the refund's reason in the audit trail and the
 * receivable owes again; the same Idempotency-Key never refunds twice; an unknown outcome is
 * repeated with the same key; more than what is left is refused.
 */
class RefundFlowTest extends HubIntegrationTest {

    private static String tenant;

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
    PixWebhooks pixWebhooks;
    @Autowired
    PixJanitor pixJanitor;

    @BeforeEach
    void tenantWithGatewayAndPsp() {
        if (tenant == null) {
            tenant = newTenantId("refund");
            tenants.create(tenant, "Cliente Devolucao Ltda", "11222333000181", 30, null);
            CardTestGateway.configure(tenant, configs);
            PixTestPsp.configure(tenant, configs, true);
            pixWebhooks.register(tenant, URI.create("https://127.0.0.1:9")); // no delivery: the janitor settles
        }
    }

    private long receivable(String amount) throws Exception {
        String ext = "RF-" + System.nanoTime();
        Path csv = Files.createTempDirectory("refund").resolve(ext + ".csv");
        Files.writeString(csv, "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome\n" + ext + ";01/11/2026;20/12/2026;" + amount
                + ";12345678909;Ana Souza\n", StandardCharsets.UTF_8);
        ingest.importFile(tenant, new SourceFile(csv.getFileName().toString(), csv));
        return jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = ?", Long.class, tenant, ext);
    }

    private HttpHeaders headers(String user, String key) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.setBearerAuth(token(http, user, user + "-secret"));
        if (key != null) {
            h.set("Idempotency-Key", key);
        }
        return h;
    }

    private ResponseEntity<JsonNode> refund(long chargeId, String key, String amount, String reason) {
        Map<String, Object> body = new HashMap<>();
        if (amount != null) {
            body.put("amount", amount);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return http.exchange("/api/tenants/" + tenant + "/charges/" + chargeId + "/refunds", HttpMethod.POST,
                new HttpEntity<>(body, headers("it-all", key)), JsonNode.class);
    }

    private Map<String, Object> receivableRow(long id) {
        return jdbc.queryForMap("select status, open_balance from receivable where id = ?", id);
    }

    @Test
    void aCardRefundReversesTheAllocationWithItsReasonOnceAndAnUnknownOneIsRepeated() throws Exception {
        MercadoPagoSimulator gateway = CardTestGateway.gateway();
        long r = receivable("150,00");
        JsonNode paid = http.exchange("/api/tenants/" + tenant + "/charges/card", HttpMethod.POST, new HttpEntity<>(Map.of("receivableId", r,
                "cardToken", gateway.cardToken("APRO"), "paymentMethodId", "visa"), headers("it-all", UUID.randomUUID().toString())),
                JsonNode.class).getBody();
        assertThat(paid.path("status").asText()).isEqualTo("PAID");
        long chargeId = paid.path("id").asLong();
        String paymentId = paid.path("paymentId").asText();
        long refundsBefore = gateway.refundsCreated();

        // part of it: 50.00 back to the payer, 50.00 owed again
        String key = UUID.randomUUID().toString();
        ResponseEntity<JsonNode> res = refund(chargeId, key, "50.00", "cliente desistiu de parte do pedido");
        assertThat(res.getStatusCode().value()).as("%s", res.getBody()).isEqualTo(201);
        assertThat(res.getBody().path("status").asText()).isEqualTo("DONE");
        assertThat(res.getBody().path("reversed").asBoolean()).isTrue();
        assertThat(gateway.requestLog()).contains("POST /v1/payments/" + paymentId + "/refunds");
        assertThat(gateway.lastBody().path("amount").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(receivableRow(r)).containsEntry("status", "PARTIALLY_PAID").containsEntry("open_balance", new BigDecimal("50.00"));
        assertThat(jdbc.queryForObject("select sum(amount) from allocation where receivable_id = ?", BigDecimal.class, r))
                .isEqualByComparingTo("100.00");
        assertThat(jdbc.queryForObject("""
                select h.reason from receivable_aud a join hub_revision h on h.id = a.rev
                 where a.id = ? order by a.rev desc limit 1""", String.class, r)).isEqualTo("refund: cliente desistiu de parte do pedido");

        // the same key again: the same refund, nothing sent
        ResponseEntity<JsonNode> again = refund(chargeId, key, "50.00", "cliente desistiu de parte do pedido");
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("id").asLong()).isEqualTo(res.getBody().path("id").asLong());
        assertThat(gateway.refundsCreated()).isEqualTo(refundsBefore + 1);
        assertThat(receivableRow(r)).containsEntry("open_balance", new BigDecimal("50.00"));
        // the same key for another amount is another request: refused, not answered with the first refund
        ResponseEntity<JsonNode> otherAmount = refund(chargeId, key, "30.00", "cliente desistiu de parte do pedido");
        assertThat(otherAmount.getStatusCode().value()).isEqualTo(409);
        assertThat(otherAmount.getBody().path("detail").asText()).contains("already used for refund", "of 50.00", "needs a new key");
        assertThat(gateway.refundsCreated()).isEqualTo(refundsBefore + 1);

        // the rest, while the gateway fails (5xx through the plugin's retries): unknown, nothing reversed
        String rest = UUID.randomUUID().toString();
        gateway.failNext(503, 3, 0);
        JsonNode unknown = refund(chargeId, rest, null, "pedido cancelado pelo cliente").getBody();
        assertThat(unknown.path("status").asText()).isEqualTo("UNKNOWN");
        assertThat(unknown.path("reversed").asBoolean()).isFalse();
        assertThat(receivableRow(r)).containsEntry("open_balance", new BigDecimal("50.00"));
        // repeated with the same key: done once, everything owed again
        ResponseEntity<JsonNode> repeated = refund(chargeId, rest, null, "pedido cancelado pelo cliente");
        assertThat(repeated.getStatusCode().value()).isEqualTo(200);
        assertThat(repeated.getBody().path("status").asText()).isEqualTo("DONE");
        assertThat(repeated.getBody().path("amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(gateway.refundsCreated()).isEqualTo(refundsBefore + 2);
        assertThat(receivableRow(r)).containsEntry("status", "OPEN").containsEntry("open_balance", new BigDecimal("150.00"));
        assertThat(jdbc.queryForObject("select count(*) from allocation where receivable_id = ?", Long.class, r)).isZero();

        // nothing left: refused, nothing sent
        ResponseEntity<JsonNode> more = refund(chargeId, UUID.randomUUID().toString(), "1.00", "mais uma devolucao");
        assertThat(more.getStatusCode().value()).isEqualTo(409);
        assertThat(more.getBody().path("detail").asText()).contains("already refunded in full");
        // a reason is required, and a key
        assertThat(refund(chargeId, UUID.randomUUID().toString(), "1.00", null).getBody().path("detail").asText()).startsWith("reason:");
        assertThat(refund(chargeId, null, "1.00", "sem chave de idempotencia").getBody().path("detail").asText())
                .startsWith("Idempotency-Key:");
        assertThat(gateway.refundsCreated()).isEqualTo(refundsBefore + 2);
    }

    @Test
    void aPixDevolucaoIsAskedAtThePspAndTheReceivableOwesAgain() throws Exception {
        PixPspSimulator psp = PixTestPsp.psp();
        long r = receivable("77,00");
        JsonNode cob = http.exchange("/api/tenants/" + tenant + "/charges/pix", HttpMethod.POST, new HttpEntity<>(Map.of("receivableId", r),
                headers("it-all", null)), JsonNode.class).getBody();
        long chargeId = cob.path("id").asLong();
        String e2e = psp.pay(cob.path("txid").asText(), new BigDecimal("77.00"));
        pixJanitor.runOnce(Instant.now().plus(Duration.ofDays(1)));
        assertThat(receivableRow(r)).containsEntry("status", "PAID");

        JsonNode refund = refund(chargeId, UUID.randomUUID().toString(), null, "cobranca em duplicidade, devolver ao pagador").getBody();
        // API Pix answers a new devolução EM_PROCESSAMENTO: asked, accepted, reversed in the model
        assertThat(refund.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(refund.path("amount").decimalValue()).isEqualByComparingTo("77.00");
        assertThat(refund.path("providerRefundId").asText()).isNotBlank();
        assertThat(psp.requestLog()).anyMatch(l -> l.startsWith("PUT /api/v2/pix/" + e2e + "/devolucao/RH" + refund.path("id").asLong()));
        assertThat(receivableRow(r)).containsEntry("status", "OPEN").containsEntry("open_balance", new BigDecimal("77.00"));
        assertThat(psp.specViolations()).isEmpty();
    }
}
