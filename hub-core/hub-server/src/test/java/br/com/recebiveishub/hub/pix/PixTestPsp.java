package br.com.recebiveishub.hub.pix;

import br.com.recebiveishub.hub.tenant.PluginConfigs;
import br.com.recebiveishub.testkit.pix.PixPspSimulator;
import br.com.recebiveishub.testkit.pix.TestPki;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * One PSP simulator (hub-testkit: HTTPS + mTLS, OAuth2, OpenAPI-validated) per test JVM, and each
 * test tenant's pay-pix settings pointing at it, with a Pix key of its own (webhooks are per key at
 * the PSP, so tenants never receive each other's notifications).
 */
public final class PixTestPsp {

    public static final String CLIENT_ID = "hub-it";
    private static final String SECRET = "segredo-do-simulador";
    private static PixPspSimulator psp;
    private static Path dir;
    private static Path keystore;

    private PixTestPsp() {
    }

    public static synchronized PixPspSimulator psp() {
        if (psp == null) {
            try {
                dir = Files.createTempDirectory("pix-psp");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            psp = PixPspSimulator.start(dir);
            keystore = psp.registerClient(CLIENT_ID, SECRET);
        }
        return psp;
    }

    /** @return the tenant's Pix key (a random key, EVP: not personal data) */
    public static String key(String tenantId) {
        return UUID.nameUUIDFromBytes(("pix-key:" + tenantId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The tenant's PSP account at the simulator, as the implementation team would PUT it. */
    public static Map<String, Object> settings(String tenantId) {
        PixPspSimulator p = psp();
        Map<String, Object> m = new HashMap<>();
        m.put("apiBaseUrl", p.apiBaseUrl().toString());
        m.put("tokenUrl", p.tokenUrl().toString());
        m.put("clientId", CLIENT_ID);
        m.put("clientSecret", SECRET);
        m.put("keystore", keystore.toString());
        m.put("keystorePassword", new String(TestPki.PASSWORD));
        m.put("truststore", p.truststore().toString());
        m.put("truststorePassword", new String(TestPki.PASSWORD));
        m.put("pixKey", key(tenantId));
        m.put("merchantName", "CLIENTE TESTE LTDA");
        m.put("merchantCity", "SAO PAULO");
        return m;
    }

    /**
     * Saves the tenant's pay-pix settings (unchanged settings make no revision).
     *
     * @param keyAtPsp whether the PSP knows the key as the receiver's (false: it refuses the tenant's charges)
     */
    public static void configure(String tenantId, PluginConfigs configs, boolean keyAtPsp) {
        if (keyAtPsp) {
            psp().addReceiverKey(key(tenantId));
        }
        configs.put(tenantId, PixAccounts.PLUGIN_ID, new ObjectMapper().valueToTree(settings(tenantId)));
    }

    /**
     * The hub's TLS front for tests: HTTPS requiring the PSP's client certificate (as a production
     * ingress does), forwarding each POST to the hub's plain HTTP port and answering its status.
     */
    public static final class WebhookFront implements AutoCloseable {
        private final HttpsServer server;
        private final HttpClient http = HttpClient.newHttpClient();

        public WebhookFront(int hubPort) {
            PixPspSimulator p = psp();
            SSLContext ssl = TestPki.sslContext(p.pki().server("hub-front"), p.truststore());
            try {
                server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters sp = ssl.getDefaultSSLParameters();
                    sp.setNeedClientAuth(true);
                    params.setSSLParameters(sp);
                }
            });
            server.createContext("/", ex -> {
                try {
                    byte[] body = ex.getRequestBody().readAllBytes();
                    HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + hubPort + ex.getRequestURI().getRawPath()))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    ex.sendResponseHeaders(res.statusCode(), res.body().length == 0 ? -1 : res.body().length);
                    if (res.body().length > 0) {
                        ex.getResponseBody().write(res.body());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ex.sendResponseHeaders(502, -1);
                } finally {
                    ex.close();
                }
            });
            server.start();
        }

        /** @return the hub's public base URL as the PSP sees it */
        public URI url() {
            return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
