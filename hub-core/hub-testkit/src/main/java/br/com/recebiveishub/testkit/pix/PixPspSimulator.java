package br.com.recebiveishub.testkit.pix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A local PSP that speaks the API Pix as the Banco Central OpenAPI documents it, for tests of the
 * pay-pix plugin now and of the hub's Pix flows later.
 *
 * <ul>
 *   <li>HTTPS that <em>requires</em> a client certificate signed by the test CA ({@link TestPki}):
 *       a client without one fails the TLS handshake, as at a real PSP.</li>
 *   <li>{@code POST /oauth/token}: OAuth2 client credentials (HTTP Basic), and the certificate's CN
 *       must be the client id (the token is bound to it); tokens are opaque and expire.</li>
 *   <li>{@code PUT/GET/PATCH /cob/{txid}}, {@code PUT/GET/PATCH /cobv/{txid}} (PATCH: removal only),
 *       {@code PUT/GET /webhook/{chave}},
 *       {@code PUT/GET /pix/{e2eid}/devolucao/{id}} and {@code GET /pix/{e2eid}} under
 *       {@link #apiBaseUrl()}, state in memory. Each request body is validated against the
 *       OpenAPI schema (a violation is a 400 {@code Problema} listing it), then the semantic rules
 *       of the spec's error catalogue; each response the simulator writes is validated too, and any
 *       violation is kept in {@link #specViolations()} for the test to assert empty.</li>
 *   <li>{@link #pay(String, BigDecimal)} plays a payer: the charge becomes CONCLUIDA and, when a
 *       webhook is registered for its key, the Pix is POSTed to {@code {webhookUrl}/pix}.
 *       {@link #deliver(URI, String...)} POSTs any received Pix in any order, repeated or not,
 *       for at-least-once and out-of-order delivery tests.</li>
 *   <li>Faults: {@link #delayResponses(int, Duration)} processes requests and then answers late
 *       (the client times out, yet the charge exists), {@link #failNext(int, int)} answers 5xx
 *       without processing, {@link #revokeTokens()} makes valid-looking tokens fail with 401.</li>
 * </ul>
 *
 * <p>Money is handled as {@link BigDecimal} and written as the API's two-decimal strings.
 */
public final class PixPspSimulator implements AutoCloseable {

    /** The PSP's ISPB in endToEndIds and rtrIds. */
    public static final String ISPB = "12345678";
    /** Receiver (the simulated PSP's customer): a fictitious company. */
    public static final String RECEIVER_CNPJ = "11222333000181";
    public static final String RECEIVER_NAME = "EMPRESA DEMO COBRANCAS LTDA";
    public static final String RECEIVER_CITY = "SAO PAULO";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TXID = Pattern.compile("[a-zA-Z0-9]{26,35}");
    private static final Pattern E2E = Pattern.compile("[a-zA-Z0-9]{32}");
    private static final Pattern DEV_ID = Pattern.compile("[a-zA-Z0-9]{1,35}");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final PixOpenApi spec;
    private final TestPki pki;
    private final Path truststore;
    private final Path serverKeystore;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final HttpClient webhookClient;
    private final SecureRandom random = new SecureRandom();

    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Set<String> receiverKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, Charge> charges = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> pixByE2e = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ObjectNode>> devolucoes = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> webhooks = new ConcurrentHashMap<>();
    private final List<String> specViolations = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final AtomicLong locIds = new AtomicLong(1000);
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger delayCount = new AtomicInteger();
    private final AtomicInteger failCount = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile int failStatus = 503;
    private volatile Duration tokenLifetime = Duration.ofHours(1);

    /** A webhook POST the simulator made. */
    public record Delivery(URI url, String body, int status, String error) {
    }

    private record Token(String clientId, String certificateCn, Instant expiresAt, Set<String> scopes) {
    }

    private static final class Charge {
        final String kind;
        final String chave;
        ObjectNode request;
        ObjectNode state;

        Charge(String kind, String chave, ObjectNode request, ObjectNode state) {
            this.kind = kind;
            this.chave = chave;
            this.request = request;
            this.state = state;
        }
    }

    private PixPspSimulator(PixOpenApi spec, TestPki pki) {
        this.spec = spec;
        this.pki = pki;
        this.truststore = pki.truststore();
        this.serverKeystore = pki.server("psp-simulator");
        SSLContext ssl = TestPki.sslContext(serverKeystore, truststore);
        try {
            this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", this::handle);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pix-psp-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        // The PSP presents its own certificate when it calls a receiver's webhook (mTLS both ways).
        this.webhookClient = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        server.start();
    }

    /**
     * Starts a simulator on a free port of 127.0.0.1, with the API Pix OpenAPI from
     * {@code ../shared/specs} and a fresh PKI under {@code dir}.
     */
    public static PixPspSimulator start(Path dir) {
        return new PixPspSimulator(PixOpenApi.fromShared(), TestPki.create(dir));
    }

    /** As {@link #start(Path)} with a given spec and PKI. */
    public static PixPspSimulator start(PixOpenApi spec, TestPki pki) {
        return new PixPspSimulator(spec, pki);
    }

    // ---------------------------------------------------------------- set-up

    /**
     * Registers an OAuth2 client and issues its certificate (CN = client id).
     *
     * @return the PKCS#12 keystore with the client's certificate and key ({@link TestPki#PASSWORD})
     */
    public Path registerClient(String clientId, String clientSecret) {
        clients.put(clientId, clientSecret);
        return pki.client(clientId);
    }

    /** Declares a Pix key as the receiver's (cob, cobv and webhook refuse other keys, as a PSP does). */
    public void addReceiverKey(String chave) {
        receiverKeys.add(chave);
    }

    /** @return the truststore holding the test CA (for the client to trust this server) */
    public Path truststore() {
        return truststore;
    }

    /** @return the keystore of the simulator's own certificate, usable by a webhook receiver in tests */
    public Path serverKeystore() {
        return serverKeystore;
    }

    /** @return the test PKI, to issue more certificates (e.g. for a webhook receiver) */
    public TestPki pki() {
        return pki;
    }

    /** @return {@code https://127.0.0.1:port/api/v2/} */
    public URI apiBaseUrl() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/");
    }

    /** @return {@code https://127.0.0.1:port/oauth/token} */
    public URI tokenUrl() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token");
    }

    /** Lifetime of tokens issued from now on. */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** Invalidates every token issued so far: the next API call with one gets 401. */
    public void revokeTokens() {
        tokens.clear();
    }

    /** The next {@code count} API requests are processed, then answered only after {@code delay}. */
    public void delayResponses(int count, Duration delay) {
        this.delay = delay;
        this.delayCount.set(count);
    }

    /** The next {@code count} API requests are answered {@code status} (5xx) without being processed. */
    public void failNext(int count, int status) {
        this.failStatus = status;
        this.failCount.set(count);
    }

    // ---------------------------------------------------------------- inspection

    /** @return schema violations of bodies this simulator wrote (should stay empty) */
    public List<String> specViolations() {
        return List.copyOf(specViolations);
    }

    /** @return tokens issued so far */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** @return "METHOD path status" for every request handled */
    public List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    /** @return the webhook POSTs made so far */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** @return how many charges exist (cob and cobv) */
    public int chargeCount() {
        return charges.size();
    }

    /** @return the charge as the PSP holds it, or null */
    public JsonNode charge(String txid) {
        Charge c = charges.get(txid);
        return c == null ? null : c.state.deepCopy();
    }

    // ---------------------------------------------------------------- payer side

    /**
     * A payer pays the charge {@code txid}: a Pix with a new endToEndId settles it (CONCLUIDA) and
     * is notified to the key's webhook, if any.
     *
     * @return the endToEndId
     */
    public String pay(String txid, BigDecimal valor) {
        Charge c = charges.get(txid);
        if (c == null) {
            throw new IllegalArgumentException("no charge " + txid);
        }
        String e2e;
        ObjectNode pix;
        synchronized (c) {
            if (!"ATIVA".equals(c.state.path("status").asText())) {
                throw new IllegalStateException("charge " + txid + " is " + c.state.path("status").asText());
            }
            e2e = endToEndId('E');
            pix = JSON.createObjectNode();
            pix.put("endToEndId", e2e);
            pix.put("txid", txid);
            pix.put("valor", money(valor));
            pix.put("chave", c.chave);
            pix.put("horario", TS.format(Instant.now()));
            pix.put("infoPagador", "pagamento simulado");
            pixByE2e.put(e2e, pix);
            ArrayNode list = c.state.has("pix") ? (ArrayNode) c.state.get("pix") : c.state.putArray("pix");
            list.add(pix.deepCopy());
            c.state.put("status", "CONCLUIDA");
        }
        ObjectNode hook = webhooks.get(c.chave);
        if (hook != null) {
            deliver(URI.create(hook.get("webhookUrl").asText()), e2e);
        }
        return e2e;
    }

    /** @return the webhook URL registered for a key (as the receiver gave it, without the {@code /pix} suffix), null when none */
    public URI webhookUrl(String chave) {
        ObjectNode hook = webhooks.get(chave);
        return hook == null ? null : URI.create(hook.get("webhookUrl").asText());
    }

    /**
     * POSTs {@code {"pix":[...]}} with the given received Pix, in the given order (repeat an id
     * for a duplicate), to {@code webhookUrl + "/pix"}, presenting the PSP's certificate.
     *
     * @return the HTTP status the receiver answered, or -1 when it could not be reached
     */
    public int deliver(URI webhookUrl, String... endToEndIds) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode arr = body.putArray("pix");
        for (String e2e : endToEndIds) {
            ObjectNode pix = pixByE2e.get(e2e);
            if (pix == null) {
                throw new IllegalArgumentException("no Pix " + e2e);
            }
            ObjectNode copy = pix.deepCopy();
            Map<String, ObjectNode> devs = devolucoes.get(e2e);
            if (devs != null && !devs.isEmpty()) {
                ArrayNode d = copy.putArray("devolucoes");
                devs.values().forEach(v -> d.add(v.deepCopy()));
            }
            arr.add(copy);
        }
        checkOwn("#/components/requestBodies/WebhookPixBody/content/application~1json/schema", body, "webhook POST");
        String base = webhookUrl.toString();
        URI target = URI.create(base.endsWith("/") ? base + "pix" : base + "/pix");
        String text = body.toString();
        try {
            HttpResponse<String> res = webhookClient.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            deliveries.add(new Delivery(target, text, res.statusCode(), null));
            return res.statusCode();
        } catch (IOException e) {
            deliveries.add(new Delivery(target, text, -1, e.getClass().getSimpleName()));
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliveries.add(new Delivery(target, text, -1, "interrupted"));
            return -1;
        }
    }

    /** Settles a devolução (DEVOLVIDO or NAO_REALIZADO) and notifies the webhook of its Pix's key. */
    public void settleDevolucao(String endToEndId, String id, boolean returned) {
        ObjectNode d = devolucoes.getOrDefault(endToEndId, Map.of()).get(id);
        if (d == null) {
            throw new IllegalArgumentException("no devolução " + id);
        }
        synchronized (d) {
            d.put("status", returned ? "DEVOLVIDO" : "NAO_REALIZADO");
            ((ObjectNode) d.get("horario")).put("liquidacao", TS.format(Instant.now()));
            if (!returned) {
                d.put("motivo", "Devolução recusada pelo PSP do pagador (simulada)");
            }
        }
        ObjectNode hook = webhooks.get(pixByE2e.get(endToEndId).path("chave").asText());
        if (hook != null) {
            deliver(URI.create(hook.get("webhookUrl").asText()), endToEndId);
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        int[] status = {0};
        try {
            Response r = route(ex, method, path);
            status[0] = r.status;
            if (r.delay != null) {
                sleep(r.delay);
            }
            write(ex, r);
        } catch (IOException e) {
            // the client went away (e.g. it timed out on a delayed answer): nothing to do
        } catch (RuntimeException e) {
            status[0] = 500;
            specViolations.add("simulator error on " + method + " " + path + ": " + e);
            try {
                write(ex, problem(500, "ErroInternoDoServidor", "Erro interno", e.getClass().getSimpleName(), List.of()));
            } catch (IOException ignored) {
                // client gone
            }
        } finally {
            requestLog.add(method + " " + path + " " + status[0]);
            ex.close();
        }
    }

    private record Response(int status, String contentType, byte[] body, Map<String, String> headers, Duration delay) {
        Response withDelay(Duration d) {
            return new Response(status, contentType, body, headers, d);
        }
    }

    private Response route(HttpExchange ex, String method, String path) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        String cn = clientCn(ex);
        if (path.equals("/oauth/token")) {
            return method.equals("POST") ? token(ex, raw, cn) : status(405);
        }
        if (!path.startsWith("/api/v2/")) {
            return problem(404, "NaoEncontrado", "Não encontrado", "no such resource", List.of());
        }
        String rest = path.substring("/api/v2/".length());
        Token token = bearer(ex);
        if (token == null) {
            return new Response(401, null, new byte[0], Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), null);
        }
        if (!token.certificateCn().equals(cn)) {
            return problem(403, "AcessoNegado", "Acesso negado", "the token was issued to another certificate", List.of());
        }
        if (failCount.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return problem(failStatus, failStatus == 504 ? "IndisponibilidadePorTempoEsgotado" : "ServicoIndisponivel",
                    "Serviço indisponível", "simulated failure", List.of());
        }
        Response r = api(method, rest, raw, token);
        if (delayCount.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            r = r.withDelay(delay);
        }
        return r;
    }

    private Response api(String method, String rest, byte[] raw, Token token) {
        Matcher m;
        if ((m = Pattern.compile("(cob|cobv)/([^/]+)").matcher(rest)).matches()) {
            String kind = m.group(1);
            String txid = decode(m.group(2));
            String scope = kind + (method.equals("GET") ? ".read" : ".write");
            if (!token.scopes().contains(scope)) {
                return problem(403, "AcessoNegado", "Acesso negado", "scope " + scope + " missing", List.of());
            }
            return switch (method) {
                case "PUT" -> putCharge(kind, txid, raw);
                case "GET" -> getCharge(kind, txid);
                case "PATCH" -> patchCharge(kind, txid, raw);
                default -> status(405);
            };
        }
        if ((m = Pattern.compile("webhook/([^/]+)").matcher(rest)).matches()) {
            String chave = decode(m.group(1));
            String scope = method.equals("GET") ? "webhook.read" : "webhook.write";
            if (!token.scopes().contains(scope)) {
                return problem(403, "AcessoNegado", "Acesso negado", "scope " + scope + " missing", List.of());
            }
            return switch (method) {
                case "PUT" -> putWebhook(chave, raw);
                case "GET" -> getWebhook(chave);
                case "DELETE" -> webhooks.remove(chave) != null ? status(204)
                        : problem(404, "WebhookNaoEncontrado", "Webhook não encontrado", "no webhook for this key", List.of());
                default -> status(405);
            };
        }
        if ((m = Pattern.compile("pix/([^/]+)/devolucao/([^/]+)").matcher(rest)).matches()) {
            String scope = method.equals("GET") ? "pix.read" : "pix.write";
            if (!token.scopes().contains(scope)) {
                return problem(403, "AcessoNegado", "Acesso negado", "scope " + scope + " missing", List.of());
            }
            return switch (method) {
                case "PUT" -> putDevolucao(m.group(1), decode(m.group(2)), raw);
                case "GET" -> getDevolucao(m.group(1), decode(m.group(2)));
                default -> status(405);
            };
        }
        if ((m = Pattern.compile("pix/([^/]+)").matcher(rest)).matches() && method.equals("GET")) {
            ObjectNode pix = pixByE2e.get(m.group(1));
            if (pix == null) {
                return problem(404, "PixNaoEncontrado", "Pix não encontrado", "no Pix for this endToEndId", List.of());
            }
            return json(200, pix.deepCopy(), "Pix");
        }
        return problem(404, "NaoEncontrado", "Não encontrado", "no such resource", List.of());
    }

    // ---------------------------------------------------------------- cob / cobv

    private Response putCharge(String kind, String txid, byte[] raw) {
        String opInvalida = kind.equals("cob") ? "CobOperacaoInvalida" : "CobVOperacaoInvalida";
        String title = kind.equals("cob") ? "Cobrança inválida." : "Cobrança com vencimento inválida.";
        if (!TXID.matcher(txid).matches()) {
            return problem(400, opInvalida, title, "txid must be 26 to 35 letters and digits",
                    List.of(violation("txid must be 26 to 35 letters and digits", "txid")));
        }
        ObjectNode body = readObject(raw);
        if (body == null) {
            return problem(400, "RequisicaoInvalida", "Requisição inválida.", "body is not a JSON object", List.of());
        }
        List<String> errors = spec.validate(kind.equals("cob") ? "CobSolicitada" : "CobVSolicitada", body);
        if (!errors.isEmpty()) {
            return problem(400, opInvalida, title, "A requisição não respeita o schema.", violations(errors, kind));
        }
        List<ObjectNode> semantic = new ArrayList<>();
        String chave = body.path("chave").asText();
        if (!receiverKeys.contains(chave)) {
            semantic.add(violation("a chave não pertence a este usuário recebedor", kind + ".chave"));
        }
        BigDecimal original = new BigDecimal(body.path("valor").path("original").asText("0"));
        if (original.signum() == 0) {
            semantic.add(violation("Valor da cobrança não pode ser 0.00", kind + ".valor.original"));
        }
        if (kind.equals("cob") && body.path("calendario").has("expiracao") && body.path("calendario").path("expiracao").asInt() <= 0) {
            semantic.add(violation("expiração deve ser maior que zero", "cob.calendario.expiracao"));
        }
        if (kind.equals("cobv")) {
            semantic.addAll(cobvRules(body, original));
        }
        if (!semantic.isEmpty()) {
            return problem(400, opInvalida, title, "A requisição viola regras da cobrança.", semantic);
        }
        Charge existing = charges.get(txid);
        if (existing != null) {
            synchronized (existing) {
                if (!existing.kind.equals(kind)) {
                    return problem(400, opInvalida, title, "txid já utilizado por uma cobrança de outro tipo",
                            List.of(violation("txid já utilizado", "txid")));
                }
                if (!"ATIVA".equals(existing.state.path("status").asText())) {
                    return problem(400, opInvalida, title, "A cobrança já existe e não está ATIVA.",
                            List.of(violation("cobrança não está ATIVA", "txid")));
                }
                if (existing.request.equals(body)) {
                    // the same PUT again (a retry after an unknown outcome): the same charge, unchanged
                    return json(201, generated(existing), kind.equals("cob") ? "CobGerada" : "CobVGerada");
                }
                existing.request = body;
                existing.state = newState(kind, txid, body, existing.state.path("revisao").asInt() + 1, existing.state);
                return json(201, generated(existing), kind.equals("cob") ? "CobGerada" : "CobVGerada");
            }
        }
        Charge c = new Charge(kind, chave, body, newState(kind, txid, body, 0, null));
        Charge raced = charges.putIfAbsent(txid, c);
        if (raced != null) {
            return putCharge(kind, txid, raw);
        }
        return json(201, generated(c), kind.equals("cob") ? "CobGerada" : "CobVGerada");
    }

    /**
     * {@code PATCH /cob/{txid}} and {@code /cobv/{txid}}: the body is validated against
     * CobRevisada / CobVRevisada. Only the receiver's removal ({@code status}
     * REMOVIDA_PELO_USUARIO_RECEBEDOR, alone, as the API requires) is implemented; any other
     * revision answers 501 so a test cannot mistake it for a PSP refusal. As the API's error
     * catalogue says, a charge that is no longer ATIVA is refused (400), a removed one included.
     */
    private Response patchCharge(String kind, String txid, byte[] raw) {
        String opInvalida = kind.equals("cob") ? "CobOperacaoInvalida" : "CobVOperacaoInvalida";
        String title = kind.equals("cob") ? "Cobrança inválida." : "Cobrança com vencimento inválida.";
        ObjectNode body = readObject(raw);
        if (body == null) {
            return problem(400, "RequisicaoInvalida", "Requisição inválida.", "body is not a JSON object", List.of());
        }
        List<String> errors = spec.validate(kind.equals("cob") ? "CobRevisada" : "CobVRevisada", body);
        if (!errors.isEmpty()) {
            return problem(400, opInvalida, title, "A requisição não respeita o schema.", violations(errors, kind));
        }
        Charge c = charges.get(txid);
        if (c == null || !c.kind.equals(kind)) {
            return problem(404, kind.equals("cob") ? "CobNaoEncontrado" : "CobVNaoEncontrada", "Cobrança não encontrada",
                    "no charge with this txid", List.of());
        }
        if (!body.has("status")) {
            return status(501);
        }
        if (body.size() > 1) {
            return problem(400, opInvalida, title, "A remoção não pode vir com outras alterações.",
                    List.of(violation("status REMOVIDA_PELO_USUARIO_RECEBEDOR com outras alterações", kind + ".status")));
        }
        synchronized (c) {
            if (!"ATIVA".equals(c.state.path("status").asText())) {
                return problem(400, opInvalida, title, "A cobrança não está ATIVA.",
                        List.of(violation("cobrança não está ATIVA", kind + ".status")));
            }
            c.state.put("status", "REMOVIDA_PELO_USUARIO_RECEBEDOR");
            c.state.put("revisao", c.state.path("revisao").asInt() + 1);
            return json(200, generated(c), kind.equals("cob") ? "CobGerada" : "CobVGerada");
        }
    }

    /**
     * Expires or removes a charge as the PSP would on its own (e.g. an immediate cob whose
     * {@code expiracao} passed): status REMOVIDA_PELO_PSP, no longer payable.
     */
    public void removeByPsp(String txid) {
        Charge c = charges.get(txid);
        if (c == null) {
            throw new IllegalArgumentException("no charge " + txid);
        }
        synchronized (c) {
            c.state.put("status", "REMOVIDA_PELO_PSP");
        }
    }

    private static List<ObjectNode> cobvRules(ObjectNode body, BigDecimal original) {
        List<ObjectNode> out = new ArrayList<>();
        java.time.LocalDate due = java.time.LocalDate.parse(body.path("calendario").path("dataDeVencimento").asText());
        if (due.isBefore(java.time.LocalDate.now(ZoneOffset.UTC).minusDays(1))) {
            out.add(violation("dataDeVencimento anterior à data de criação da cobrança", "cobv.calendario.dataDeVencimento"));
        }
        if (body.path("calendario").path("validadeAposVencimento").asInt(0) < 0) {
            out.add(violation("validadeAposVencimento menor que zero", "cobv.calendario.validadeAposVencimento"));
        }
        JsonNode desconto = body.path("valor").path("desconto");
        if (!desconto.isMissingNode()) {
            int mod = desconto.path("modalidade").asInt();
            boolean hasDatas = desconto.path("descontoDataFixa").isArray() && desconto.path("descontoDataFixa").size() > 0;
            boolean hasValor = desconto.has("valorPerc");
            if (mod <= 2 && (!hasDatas || hasValor)) {
                out.add(violation("modalidade 1 ou 2 exige descontoDataFixa e não aceita valorPerc", "cobv.valor.desconto"));
            }
            if (mod >= 3 && (hasDatas || !hasValor)) {
                out.add(violation("modalidade 3 a 6 exige valorPerc e não aceita descontoDataFixa", "cobv.valor.desconto"));
            }
            for (JsonNode d : desconto.path("descontoDataFixa")) {
                if (java.time.LocalDate.parse(d.path("data").asText()).isAfter(due)) {
                    out.add(violation("data de desconto posterior ao vencimento", "cobv.valor.desconto.descontoDataFixa"));
                }
                BigDecimal v = new BigDecimal(d.path("valorPerc").asText("0"));
                if (mod == 1 && v.compareTo(original) >= 0 || mod == 2 && v.compareTo(BigDecimal.valueOf(100)) >= 0) {
                    out.add(violation("desconto maior ou igual ao valor da cobrança", "cobv.valor.desconto.descontoDataFixa"));
                }
            }
        }
        return out;
    }

    private ObjectNode newState(String kind, String txid, ObjectNode req, int revisao, ObjectNode previous) {
        ObjectNode s = JSON.createObjectNode();
        ObjectNode cal = s.putObject("calendario");
        String criacao = previous != null ? previous.path("calendario").path("criacao").asText() : TS.format(Instant.now());
        cal.put("criacao", criacao);
        if (kind.equals("cob")) {
            cal.put("expiracao", req.path("calendario").path("expiracao").asInt(86400));
        } else {
            cal.put("dataDeVencimento", req.path("calendario").path("dataDeVencimento").asText());
            cal.put("validadeAposVencimento", req.path("calendario").path("validadeAposVencimento").asInt(30));
        }
        s.put("txid", txid);
        s.put("revisao", revisao);
        ObjectNode loc;
        if (previous != null) {
            loc = (ObjectNode) previous.get("loc").deepCopy();
        } else {
            loc = JSON.createObjectNode();
            loc.put("id", locIds.incrementAndGet());
            loc.put("location", "pix.simulador.test/qr/v2/" + (kind.equals("cobv") ? "cobv/" : "") + randomHex(32));
            loc.put("txid", txid);
            loc.put("tipoCob", kind);
            loc.put("criacao", criacao);
        }
        s.set("loc", loc);
        s.put("location", loc.get("location").asText());
        s.put("status", "ATIVA");
        if (req.has("devedor")) {
            s.set("devedor", req.get("devedor").deepCopy());
        }
        if (kind.equals("cobv")) {
            ObjectNode rec = s.putObject("recebedor");
            rec.put("cnpj", RECEIVER_CNPJ);
            rec.put("nome", RECEIVER_NAME);
            rec.put("logradouro", "Rua Exemplo 100");
            rec.put("cidade", "Sao Paulo");
            rec.put("uf", "SP");
            rec.put("cep", "01001000");
        }
        s.set("valor", req.get("valor").deepCopy());
        s.put("chave", req.get("chave").asText());
        if (req.has("solicitacaoPagador")) {
            s.put("solicitacaoPagador", req.get("solicitacaoPagador").asText());
        }
        if (req.has("infoAdicionais")) {
            s.set("infoAdicionais", req.get("infoAdicionais").deepCopy());
        }
        s.put("pixCopiaECola", dynamicBrCode(loc.get("location").asText(),
                kind.equals("cob") ? req.path("valor").path("original").asText() : null));
        return s;
    }

    /** The create response (CobGerada / CobVGerada): the charge without the Pix received. */
    private static ObjectNode generated(Charge c) {
        ObjectNode copy = c.state.deepCopy();
        copy.remove("pix");
        return copy;
    }

    private Response getCharge(String kind, String txid) {
        Charge c = charges.get(txid);
        if (c == null || !c.kind.equals(kind)) {
            return problem(404, kind.equals("cob") ? "CobNaoEncontrado" : "CobVNaoEncontrada", "Cobrança não encontrada",
                    "no charge with this txid", List.of());
        }
        synchronized (c) {
            return json(200, c.state.deepCopy(), kind.equals("cob") ? "CobCompleta" : "CobVCompleta");
        }
    }

    // ---------------------------------------------------------------- webhook

    private Response putWebhook(String chave, byte[] raw) {
        ObjectNode body = readObject(raw);
        if (body == null) {
            return problem(400, "RequisicaoInvalida", "Requisição inválida.", "body is not a JSON object", List.of());
        }
        List<String> errors = spec.validate("WebhookSolicitado", body);
        if (!errors.isEmpty()) {
            return problem(400, "WebhookOperacaoInvalida", "Webhook inválido.", "A requisição não respeita o schema.",
                    violations(errors, "webhook"));
        }
        if (!receiverKeys.contains(chave)) {
            return problem(400, "WebhookOperacaoInvalida", "Webhook inválido.", "a chave não pertence a este usuário recebedor",
                    List.of(violation("chave não pertence a este usuário recebedor", "chave")));
        }
        URI url;
        try {
            url = URI.create(body.get("webhookUrl").asText());
        } catch (IllegalArgumentException e) {
            url = null;
        }
        if (url == null || !"https".equalsIgnoreCase(url.getScheme())) {
            return problem(400, "WebhookOperacaoInvalida", "Webhook inválido.", "webhookUrl deve ser https",
                    List.of(violation("webhookUrl deve ser https", "webhook.webhookUrl")));
        }
        ObjectNode w = JSON.createObjectNode();
        w.put("webhookUrl", url.toString());
        w.put("chave", chave);
        w.put("cnpj", RECEIVER_CNPJ);
        w.put("criacao", TS.format(Instant.now()));
        ObjectNode previous = webhooks.get(chave);
        if (previous == null || !previous.get("webhookUrl").asText().equals(url.toString())) {
            webhooks.put(chave, w);
        }
        return status(200);
    }

    private Response getWebhook(String chave) {
        ObjectNode w = webhooks.get(chave);
        if (w == null) {
            return problem(404, "WebhookNaoEncontrado", "Webhook não encontrado", "no webhook for this key", List.of());
        }
        return json(200, w.deepCopy(), "WebhookCompleto");
    }

    // ---------------------------------------------------------------- devolução

    private Response putDevolucao(String e2e, String id, byte[] raw) {
        if (!E2E.matcher(e2e).matches() || !DEV_ID.matcher(id).matches()) {
            return problem(400, "PixDevolucaoInvalida", "Devolução inválida.", "endToEndId or id does not follow the schema", List.of());
        }
        ObjectNode pix = pixByE2e.get(e2e);
        if (pix == null) {
            return problem(404, "PixNaoEncontrado", "Pix não encontrado", "no Pix for this endToEndId", List.of());
        }
        ObjectNode body = readObject(raw);
        if (body == null) {
            return problem(400, "RequisicaoInvalida", "Requisição inválida.", "body is not a JSON object", List.of());
        }
        List<String> errors = spec.validate("DevolucaoSolicitada", body);
        if (!errors.isEmpty()) {
            return problem(400, "PixDevolucaoInvalida", "Devolução inválida.", "A requisição não respeita o schema.",
                    violations(errors, "devolucao"));
        }
        BigDecimal valor = new BigDecimal(body.get("valor").asText());
        Map<String, ObjectNode> forPix = devolucoes.computeIfAbsent(e2e, k -> new LinkedHashMap<>());
        synchronized (forPix) {
            ObjectNode existing = forPix.get(id);
            if (existing != null) {
                if (new BigDecimal(existing.get("valor").asText()).compareTo(valor) == 0) {
                    return json(201, existing.deepCopy(), "Devolucao");
                }
                return problem(400, "PixDevolucaoInvalida", "Devolução inválida.",
                        "id já utilizado por outra requisição de devolução para este Pix",
                        List.of(violation("id já utilizado", "devolucao.id")));
            }
            BigDecimal already = forPix.values().stream().filter(d -> !"NAO_REALIZADO".equals(d.path("status").asText()))
                    .map(d -> new BigDecimal(d.get("valor").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (already.add(valor).compareTo(new BigDecimal(pix.get("valor").asText())) > 0) {
                return problem(400, "PixDevolucaoInvalida", "Devolução inválida.",
                        "as devoluções excederiam o valor do Pix", List.of(violation("excede o valor do Pix", "devolucao.valor")));
            }
            if (valor.signum() <= 0) {
                return problem(400, "PixDevolucaoInvalida", "Devolução inválida.", "valor deve ser maior que zero",
                        List.of(violation("valor deve ser maior que zero", "devolucao.valor")));
            }
            ObjectNode d = JSON.createObjectNode();
            d.put("id", id);
            d.put("rtrId", endToEndId('D'));
            d.put("valor", money(valor));
            d.put("natureza", body.path("natureza").asText("ORIGINAL"));
            if (body.has("descricao")) {
                d.put("descricao", body.get("descricao").asText());
            }
            d.putObject("horario").put("solicitacao", TS.format(Instant.now()));
            d.put("status", "EM_PROCESSAMENTO");
            forPix.put(id, d);
            return json(201, d.deepCopy(), "Devolucao");
        }
    }

    private Response getDevolucao(String e2e, String id) {
        ObjectNode d = devolucoes.getOrDefault(e2e, Map.of()).get(id);
        if (d == null) {
            return problem(404, "PixDevolucaoNaoEncontrada", "Devolução não encontrada", "no devolução with this id", List.of());
        }
        return json(200, d.deepCopy(), "Devolucao");
    }

    // ---------------------------------------------------------------- OAuth2

    private Response token(HttpExchange ex, byte[] raw, String cn) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String[] creds = basic(auth);
        Map<String, String> form = form(new String(raw, StandardCharsets.UTF_8));
        if (creds == null) {
            creds = new String[] {form.get("client_id"), form.get("client_secret")};
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type");
        }
        if (creds[0] == null || !clients.containsKey(creds[0]) || !clients.get(creds[0]).equals(creds[1])) {
            return oauthError(401, "invalid_client");
        }
        if (!creds[0].equals(cn)) {
            // the token is bound to the certificate the client registered (RFC 8705 style)
            return oauthError(401, "invalid_client");
        }
        Set<String> all = Set.of("cob.read", "cob.write", "cobv.read", "cobv.write", "pix.read", "pix.write",
                "webhook.read", "webhook.write");
        Set<String> scopes = new HashSet<>(all);
        if (form.containsKey("scope")) {
            scopes = new HashSet<>(List.of(form.get("scope").split(" ")));
            if (!all.containsAll(scopes)) {
                return oauthError(400, "invalid_scope");
            }
        }
        String value = randomToken();
        Duration life = tokenLifetime;
        tokens.put(value, new Token(creds[0], cn, Instant.now().plus(life), Set.copyOf(scopes)));
        tokensIssued.incrementAndGet();
        ObjectNode res = JSON.createObjectNode();
        res.put("access_token", value);
        res.put("token_type", "Bearer");
        res.put("expires_in", life.getSeconds());
        res.put("scope", String.join(" ", new java.util.TreeSet<>(scopes)));
        return new Response(200, "application/json", bytes(res), Map.of("Cache-Control", "no-store"), null);
    }

    private Token bearer(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        Token t = tokens.get(auth.substring(7).trim());
        if (t == null || Instant.now().isAfter(t.expiresAt())) {
            return null;
        }
        return t;
    }

    private static String clientCn(HttpExchange ex) {
        if (!(ex instanceof HttpsExchange https)) {
            return "";
        }
        try {
            Certificate[] chain = https.getSSLSession().getPeerCertificates();
            String dn = ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
            Matcher m = Pattern.compile("CN=([^,]+)").matcher(dn);
            return m.find() ? m.group(1) : "";
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return "";
        }
    }

    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int i = decoded.indexOf(':');
            if (i < 0) {
                return null;
            }
            return new String[] {decode(decoded.substring(0, i)), decode(decoded.substring(i + 1))};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int i = pair.indexOf('=');
            if (i > 0) {
                out.put(decode(pair.substring(0, i)), decode(pair.substring(i + 1)));
            }
        }
        return out;
    }

    private static Response oauthError(int status, String error) {
        ObjectNode n = JSON.createObjectNode().put("error", error);
        return new Response(status, "application/json", bytes(n), Map.of(), null);
    }

    // ---------------------------------------------------------------- writing

    private Response json(int status, ObjectNode body, String schema) {
        checkOwn(schema, body, "response " + status);
        return new Response(status, "application/json", bytes(body), Map.of(), null);
    }

    private Response problem(int status, String type, String title, String detail, List<ObjectNode> violacoes) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "https://pix.bcb.gov.br/api/v2/error/" + type);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        if (!violacoes.isEmpty()) {
            ArrayNode a = p.putArray("violacoes");
            violacoes.forEach(a::add);
        }
        checkOwn("Problema", p, "problem " + status);
        return new Response(status, "application/problem+json", bytes(p), Map.of(), null);
    }

    private void checkOwn(String schema, JsonNode body, String what) {
        for (String v : spec.validate(schema, body)) {
            specViolations.add(what + " (" + schema + ") " + v);
        }
    }

    private static Response status(int status) {
        return new Response(status, null, new byte[0], Map.of(), null);
    }

    private static void write(HttpExchange ex, Response r) throws IOException {
        r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (r.contentType() != null) {
            ex.getResponseHeaders().add("Content-Type", r.contentType() + "; charset=utf-8");
        }
        if (r.body().length == 0) {
            ex.sendResponseHeaders(r.status(), -1);
        } else {
            ex.sendResponseHeaders(r.status(), r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }

    private static List<ObjectNode> violations(List<String> errors, String prefix) {
        List<ObjectNode> out = new ArrayList<>();
        for (String e : errors) {
            int i = e.indexOf(": ");
            String where = i > 0 ? e.substring(0, i) : "$";
            out.add(violation(i > 0 ? e.substring(i + 2) : e, prefix + where.replaceFirst("^\\$", "")));
        }
        return out;
    }

    private static ObjectNode violation(String razao, String propriedade) {
        return JSON.createObjectNode().put("razao", razao).put("propriedade", propriedade);
    }

    private static ObjectNode readObject(byte[] raw) {
        try {
            JsonNode n = JSON.readTree(raw);
            return n instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String randomToken() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private String randomHex(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    /** E/D + ISPB (8) + yyyyMMddHHmm (12) + 11 random letters and digits = 32 characters. */
    private String endToEndId(char prefix) {
        StringBuilder sb = new StringBuilder().append(prefix).append(ISPB)
                .append(DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC).format(Instant.now()));
        while (sb.length() < 32) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    /**
     * The dynamic BR Code of a location, written here independently of the plugin's encoder (the
     * plugin's tests then check one against the other): 00 01 12 26(00 GUI, 25 location) 52 53 [54]
     * 58 59 60 62(05 ***) 63 CRC16-CCITT-FALSE.
     */
    static String dynamicBrCode(String location, String amount) {
        String account = tlv("00", "br.gov.bcb.pix") + tlv("25", location);
        StringBuilder sb = new StringBuilder().append(tlv("00", "01")).append(tlv("01", "12")).append(tlv("26", account))
                .append(tlv("52", "0000")).append(tlv("53", "986"));
        if (amount != null) {
            sb.append(tlv("54", amount));
        }
        sb.append(tlv("58", "BR")).append(tlv("59", RECEIVER_NAME.length() > 25 ? RECEIVER_NAME.substring(0, 25) : RECEIVER_NAME))
                .append(tlv("60", RECEIVER_CITY)).append(tlv("62", tlv("05", "***"))).append("6304");
        int crc = 0xFFFF;
        for (byte b : sb.toString().getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return sb.append(String.format("%04X", crc & 0xFFFF)).toString();
    }

    private static String tlv(String id, String v) {
        return id + String.format("%02d", v.length()) + v;
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
