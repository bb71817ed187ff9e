package br.com.recebiveishub.testkit.keycloak;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Keycloak for tests: one server per JVM, started lazily from the unpacked
 * {@code keycloak-quarkus-dist} whose directory the build passes in the system property
 * {@value #HOME_PROPERTY} (hub-server's pom unpacks it under {@code target/keycloak}).
 *
 * <p>The server runs {@code bin/kc.sh start-dev} with the in-memory dev database (so the realm is
 * imported afresh on every start), on a free loopback port, imports
 * {@code config/keycloak/recebiveis-hub-realm.json}, and pins its hostname to
 * {@code http://127.0.0.1:<port>} so the issuer is exactly {@link #issuer()} ({@code localhost}
 * would be a different issuer). Its output goes to a log file beside the distribution. A shutdown
 * hook ends the whole process tree ({@code kc.sh} and the Java process it launches) when the JVM
 * exits.
 *
 * <p>When the distribution is not there (a test run from an IDE without the Maven build), a test
 * calling {@link #shared()} is skipped with a notice; with {@code CI=true} it fails instead, so a
 * green CI always means Keycloak ran.
 */
public final class KeycloakServer {

    /** System property (or environment variable {@code HUB_KEYCLOAK_HOME}): the unpacked distribution. */
    public static final String HOME_PROPERTY = "hub.keycloak.home";
    /** System property: the realm file to import; found by walking up from the working directory if absent. */
    public static final String REALM_FILE_PROPERTY = "hub.keycloak.realm";
    /** System property: seconds to wait for the realm to be served (default 300: a first start on a busy 2-core machine took 160 s). */
    public static final String START_TIMEOUT_PROPERTY = "hub.keycloak.start-timeout";
    /**
     * System property: extra JVM options for Keycloak (default {@value #DEFAULT_JAVA_OPTS}: C1 only
     * roughly halves the start on 2 cores, 45 s instead of 80 s, for password grants of about 0.5 s
     * instead of 0.3 s).
     */
    public static final String JAVA_OPTS_PROPERTY = "hub.keycloak.java-opts";
    public static final String DEFAULT_JAVA_OPTS = "-XX:TieredStopAtLevel=1";

    public static final String REALM = "recebiveis-hub";
    public static final String REALM_FILE = "config/keycloak/recebiveis-hub-realm.json";
    /** The audience every hub token carries. */
    public static final String AUDIENCE = "hub-api";

    /** Confidential client with the password grant, present for tests only (production realms drop it). */
    public static final String TEST_CLIENT_ID = "hub-tests";
    public static final String TEST_CLIENT_SECRET = "hub-tests-dev-secret";
    /** Confidential client for machine-to-machine calls (client credentials only). */
    public static final String MACHINE_CLIENT_ID = "hub-machine";
    public static final String MACHINE_CLIENT_SECRET = "hub-machine-dev-secret";
    /** hub-machine's service account: realm role and tenants, as set in the realm file. */
    public static final String MACHINE_ROLE = "implementer";
    public static final List<String> MACHINE_TENANTS = List.of("tenant-a");

    /** Keycloak's bootstrap administrator of the master realm (local testing only). */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin-dev-password";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Tokens handed out again while they have more than this many seconds left. */
    private static final long CACHE_MIN_SECONDS_LEFT = 60;

    private static KeycloakServer shared;
    private static RuntimeException sharedFailure;

    private final Path home;
    private final Path logFile;
    private final int port;
    private final HttpClient http;
    private Process process;
    private long startMillis;
    private String issuer;
    private String jwksUri;
    private String tokenEndpoint;
    private final Map<DevUser, String> tokenCache = new EnumMap<>(DevUser.class);

    private KeycloakServer(Path home, Path logFile, int port) {
        this.home = home;
        this.logFile = logFile;
        this.port = port;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Returns the JVM's Keycloak, starting it on first use. A start that failed is not retried:
     * later callers get the same failure at once.
     */
    public static synchronized KeycloakServer shared() {
        if (shared != null) {
            return shared;
        }
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        Path home = homeOrSkip();
        Path realmFile = realmFile();
        try {
            KeycloakServer server = new KeycloakServer(home, home.resolveSibling("keycloak-server.log"), freePort());
            server.start(realmFile);
            shared = server;
            return server;
        } catch (RuntimeException e) {
            sharedFailure = e;
            throw e;
        }
    }

    /** @return the realm's issuer, exactly {@code http://127.0.0.1:<port>/realms/recebiveis-hub} */
    public String issuer() {
        return issuer;
    }

    /** @return the realm's JWKS URI, from its discovery document */
    public String jwksUri() {
        return jwksUri;
    }

    /** @return the realm's token endpoint, from its discovery document */
    public String tokenEndpoint() {
        return tokenEndpoint;
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** @return the server's log (stdout and stderr of {@code kc.sh}) */
    public Path logFile() {
        return logFile;
    }

    /** @return how long the start took, from launching {@code kc.sh} to the realm being served */
    public long startMillis() {
        return startMillis;
    }

    /**
     * Gets an access token for a user with the resource owner password grant, through the
     * test-only client {@value #TEST_CLIENT_ID}.
     *
     * @return the raw (encoded) access token
     * @throws KeycloakTokenException when the token endpoint refuses (401 for wrong credentials)
     */
    public String passwordToken(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", TEST_CLIENT_ID);
        form.put("client_secret", TEST_CLIENT_SECRET);
        form.put("username", username);
        form.put("password", password);
        return accessToken(form, "password grant for user '" + username + "' via client " + TEST_CLIENT_ID);
    }

    /** As {@link #passwordToken(String, String)} for one of the realm's dev users. */
    public String passwordToken(DevUser user) {
        return passwordToken(user.username(), user.password());
    }

    /**
     * As {@link #passwordToken(DevUser)}, but hands out the user's previous token again while it
     * has more than a minute left: for suites that send many requests per user.
     */
    public synchronized String cachedPasswordToken(DevUser user) {
        String token = tokenCache.get(user);
        if (token != null) {
            Object exp = decodeClaims(token).get("exp");
            long now = System.currentTimeMillis() / 1000;
            if (exp instanceof Number n && n.longValue() - now > CACHE_MIN_SECONDS_LEFT) {
                return token;
            }
        }
        token = passwordToken(user);
        tokenCache.put(user, token);
        return token;
    }

    /**
     * Gets an access token with the client credentials grant.
     *
     * @return the raw (encoded) access token
     * @throws KeycloakTokenException when the token endpoint refuses
     */
    public String clientCredentialsToken(String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return accessToken(form, "client credentials grant for client " + clientId);
    }

    /**
     * Decodes a JWT's payload without checking anything: for reading claims in tests only. Verify
     * the signature against {@link #jwksUri()} before trusting a token.
     */
    public static Map<String, Object> decodeClaims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT: expected header.payload.signature");
        }
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        try {
            return JSON.readValue(payload, MAP);
        } catch (IOException e) {
            throw new IllegalArgumentException("JWT payload is not a JSON object", e);
        }
    }

    private String accessToken(Map<String, String> form, String grant) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(request);
        Map<String, Object> json;
        try {
            json = JSON.readValue(response.body(), MAP);
        } catch (IOException e) {
            throw new KeycloakTokenException(grant, response.statusCode(), null, "answer is not JSON");
        }
        Object token = json.get("access_token");
        if (response.statusCode() != 200 || !(token instanceof String)) {
            throw new KeycloakTokenException(grant, response.statusCode(),
                    (String) json.get("error"), (String) json.get("error_description"));
        }
        return (String) token;
    }

    private void start(Path realmFile) {
        Path kcSh = home.resolve("bin/kc.sh");
        try {
            Path importDir = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile, importDir.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(logFile.getParent());
            kcSh.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Keycloak in " + home, e);
        }
        List<String> command = List.of(kcSh.toString(), "start-dev",
                "--db=dev-mem",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--hostname=" + baseUrl(),
                "--import-realm");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        Map<String, String> env = builder.environment();
        // Nothing from the caller's environment may reconfigure this Keycloak (a developer's KC_DB, say).
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_")
                || k.equals("JAVA_OPTS") || k.equals("JAVA_OPTS_APPEND") || k.equals("JAVA_TOOL_OPTIONS"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.put("JAVA_OPTS_APPEND", System.getProperty(JAVA_OPTS_PROPERTY, DEFAULT_JAVA_OPTS));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);

        long started = System.nanoTime();
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + kcSh, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "keycloak-stop"));

        long timeoutSeconds = Long.getLong(START_TIMEOUT_PROPERTY, 300);
        long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        URI discovery = URI.create(baseUrl() + "/realms/" + REALM + "/.well-known/openid-configuration");
        Map<String, Object> config = null;
        while (config == null) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with status " + process.exitValue()
                        + " before serving realm " + REALM + "; log " + logFile + ":\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within "
                        + timeoutSeconds + " s (set -D" + START_TIMEOUT_PROPERTY + " to wait longer); log "
                        + logFile + ":\n" + logTail());
            }
            config = discovery(discovery);
            if (config == null) {
                sleep(500);
            }
        }
        startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        issuer = (String) config.get("issuer");
        jwksUri = (String) config.get("jwks_uri");
        tokenEndpoint = (String) config.get("token_endpoint");
        String expected = baseUrl() + "/realms/" + REALM;
        if (!expected.equals(issuer)) {
            stop();
            throw new IllegalStateException("Keycloak's issuer is " + issuer + ", expected exactly " + expected);
        }
        System.out.println("Keycloak " + home.getFileName() + " serves " + issuer + " after " + startMillis
                + " ms (log: " + logFile + ")");
    }

    private Map<String, Object> discovery(URI uri) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readValue(response.body(), MAP) : null;
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak at " + baseUrl() + " did not answer " + request.uri()
                    + "; log " + logFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Ends kc.sh and every process it started: TERM first, KILL after 15 s. */
    private synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        // Collect the tree before ending its root: once kc.sh is gone its java child is re-parented.
        List<ProcessHandle> tree = new ArrayList<>();
        p.descendants().forEach(tree::add);
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (ProcessHandle h : tree) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                sleep(100);
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static Path homeOrSkip() {
        String configured = System.getProperty(HOME_PROPERTY, System.getenv("HUB_KEYCLOAK_HOME"));
        Path home = configured == null || configured.isBlank() ? null : Paths.get(configured).toAbsolutePath().normalize();
        if (home != null && Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        String notice = (home == null
                ? "system property " + HOME_PROPERTY + " is not set"
                : HOME_PROPERTY + "=" + home + " holds no bin/kc.sh")
                + ": no Keycloak distribution (the Maven build of hub-server unpacks one under target/keycloak;"
                + " if that folder was deleted by hand, delete target/dependency-maven-plugin-markers too or run mvn clean)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true but " + notice);
        }
        System.err.println("NOTICE: " + notice + "; skipping a test that needs Keycloak");
        Assumptions.abort(notice);
        throw new AssertionError("unreachable");
    }

    private static Path realmFile() {
        String configured = System.getProperty(REALM_FILE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path file = Paths.get(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(REALM_FILE_PROPERTY + "=" + file + " does not exist");
            }
            return file;
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(REALM_FILE);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("cannot find " + REALM_FILE + " above " + Paths.get("").toAbsolutePath()
                + " (or set -D" + REALM_FILE_PROPERTY + ")");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
