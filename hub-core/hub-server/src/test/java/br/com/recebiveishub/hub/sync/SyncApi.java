package br.com.recebiveishub.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The onboarding API as an implementation team calls it in the ERP sync tests: bearer token,
 * JSON bodies, and the steps every connector shares (create tenant, enable, configure).
 */
final class SyncApi {

    private final TestRestTemplate http;
    private final String token;

    SyncApi(TestRestTemplate http, String token) {
        this.http = http;
        this.token = token;
    }

    ResponseEntity<JsonNode> call(HttpMethod method, String path, Object body) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(token);
        h.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, h), JsonNode.class);
    }

    /** The call's body, asserting a 2xx answer. */
    JsonNode ok(HttpMethod method, String path, Object body) {
        ResponseEntity<JsonNode> r = call(method, path, body);
        assertThat(r.getStatusCode().is2xxSuccessful()).as("%s %s: %s %s", method, path, r.getStatusCode(), r.getBody()).isTrue();
        return r.getBody();
    }

    /** Creates the tenant through the API unless it exists, enables {@code plugin} for it and saves its settings. */
    void onboard(String tenant, String plugin, Map<String, Object> settings) {
        if (call(HttpMethod.GET, "/api/tenants/" + tenant, null).getStatusCode().value() == 404) {
            ok(HttpMethod.POST, "/api/tenants", Map.of("id", tenant, "name", "Cliente " + tenant + " Ltda", "documento", "11222333000181"));
        }
        ok(HttpMethod.PUT, "/api/tenants/" + tenant + "/plugins/" + plugin + "/enablement", Map.of("enabled", true));
        ok(HttpMethod.PUT, "/api/tenants/" + tenant + "/plugins/" + plugin + "/config", settings);
    }

    /** The tenant's open dead letter of {@code kind}. */
    JsonNode openLetter(String tenant, String kind) {
        for (JsonNode l : ok(HttpMethod.GET, "/api/tenants/" + tenant + "/dead-letters?status=OPEN", null)) {
            if (l.path("kind").asText().equals(kind)) {
                return l;
            }
        }
        throw new AssertionError("no open dead letter of kind " + kind + " for tenant " + tenant);
    }
}
