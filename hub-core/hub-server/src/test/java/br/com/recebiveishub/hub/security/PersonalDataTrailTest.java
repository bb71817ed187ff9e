package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.IngestService;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/** The LGPD trail: who read which debtor's personal data and why; which plugin received which fields of whom. */
class PersonalDataTrailTest extends HubIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.context.ApplicationContext hub;
    @Autowired
    IngestService ingest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void readingADebtorIsLoggedWithWhoWhereAndWhy() {
        SecurityFixture.Ids a = SecurityFixture.ensure("sec-a", hub);
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(token(http, "m-coll", "m-coll-secret"));
        h.set("X-Purpose", "negotiation call");
        h.set("User-Agent", "trail-test/1.0");
        var res = http.exchange("/api/tenants/sec-a/customers/" + a.get("customer"), HttpMethod.GET, new HttpEntity<>(h), String.class);
        assertThat(res.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> row = jdbc.queryForMap(
                "select * from access_log where tenant_id = 'sec-a' and subject_id = ? order by id desc limit 1", String.valueOf(a.get("customer")));
        assertThat(row).containsEntry("actor", "m-coll").containsEntry("subject_type", "CUSTOMER")
                .containsEntry("purpose", "negotiation call").containsEntry("user_agent", "trail-test/1.0")
                .containsEntry("endpoint", "GET /api/tenants/{tenantId}/customers/{id}");
        assertThat((String) row.get("client_address")).isEqualTo("127.0.0.1");
    }

    @Test
    void handingPayersToTheBoletoPluginIsLoggedPerDebtor() {
        SecurityFixture.ensure("sec-a", hub);
        // (payer documents printed by other tests of sec-a add rows of purpose "payer document")
        assertThat(jdbc.queryForList("select distinct plugin_id || ':' || fields || ':' || purpose from plugin_data_share where tenant_id = 'sec-a' "
                + "and purpose = 'boleto issue'", String.class)).containsExactly("pay-boleto:documento,email,endereco,nome,telefone:boleto issue");
        assertThat(jdbc.queryForObject("select count(distinct subject_id) from plugin_data_share where tenant_id = 'sec-a'", Integer.class))
                .isGreaterThanOrEqualTo(1);
    }
}
