package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.IngestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every endpoint x every role with tokens of the local issuer: 401 without a token, 403 for a wrong role, 2xx for a right one. */
class SecurityMatrixTest extends HubIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.context.ApplicationContext hub;
    @Autowired
    IngestService ingest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyEndpointAnswersEveryRoleAsTheMatrixSays() {
        SecurityFixture.Ids ids = SecurityFixture.ensure("sec-a", hub);
        Map<String, String> tokens = Map.of(
                AuthorizationMatrix.ADM, token(http, "m-admin", "m-admin-secret"),
                AuthorizationMatrix.IMP, token(http, "m-impl", "m-impl-secret"),
                AuthorizationMatrix.COL, token(http, "m-coll", "m-coll-secret"),
                AuthorizationMatrix.SUP, token(http, "m-sup", "m-sup-secret"),
                AuthorizationMatrix.AUD, token(http, "m-aud", "m-aud-secret"),
                AuthorizationMatrix.VIE, token(http, "m-view", "m-view-secret"));
        AuthorizationMatrix.walk(http, ids, tokens);
    }

    @Test
    void theMatrixCoversEveryEndpointTheApiPublishes() {
        JsonNode doc = http.getForObject("/v3/api-docs", JsonNode.class);
        List<String> published = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            p.getValue().fieldNames().forEachRemaining(m -> published.add(m.toUpperCase() + " " + p.getKey()));
        }
        List<String> covered = AuthorizationMatrix.endpoints().stream().map(e -> e.method().name() + " " + e.template()).toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(published);
    }
}
