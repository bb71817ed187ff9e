package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.IngestService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/** The auditor's reading of a tenant's history: a receivable's versions with who and why, and the revisions as CSV. */
class AuditTrailApiTest extends HubIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.context.ApplicationContext hub;
    @Autowired
    IngestService ingest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPaidReceivableShowsItsCreationAndTheSettlementThatChangedIt() {
        SecurityFixture.ensure("sec-a", hub);
        // sec-a-1 carries the registered boleto 9001 that the fixture's return settles
        long paid = jdbc.queryForObject("select id from receivable where tenant_id = 'sec-a' and external_id = 'sec-a-1'", Long.class);
        String auditor = token(http, "m-aud", "m-aud-secret");
        JsonNode history = http.exchange("/api/tenants/sec-a/audit/receivables/" + paid + "/history", HttpMethod.GET,
                AuthorizationMatrix.withToken(HttpEntity.EMPTY, auditor), JsonNode.class).getBody();
        assertThat(history).as("%s", history).hasSize(2);
        assertThat(history.get(0).path("change").asText()).isEqualTo("CREATED");
        assertThat(history.get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(history.get(0).path("source").asText()).isEqualTo("plugin:erp-file");
        assertThat(history.get(0).path("closedByRev").asLong()).isEqualTo(history.get(1).path("rev").asLong());
        assertThat(history.get(1).path("change").asText()).isEqualTo("CHANGED");
        assertThat(history.get(1).path("status").asText()).isEqualTo("PAID");
        assertThat(history.get(1).path("openBalance").decimalValue()).isZero();
        assertThat(history.get(1).path("source").asText()).isEqualTo("plugin:pay-boleto");
        assertThat(history.get(1).path("reason").asText()).startsWith("reconciliation of ");
    }

    @Test
    void revisionsExportAsCsvWithoutRunnableFormulas() {
        SecurityFixture.ensure("sec-a", hub);
        String auditor = token(http, "m-aud", "m-aud-secret");
        String csv = http.exchange("/api/tenants/sec-a/audit/revisions?format=csv", HttpMethod.GET,
                AuthorizationMatrix.withToken(HttpEntity.EMPTY, auditor), String.class).getBody();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("id;at;actor;username;reason;source;correlation_id;client_address;user_agent");
        assertThat(csv).contains("\"plugin:erp-file\"").contains("\"plugin:pay-boleto\"");
        long revisions = jdbc.queryForObject("select count(*) from hub_revision where tenant_id = 'sec-a'", Long.class);
        assertThat(lines).hasSize((int) revisions + 1);
        assertThat(br.com.recebiveishub.hub.audit.AuditTrailControllerCells.cell("=HYPERLINK(\"x\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
