package br.com.recebiveishub.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import br.com.recebiveishub.hub.audit.AuditContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the tests that run the whole hub: the real embedded PostgreSQL, Flyway, the bundled
 * plugin zips from target/plugins and the Camel inbox routes. One Spring context (and one
 * database) serves every subclass; each test works in its own tenant, so tests never see each
 * other's data. The data directory is wiped once per test JVM so every build starts clean.
 *
 * <p>Each test runs in a system audit scope that sees every tenant (as a hub-wide job would), so
 * tests can call services and check the database directly; the security tests drop it to show
 * what a caller without a scope, or with another tenant's scope, can see.
 */
@ActiveProfiles("it")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.data-dir=target/it-hub",
        "hub.plugins-dir=target/it-hub-plugins",
        "hub.inbox.poll-millis=200",
        "hub.inbox.unchanged-millis=300"
})
public abstract class HubIntegrationTest {

    static {
        // A plugins directory of the hub's own: the plugin lifecycle API writes into it, the build's stays as built.
        Path plugins = Path.of("target/it-hub-plugins");
        deleteTree(Path.of("target/it-hub"));
        deleteTree(plugins);
        copyBundledPlugins(plugins);
    }

    /** Deletes a test hub's directory left by an earlier run, if any. */
    public static void deleteTree(Path dir) {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Copies the build's plugin zips (target/plugins) into {@code dir}, a plugins directory a test hub may change. */
    public static void copyBundledPlugins(Path dir) {
        try (Stream<Path> zips = Files.list(Path.of("target/plugins"))) {
            Files.createDirectories(dir);
            for (Path zip : zips.filter(z -> z.toString().endsWith(".zip")).toList()) {
                Files.copy(zip, dir.resolve(zip.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the build's plugin zips (target/plugins) are needed: mvn package first", e);
        }
    }

    private AuditContext.Scope testScope;

    @BeforeEach
    void openTestScope() {
        testScope = AuditContext.system("test");
    }

    @AfterEach
    void closeTestScope() {
        testScope.close();
    }

    /**
     * @return an access token of a local test user (see application-it.yml), obtained from the
     *         hub's own issuer with the client-credentials grant as any client would
     */
    protected static String token(org.springframework.boot.test.web.client.TestRestTemplate http, String user, String password) {
        org.springframework.http.HttpHeaders h = new org.springframework.http.HttpHeaders();
        h.setBasicAuth(user, password);
        h.setContentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED);
        // a client of its own: the shared TestRestTemplate may carry another test's interceptors
        org.springframework.boot.test.web.client.TestRestTemplate client = new org.springframework.boot.test.web.client.TestRestTemplate();
        client.setUriTemplateHandler(http.getRestTemplate().getUriTemplateHandler());
        var res = client.postForEntity("/oauth2/token", new org.springframework.http.HttpEntity<>("grant_type=client_credentials", h),
                java.util.Map.class);
        if (!res.getStatusCode().is2xxSuccessful() || res.getBody() == null) {
            throw new IllegalStateException("no token for " + user + ": " + res.getStatusCode());
        }
        return (String) res.getBody().get("access_token");
    }

    /**
     * Makes every call of {@code http} carry a bearer token of the user (the shared
     * TestRestTemplate keeps it until {@link #signOut} is called).
     */
    protected static void signIn(org.springframework.boot.test.web.client.TestRestTemplate http, String user, String password) {
        signOut(http);
        String bearer = token(http, user, password);
        http.getRestTemplate().getInterceptors().add(new Bearer(bearer));
    }

    /** Removes the token {@link #signIn} installed. */
    protected static void signOut(org.springframework.boot.test.web.client.TestRestTemplate http) {
        http.getRestTemplate().getInterceptors().removeIf(i -> i instanceof Bearer);
    }

    private record Bearer(String token) implements org.springframework.http.client.ClientHttpRequestInterceptor {
        @Override
        public org.springframework.http.client.ClientHttpResponse intercept(org.springframework.http.HttpRequest request, byte[] body,
                org.springframework.http.client.ClientHttpRequestExecution execution) throws java.io.IOException {
            if (!request.getHeaders().containsKey(org.springframework.http.HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().setBearerAuth(token);
            }
            return execution.execute(request, body);
        }
    }

    /** @return a tenant id no other test uses */
    protected static String newTenantId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
