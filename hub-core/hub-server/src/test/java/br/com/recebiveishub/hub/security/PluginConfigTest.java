package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.tenant.PluginConfigs;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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
 * A tenant's plugin settings: validated against the plugin's own schema (pay-pix's PSP account),
 * secrets encrypted at rest and never returned, kept when an update omits them, bound to their row.
 */
class PluginConfigTest extends HubIntegrationTest {

    private static final String T = "sec-w";
    private static final String SECRET = "segredo-do-psp-123";

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.context.ApplicationContext hub;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PluginConfigs configs;

    private ResponseEntity<JsonNode> put(Object body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.setBearerAuth(token(http, "it-all", "it-all-secret"));
        return http.exchange("/api/tenants/" + T + "/plugins/pay-pix/config", HttpMethod.PUT, new HttpEntity<>(body, h), JsonNode.class);
    }

    private ResponseEntity<String> get(String path) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(token(http, "it-all", "it-all-secret"));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), String.class);
    }

    private static Map<String, Object> account() {
        Map<String, Object> m = new HashMap<>(AuthorizationMatrix.PIX_SETTINGS);
        m.put("clientSecret", SECRET);
        m.put("keystorePassword", "senha-do-p12");
        return m;
    }

    @Test
    void settingsAreValidatedSecretsNeverLeaveAndSurviveAnUpdateThatOmitsThem() throws Exception {
        SecurityFixture.ensure(T, hub);
        assertThat(get("/api/plugins/pay-pix/config-schema").getBody()).contains("\"merchantName\"").contains("\"writeOnly\":true");

        Map<String, Object> bad = account();
        bad.put("merchantName", "NOME COMPRIDO DEMAIS PARA O BR CODE");
        bad.put("apiBaseUrl", "http://sem-tls.example.com");
        bad.remove("clientId");
        bad.put("clientSecret", 42);
        ResponseEntity<JsonNode> refused = put(bad);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        String detail = refused.getBody().path("detail").asText();
        assertThat(detail).contains("merchantName").contains("apiBaseUrl").contains("clientId")
                .contains("clientSecret: invalid (secret field: value not shown)").doesNotContain("42");
        assertThat(jdbc.queryForObject("select count(*) from plugin_config where tenant_id = ? and plugin_id = 'pay-pix'", Long.class, T))
                .as("nothing saved").isZero();

        ResponseEntity<JsonNode> saved = put(account());
        assertThat(saved.getStatusCode().value()).as("%s", saved.getBody()).isEqualTo(200);
        assertThat(saved.getBody().path("secretsSet")).extracting(JsonNode::asText).containsExactly("clientSecret", "keystorePassword");
        assertThat(saved.getBody().path("settings").path("clientId").asText()).isEqualTo("hub-client");
        long rev = saved.getBody().path("revision").asLong();
        assertThat(rev).isPositive();

        String shown = get("/api/tenants/" + T + "/plugins/pay-pix/config").getBody();
        assertThat(shown).contains("hub-client").doesNotContain(SECRET).doesNotContain("senha-do-p12");
        Map<String, Object> row = jdbc.queryForMap("select settings, secrets, secrets_key_id from plugin_config where tenant_id = ? "
                + "and plugin_id = 'pay-pix'", T);
        assertThat((String) row.get("settings")).doesNotContain(SECRET).doesNotContain("clientSecret");
        assertThat(new String((byte[]) row.get("secrets"), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(jdbc.queryForObject("select count(*) from plugin_config_aud where rev = ? and settings not like ?", Long.class, rev,
                "%" + SECRET + "%")).isEqualTo(1);
        assertThat(configs.resolve(T, "pay-pix").path("clientSecret").asText()).isEqualTo(SECRET);

        // an update without the secrets keeps them; the same body again changes nothing
        Map<String, Object> noSecrets = account();
        noSecrets.remove("clientSecret");
        noSecrets.remove("keystorePassword");
        noSecrets.put("merchantCity", "CAMPINAS");
        ResponseEntity<JsonNode> updated = put(noSecrets);
        assertThat(updated.getStatusCode().value()).isEqualTo(200);
        assertThat(configs.resolve(T, "pay-pix").path("clientSecret").asText()).isEqualTo(SECRET);
        assertThat(configs.resolve(T, "pay-pix").path("merchantCity").asText()).isEqualTo("CAMPINAS");
        assertThat(put(noSecrets).getBody().path("revision").isNull()).isTrue();

        // moving the PSP's address while keeping the stored secrets is refused: the secrets would go to the new address
        Map<String, Object> moved = new HashMap<>(noSecrets);
        moved.put("tokenUrl", "https://coletor.example.com/oauth/token");
        ResponseEntity<JsonNode> stolen = put(moved);
        assertThat(stolen.getStatusCode().value()).isEqualTo(400);
        assertThat(stolen.getBody().path("detail").asText()).contains("tokenUrl changed", "clientSecret", "keystorePassword",
                "must be given again").doesNotContain(SECRET);
        assertThat(configs.resolve(T, "pay-pix").path("tokenUrl").asText()).isEqualTo(AuthorizationMatrix.PIX_SETTINGS.get("tokenUrl"));
        Map<String, Object> movedWithSecrets = new HashMap<>(moved);
        movedWithSecrets.put("clientSecret", SECRET);
        movedWithSecrets.put("keystorePassword", "senha-do-p12");
        assertThat(put(movedWithSecrets).getStatusCode().value()).as("given again, the move is the team's decision").isEqualTo(200);
        assertThat(put(account()).getStatusCode().value()).isEqualTo(200);

        // a ciphertext copied onto another tenant's row does not decrypt there
        SecurityFixture.ensure("sec-x", hub);
        jdbc.update("insert into plugin_config (tenant_id, plugin_id, settings, secret_fields, secrets, secrets_key_id, schema_sha256) "
                + "select 'sec-x', plugin_id, settings, secret_fields, secrets, secrets_key_id, schema_sha256 from plugin_config "
                + "where tenant_id = ? and plugin_id = 'pay-pix'", T);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> configs.resolve("sec-x", "pay-pix"))
                    .hasMessageContaining("does not decrypt");
        } finally {
            jdbc.update("delete from plugin_config where tenant_id = 'sec-x' and plugin_id = 'pay-pix'");
        }
        assertThat(get("/api/plugins/nao-existe/config-schema").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aSecretThePeerRotatedIsKeptEncryptedAndTheOtherSettingsStay() throws Exception {
        String t = "sec-x";
        SecurityFixture.ensure(t, hub);
        try (br.com.recebiveishub.hub.audit.AuditContext.Scope s = br.com.recebiveishub.hub.audit.AuditContext.system("test")) {
            configs.put(t, "pay-pix", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(account()));
            long id = jdbc.queryForObject("select id from plugin_config where tenant_id = ? and plugin_id = 'pay-pix'", Long.class, t);
            long revisions = jdbc.queryForObject("select count(*) from plugin_config_aud where id = ?", Long.class, id);

            configs.keepRotated(t, "pay-pix", "clientSecret", "segredo-que-o-psp-trocou");

            assertThat(configs.resolve(t, "pay-pix").path("clientSecret").asText()).isEqualTo("segredo-que-o-psp-trocou");
            assertThat(configs.resolve(t, "pay-pix").path("keystorePassword").asText()).isEqualTo("senha-do-p12");
            assertThat(configs.resolve(t, "pay-pix").path("clientId").asText()).isEqualTo("hub-client");
            assertThat(new String(jdbc.queryForObject("select secrets from plugin_config where id = ?", byte[].class, id),
                    StandardCharsets.ISO_8859_1)).doesNotContain("segredo-que-o-psp-trocou");
            assertThat(jdbc.queryForObject("select count(*) from plugin_config_aud where id = ?", Long.class, id)).isEqualTo(revisions + 1);
            assertThat(jdbc.queryForObject("select count(*) from plugin_config_aud where id = ? and settings like ?", Long.class, id,
                    "%segredo-que-o-psp-trocou%")).isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> configs.keepRotated(t, "pay-pix", "naoExiste", "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("naoExiste: not a stored setting");
        } finally {
            jdbc.update("delete from plugin_config where tenant_id = ? and plugin_id = 'pay-pix'", t);
        }
    }
}
