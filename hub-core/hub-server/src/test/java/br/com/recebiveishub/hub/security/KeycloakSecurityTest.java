package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubApplication;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.testkit.keycloak.DevUser;
import br.com.recebiveishub.testkit.keycloak.KeycloakServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub trusting a real Keycloak (started from the distribution on Maven Central, realm of
 * config/keycloak): the authorization matrix and tenant isolation with tokens obtained by the
 * password and client-credentials grants. The same code path as the local issuer; only the
 * JwtDecoder differs.
 */
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.data-dir=target/it-hub-keycloak",
        "hub.plugins-dir=target/it-hub-keycloak-plugins",
        "hub.inbox.poll-millis=200",
        "hub.inbox.unchanged-millis=300",
        // the Pix webhook registration of the matrix: the PSP simulator only stores the URL
        "hub.public-url=https://127.0.0.1:9",
        "hub.pix.janitor.interval=PT1H"
})
class KeycloakSecurityTest {

    static {
        br.com.recebiveishub.hub.HubIntegrationTest.deleteTree(Path.of("target/it-hub-keycloak"));
        br.com.recebiveishub.hub.HubIntegrationTest.deleteTree(Path.of("target/it-hub-keycloak-plugins"));
        br.com.recebiveishub.hub.HubIntegrationTest.copyBundledPlugins(Path.of("target/it-hub-keycloak-plugins"));
    }

    @DynamicPropertySource
    static void trustKeycloak(DynamicPropertyRegistry registry) {
        registry.add("hub.security.issuer-uri", () -> KeycloakServer.shared().issuer());
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.context.ApplicationContext hub;
    @Autowired
    IngestService ingest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theMatrixHoldsWithKeycloakTokens() {
        KeycloakServer kc = KeycloakServer.shared();
        SecurityFixture.Ids a = SecurityFixture.ensure("tenant-a", hub);
        SecurityFixture.Ids b = SecurityFixture.ensure("tenant-b", hub);
        Map<String, String> tokens = Map.of(
                AuthorizationMatrix.ADM, kc.cachedPasswordToken(DevUser.ADMIN1),
                AuthorizationMatrix.IMP, kc.cachedPasswordToken(DevUser.IMPL1),
                AuthorizationMatrix.COL, kc.cachedPasswordToken(DevUser.COLL1),
                AuthorizationMatrix.SUP, kc.cachedPasswordToken(DevUser.SUP1),
                AuthorizationMatrix.AUD, kc.cachedPasswordToken(DevUser.AUD1),
                AuthorizationMatrix.VIE, kc.cachedPasswordToken(DevUser.VIEWER1));
        // viewer1 belongs to tenant-b; everyone else to tenant-a (or, for hub-admin, to all by role)
        AuthorizationMatrix.walk(http, Map.of(AuthorizationMatrix.ADM, a, AuthorizationMatrix.IMP, a, AuthorizationMatrix.COL, a,
                AuthorizationMatrix.SUP, a, AuthorizationMatrix.AUD, a, AuthorizationMatrix.VIE, b), tokens);
    }

    @Test
    void aKeycloakUserOfOneTenantCannotReachTheOthers() {
        KeycloakServer kc = KeycloakServer.shared();
        SecurityFixture.Ids a = SecurityFixture.ensure("tenant-a", hub);
        String coll2 = kc.cachedPasswordToken(DevUser.COLL2); // tenant-b
        for (AuthorizationMatrix.Endpoint e : AuthorizationMatrix.endpoints()) {
            if (e.template().startsWith(AuthorizationMatrix.T)) {
                int code = http.exchange(e.path().apply(a), e.method(), AuthorizationMatrix.withToken(e.body().apply(a), coll2), String.class)
                        .getStatusCode().value();
                assertThat(code).as("%s %s", e.method(), e.path().apply(a)).isEqualTo(403);
            }
        }
    }

    @Test
    void theMachineClientGetsInWithClientCredentials() {
        String machine = KeycloakServer.shared().clientCredentialsToken(KeycloakServer.MACHINE_CLIENT_ID, KeycloakServer.MACHINE_CLIENT_SECRET);
        int code = http.exchange("/api/tenants/tenant-a/imports", HttpMethod.GET, AuthorizationMatrix.withToken(HttpEntity.EMPTY, machine),
                String.class).getStatusCode().value();
        assertThat(code).isEqualTo(200);
    }
}
