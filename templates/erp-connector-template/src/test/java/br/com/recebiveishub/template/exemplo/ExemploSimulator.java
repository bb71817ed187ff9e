package br.com.recebiveishub.template.exemplo;

import br.com.recebiveishub.sdk.ErpApiConnector.ErpAccount;
import br.com.recebiveishub.testkit.conformance.ErpApiConnectorConformance;
import br.com.recebiveishub.testkit.conformance.ErpApiConnectorConformance.PeerReceivable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Exemplo API as README.md documents it, served on 127.0.0.1: {@code GET /me},
 * {@code GET /receivables?updated_since=&page=} (pages of {@value #PAGE_SIZE}, ordered by
 * {@code updated_at} then {@code id}, {@code updated_since} inclusive), {@code POST
 * /receivables/{id}/payments} with {@code Idempotency-Key}, bearer token {@value #TOKEN}, 429 with
 * Retry-After on demand ({@link #rateLimitNext}). It is also the conformance suite's peer.
 */
final class ExemploSimulator implements ErpApiConnectorConformance.Peer, AutoCloseable {

    static final String TOKEN = "exemplo-token-0001";
    static final int PAGE_SIZE = 10;
    /** 25 receivables: three pages, and four of them share one updated_at across the first page break. */
    static final int SEEDED = 25;

    /** Publicly known valid documents (check digits correct), used only as test data. */
    private static final String[] DOCUMENTS = {"11222333000181", "52998224725"};
    private static final Instant SEEDED_FROM = Instant.parse("2026-01-05T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, ObjectNode> receivables = new ConcurrentHashMap<>();
    /** Idempotency-Key → the payment recorded for it. */
    private final Map<String, ObjectNode> paymentsByKey = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> paymentsPerReceivable = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private Instant clock;
    private int next;

    private ExemploSimulator(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static ExemploSimulator start() {
        try {
            return new ExemploSimulator(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code n} requests are answered 429 with {@code Retry-After: 1}. */
    void rateLimitNext(int n) {
        rateLimited.set(n);
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // --- the conformance peer ---

    @Override
    public synchronized void seed() {
        receivables.clear();
        paymentsByKey.clear();
        paymentsPerReceivable.clear();
        rateLimited.set(0);
        next = 0;
        clock = SEEDED_FROM;
        for (int i = 1; i <= SEEDED; i++) {
            // Receivables 9 to 12 share one updated_at, so the instant spans the first page break.
            if (i < 10 || i > 12) {
                clock = clock.plus(1, ChronoUnit.MINUTES);
            }
            put(newReceivable(new BigDecimal(100 + i * 7 + ".35"), LocalDate.of(2026, 2, 1).plusDays(i)));
        }
    }

    @Override
    public synchronized List<PeerReceivable> receivables() {
        return receivables.values().stream()
                .sorted(Comparator.comparing(r -> r.path("id").asText()))
                .map(r -> new PeerReceivable(r.path("id").asText(), new BigDecimal(r.path("amount").asText()),
                        LocalDate.parse(r.path("due_date").asText())))
                .toList();
    }

    @Override
    public synchronized PeerReceivable add() {
        clock = clock.plus(1, ChronoUnit.HOURS);
        ObjectNode r = newReceivable(new BigDecimal("980.10"), LocalDate.of(2026, 4, 30));
        put(r);
        return new PeerReceivable(r.path("id").asText(), new BigDecimal("980.10"), LocalDate.of(2026, 4, 30));
    }

    @Override
    public synchronized PeerReceivable update(String externalId) {
        ObjectNode r = receivables.get(externalId);
        if (r == null) {
            throw new IllegalArgumentException("no receivable " + externalId);
        }
        clock = clock.plus(1, ChronoUnit.HOURS);
        BigDecimal amount = new BigDecimal(r.path("amount").asText()).add(new BigDecimal("50.00"));
        r.put("amount", amount.toPlainString()).put("updated_at", clock.toString());
        return new PeerReceivable(externalId, amount, LocalDate.parse(r.path("due_date").asText()));
    }

    @Override
    public int paymentsRecorded(String externalId) {
        AtomicInteger n = paymentsPerReceivable.get(externalId);
        return n == null ? 0 : n.get();
    }

    @Override
    public ErpAccount account() {
        return new ErpAccount("conformance", Map.of("apiBaseUrl", baseUrl(), "apiToken", TOKEN, "requestTimeoutSeconds", "5"));
    }

    @Override
    public ErpAccount accountWithBadCredentials() {
        return new ErpAccount("conformance", Map.of("apiBaseUrl", baseUrl(), "apiToken", "exemplo-token-revoked", "requestTimeoutSeconds", "5"));
    }

    @Override
    public ErpAccount unreachableAccount() {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ErpAccount("conformance", Map.of("apiBaseUrl", "http://127.0.0.1:" + closedPort, "apiToken", TOKEN, "requestTimeoutSeconds", "5"));
    }

    private ObjectNode newReceivable(BigDecimal amount, LocalDate due) {
        next++;
        ObjectNode r = JSON.createObjectNode();
        r.put("id", String.format("R-%04d", next));
        r.put("document_number", "NF " + (1000 + next));
        r.put("issue_date", "2026-01-05");
        r.put("due_date", due.toString());
        r.put("amount", amount.toPlainString());
        r.put("updated_at", clock.toString());
        r.putObject("customer").put("document", DOCUMENTS[next % 2]).put("name", "Cliente Exemplo " + next);
        return r;
    }

    private void put(ObjectNode r) {
        receivables.put(r.path("id").asText(), r);
    }

    // --- HTTP ---

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            if (rateLimited.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                ex.getResponseHeaders().set("Retry-After", "1");
                respond(ex, 429, "{\"error\":\"rate_limited\"}");
                return;
            }
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                respond(ex, 401, "{\"error\":\"invalid_token\"}");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/me")) {
                respond(ex, 200, "{\"company\":\"Empresa Exemplo Ltda\"}");
            } else if (method.equals("GET") && path.equals("/receivables")) {
                list(ex);
            } else if (method.equals("POST") && path.matches("/receivables/[^/]+/payments")) {
                pay(ex, URLDecoder.decode(path.split("/")[2], StandardCharsets.UTF_8));
            } else {
                respond(ex, 404, "{\"error\":\"not_found\"}");
            }
        }
    }

    private synchronized void list(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        Instant since = q.containsKey("updated_since") ? Instant.parse(q.get("updated_since")) : Instant.EPOCH;
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        List<ObjectNode> matching = receivables.values().stream()
                .filter(r -> !Instant.parse(r.path("updated_at").asText()).isBefore(since))
                .sorted(Comparator.<ObjectNode, Instant>comparing(r -> Instant.parse(r.path("updated_at").asText()))
                        .thenComparing(r -> r.path("id").asText()))
                .toList();
        int totalPages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        ObjectNode body = JSON.createObjectNode().put("page", page).put("total_pages", totalPages);
        ArrayNode items = body.putArray("items");
        matching.stream().skip((long) (page - 1) * PAGE_SIZE).limit(PAGE_SIZE).forEach(items::add);
        respond(ex, 200, body.toString());
    }

    private synchronized void pay(HttpExchange ex, String id) throws IOException {
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isBlank()) {
            respond(ex, 422, "{\"error\":\"idempotency_key_required\"}");
            return;
        }
        JsonNode request = JSON.readTree(ex.getRequestBody());
        ObjectNode earlier = paymentsByKey.get(key);
        if (earlier != null) {
            respond(ex, 200, earlier.toString());
            return;
        }
        if (!receivables.containsKey(id)) {
            respond(ex, 404, "{\"error\":\"not_found\"}");
            return;
        }
        if (!request.path("amount").asText("").matches("\\d+\\.\\d{2}") || request.path("paid_on").asText("").isEmpty()) {
            respond(ex, 422, "{\"error\":\"invalid\"}");
            return;
        }
        ObjectNode payment = JSON.createObjectNode()
                .put("payment_id", "P-" + (paymentsByKey.size() + 1))
                .put("receivable_id", id)
                .put("amount", request.path("amount").asText());
        paymentsByKey.put(key, payment);
        paymentsPerReceivable.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        respond(ex, 201, payment.toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
