package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.charge.ChargeRepository;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.receivable.CustomerRepository;
import br.com.recebiveishub.hub.receivable.ReceivableRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two tenants; members of one try to read and write the other's data through every endpoint, and
 * queries that forget the tenant filter run against the database as the application role.
 */
class TenantIsolationTest extends HubIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.context.ApplicationContext hub;
    @Autowired
    IngestService ingest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReceivableRepository receivables;
    @Autowired
    CustomerRepository customers;
    @Autowired
    ChargeRepository chargeRepository;

    SecurityFixture.Ids a;
    SecurityFixture.Ids b;

    @BeforeEach
    void twoTenants() {
        a = SecurityFixture.ensure("sec-a", hub);
        b = SecurityFixture.ensure("sec-b", hub);
    }

    @Test
    void membersOfOneTenantGetForbiddenOnEveryEndpointOfTheOther() {
        String collectorB = token(http, "b-coll", "b-coll-secret");
        String implementerB = token(http, "b-impl", "b-impl-secret");
        String viewerB = token(http, "b-view", "b-view-secret");
        for (AuthorizationMatrix.Endpoint e : AuthorizationMatrix.endpoints()) {
            if (!e.template().startsWith(AuthorizationMatrix.T)) {
                continue;
            }
            String path = e.path().apply(a);
            for (String token : List.of(collectorB, implementerB, viewerB)) {
                int code = http.exchange(path, e.method(), AuthorizationMatrix.withToken(e.body().apply(a), token), String.class)
                        .getStatusCode().value();
                assertThat(code).as("%s %s by a member of sec-b", e.method(), path).isEqualTo(403);
            }
        }
    }

    @Test
    void anotherTenantsIdsThroughOnesOwnTenantPathAreNotFound() {
        String collectorB = token(http, "b-coll", "b-coll-secret");
        for (String path : List.of("/receivables/" + a.get("receivable"), "/charges/" + a.get("charge"), "/customers/" + a.get("customer"),
                "/imports/" + a.get("import"), "/remessas/" + a.get("remessa") + "/file",
                "/charges/" + a.get("issuedCharge") + "/boleto.pdf", "/charges/" + a.get("issuedCharge") + "/pix-qr.png",
                "/statements/" + a.get("statementImport"))) {
            int code = http.exchange("/api/tenants/sec-b" + path, HttpMethod.GET, AuthorizationMatrix.withToken(HttpEntity.EMPTY, collectorB),
                    String.class).getStatusCode().value();
            assertThat(code).as(path).isIn(403, 404);
        }
        JsonNode list = http.exchange("/api/tenants", HttpMethod.GET, AuthorizationMatrix.withToken(HttpEntity.EMPTY, collectorB),
                JsonNode.class).getBody();
        assertThat(list.findValuesAsText("id")).containsExactly("sec-b");
        JsonNode payments = http.exchange("/api/tenants/sec-b/payments", HttpMethod.GET,
                AuthorizationMatrix.withToken(HttpEntity.EMPTY, collectorB), JsonNode.class).getBody();
        assertThat(payments.findValuesAsText("sourceFile")).isNotEmpty().allSatisfy(f -> assertThat(f).contains("sec-b"));
    }

    @Test
    void sensitiveWritesWithAnotherTenantsIdsFindNothingAndChangeNothing() {
        String collectorB = token(http, "b-coll", "b-coll-secret");
        String implementerB = token(http, "b-impl", "b-impl-secret");
        long versionsBefore = jdbc.queryForObject("select count(*) from receivable_aud where tenant_id = 'sec-a'", Long.class);
        long allocationsBefore = jdbc.queryForObject("select count(*) from allocation where tenant_id = 'sec-a'", Long.class);
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.set("Idempotency-Key", "isolation-" + System.nanoTime());
        // a's payment onto b's receivable, and b's payment onto a's receivable, through b's own path
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of("paymentId", a.get("unmatchedPayment"), "receivableId", b.get("receivable5"), "amount", "0.01",
                        "reason", "tentativa de outro cliente"),
                Map.<String, Object>of("paymentId", b.get("unmatchedPayment"), "receivableId", a.get("receivable5"), "amount", "0.01",
                        "reason", "tentativa de outro cliente"))) {
            int code = http.exchange("/api/tenants/sec-b/allocations", HttpMethod.POST,
                    AuthorizationMatrix.withToken(new HttpEntity<>(body, h), collectorB), String.class).getStatusCode().value();
            assertThat(code).as("%s", body).isEqualTo(404);
        }
        int patch = http.exchange("/api/tenants/sec-b/receivables/" + a.get("receivable5"), HttpMethod.PATCH,
                AuthorizationMatrix.withToken(new HttpEntity<>(Map.of("reason", "tentativa de outro cliente", "documentNumber", "X"), h),
                        implementerB), String.class).getStatusCode().value();
        assertThat(patch).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from receivable_aud where tenant_id = 'sec-a'", Long.class)).isEqualTo(versionsBefore);
        assertThat(jdbc.queryForObject("select count(*) from allocation where tenant_id = 'sec-a'", Long.class)).isEqualTo(allocationsBefore);
    }

    @Test
    void queriesThatForgetTheTenantFilterSeeNoForeignRow() {
        try (AuditContext.Scope s = AuditContext.open("test", "sec-b", "isolation test", "test")) {
            assertThat(receivables.findAll()).isNotEmpty().allSatisfy(r -> assertThat(r.getTenantId()).isEqualTo("sec-b"));
            assertThat(customers.findAll()).isNotEmpty().allSatisfy(c -> assertThat(c.getTenantId()).isEqualTo("sec-b"));
            assertThat(chargeRepository.findAll()).isNotEmpty().allSatisfy(c -> assertThat(c.getTenantId()).isEqualTo("sec-b"));
            for (String table : List.of("receivable", "customer", "charge", "payment", "allocation", "import_batch", "import_rejection",
                    "remessa", "return_movement", "reconciliation_exception", "receivable_aud", "customer_aud", "charge_aud",
                    "payment_aud", "hub_revision", "bank_account", "statement_entry", "statement_candidate")) {
                assertThat(jdbc.queryForList("select distinct tenant_id from " + table, String.class)).as(table)
                        .doesNotContain("sec-a");
            }
            assertThat(jdbc.queryForList("select id from tenant", String.class)).containsExactly("sec-b");
            // writes aimed at the other tenant change nothing or are refused
            assertThat(jdbc.update("update receivable set open_balance = 0 where tenant_id = 'sec-a'")).isZero();
            assertThat(jdbc.update("delete from payment where tenant_id = 'sec-a'")).isZero();
            assertThatThrownBy(() -> jdbc.update("insert into customer (tenant_id, documento, tipo, nome) values ('sec-a', '52998224725', 'CPF', 'X')"))
                    .rootCause().hasMessageContaining("row-level security");
        }
        // a thread with no scope at all sees nobody's rows
        try (AuditContext.Scope none = AuditContext.open("test", null, null, List.of(), null, "test", null, null, null)) {
            assertThat(jdbc.queryForObject("select count(*) from receivable", Integer.class)).isZero();
            assertThat(receivables.count()).isZero();
        }
    }
}
