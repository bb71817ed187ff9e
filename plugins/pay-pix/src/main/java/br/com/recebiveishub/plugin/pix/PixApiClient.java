package br.com.recebiveishub.plugin.pix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client of one PSP's API Pix (Banco Central OpenAPI 2.9.0): cob, cobv, webhook and devolução,
 * over mutual TLS with an OAuth2 client-credentials token.
 *
 * <p>Outcomes are three, never two: a value (done), {@link PixApiException} (the PSP answered and
 * nothing happened), or {@link PixUnknownOutcomeException} (timeout, broken connection, 5xx to a
 * write: it may have happened). Every write is idempotent by construction (the txid of a cob or
 * cobv, the id of a devolução), so resolving an unknown outcome is repeating the same call.
 *
 * <p>The token is cached until 30 seconds before it expires; a 401 (the PSP revoked or expired it
 * early) drops it and the call is repeated once with a fresh one, which is safe because a 401
 * means the request was not processed.
 *
 * <p>Logs nothing: keys, names and documents are personal data, and the hub logs outcomes with
 * the txid itself.
 */
public final class PixApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern E2E = Pattern.compile("[a-zA-Z0-9]{32}");
    private static final Pattern DEVOLUCAO_ID = Pattern.compile("[a-zA-Z0-9]{1,35}");
    private static final Duration TOKEN_SKEW = Duration.ofSeconds(30);

    private final PixApiConfig config;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant tokenExpiresAt = Instant.MIN;
    private int tokensFetched;

    PixApiClient(PixApiConfig config, HttpClient http, Clock clock) {
        this.config = Objects.requireNonNull(config);
        this.http = Objects.requireNonNull(http);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Builds a client whose TLS presents the certificate in {@code config.keystore()}.
     *
     * @throws IllegalArgumentException when the keystore or truststore cannot be read (the message
     *                                  names the file, never the password)
     */
    public static PixApiClient create(PixApiConfig config) {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(sslContext(config))
                .connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new PixApiClient(config, http, Clock.systemUTC());
    }

    static SSLContext sslContext(PixApiConfig config) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(config.keystore())) {
                ks.load(in, config.keystorePassword());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, config.keystorePassword());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (config.truststore() != null) {
                KeyStore ts = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(config.truststore())) {
                    ts.load(in, config.truststorePassword());
                }
                tmf.init(ts);
            } else {
                tmf.init((KeyStore) null);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the mTLS keystore/truststore (" + config.keystore() + "): "
                    + e.getClass().getSimpleName(), e);
        }
    }

    // ---------------------------------------------------------------- cob

    /** {@code PUT /cob/{txid}}: creates (or, same body, finds again) an immediate charge. */
    public Cobranca createCob(CobRequest r) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("calendario").put("expiracao", r.expiracaoSegundos());
        if (r.devedor() != null) {
            putDocumentoENome(body.putObject("devedor"), r.devedor());
        }
        body.putObject("valor").put("original", Money.format(r.valor(), "valor.original"));
        body.put("chave", r.chave().value());
        if (r.solicitacaoPagador() != null) {
            body.put("solicitacaoPagador", r.solicitacaoPagador());
        }
        String path = "cob/" + r.txid().value();
        JsonNode res = send("PUT", path, body, "PUT /cob", r.txid().value(), Set.of(200, 201));
        return readCobranca(res, Cobranca.Tipo.COB, "PUT /cob", r.txid().value(), true);
    }

    /** {@code GET /cob/{txid}}. */
    public Cobranca getCob(Txid txid) {
        JsonNode res = send("GET", "cob/" + txid.value(), null, "GET /cob", txid.value(), Set.of(200));
        return readCobranca(res, Cobranca.Tipo.COB, "GET /cob", txid.value(), false);
    }

    // ---------------------------------------------------------------- cobv

    /** {@code PUT /cobv/{txid}}: creates (or, same body, finds again) a charge with a due date. */
    public Cobranca createCobv(CobvRequest r) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode cal = body.putObject("calendario");
        cal.put("dataDeVencimento", r.dataDeVencimento().toString());
        cal.put("validadeAposVencimento", r.validadeAposVencimento());
        ObjectNode devedor = body.putObject("devedor");
        Devedor d = r.devedor();
        putIfPresent(devedor, "logradouro", d.logradouro());
        putIfPresent(devedor, "cidade", d.cidade());
        putIfPresent(devedor, "uf", d.uf());
        putIfPresent(devedor, "cep", d.cep());
        putIfPresent(devedor, "email", d.email());
        putDocumentoENome(devedor, d);
        ObjectNode valor = body.putObject("valor");
        valor.put("original", Money.format(r.valor(), "valor.original"));
        if (r.multa() != null) {
            valor.putObject("multa").put("modalidade", r.multa().modalidade())
                    .put("valorPerc", Money.format(r.multa().valorPerc(), "multa.valorPerc"));
        }
        if (r.juros() != null) {
            valor.putObject("juros").put("modalidade", r.juros().modalidade())
                    .put("valorPerc", Money.format(r.juros().valorPerc(), "juros.valorPerc"));
        }
        if (r.desconto() != null) {
            ObjectNode desc = valor.putObject("desconto");
            desc.put("modalidade", r.desconto().modalidade());
            if (r.desconto().valorPerc() != null) {
                desc.put("valorPerc", Money.format(r.desconto().valorPerc(), "desconto.valorPerc"));
            } else {
                ArrayNode datas = desc.putArray("descontoDataFixa");
                for (CobvRequest.DescontoData dd : r.desconto().datas()) {
                    datas.addObject().put("data", dd.data().toString()).put("valorPerc", Money.format(dd.valorPerc(), "desconto.valorPerc"));
                }
            }
        }
        body.put("chave", r.chave().value());
        if (r.solicitacaoPagador() != null) {
            body.put("solicitacaoPagador", r.solicitacaoPagador());
        }
        JsonNode res = send("PUT", "cobv/" + r.txid().value(), body, "PUT /cobv", r.txid().value(), Set.of(200, 201));
        return readCobranca(res, Cobranca.Tipo.COBV, "PUT /cobv", r.txid().value(), true);
    }

    /** {@code GET /cobv/{txid}}. */
    public Cobranca getCobv(Txid txid) {
        JsonNode res = send("GET", "cobv/" + txid.value(), null, "GET /cobv", txid.value(), Set.of(200));
        return readCobranca(res, Cobranca.Tipo.COBV, "GET /cobv", txid.value(), false);
    }

    // ---------------------------------------------------------------- removal

    /**
     * {@code PATCH /cob/{txid}} or {@code PATCH /cobv/{txid}} with only
     * {@code {"status":"REMOVIDA_PELO_USUARIO_RECEBEDOR"}}: the charge can no longer be paid. The
     * API forbids changing anything else in the same request, so nothing else is sent.
     *
     * <p>The API refuses (400) a PATCH of a charge that is no longer ATIVA. Such a refusal is read
     * back: a charge already removed by the receiver is returned as it is (a repeat after an
     * unknown outcome is then harmless); one paid meanwhile (CONCLUIDA) or removed by the PSP stays
     * a refusal, so the caller reads it and settles what was paid.
     */
    public Cobranca removeCharge(Cobranca.Tipo tipo, Txid txid) {
        String kind = tipo == Cobranca.Tipo.COB ? "cob" : "cobv";
        String operation = "PATCH /" + kind;
        ObjectNode body = JSON.createObjectNode().put("status", Cobranca.Status.REMOVIDA_PELO_USUARIO_RECEBEDOR.name());
        try {
            JsonNode res = send("PATCH", kind + "/" + txid.value(), body, operation, txid.value(), Set.of(200));
            return readCobranca(res, tipo, operation, txid.value(), true);
        } catch (PixApiException refused) {
            if (refused.status() != 400) {
                throw refused;
            }
            Cobranca now = tipo == Cobranca.Tipo.COB ? getCob(txid) : getCobv(txid);
            if (now.status() == Cobranca.Status.REMOVIDA_PELO_USUARIO_RECEBEDOR) {
                return now;
            }
            throw new PixApiException(400, refused.problemType(), "the charge is " + now.status() + ", not removable",
                    refused.violations());
        }
    }

    // ---------------------------------------------------------------- webhook

    /**
     * {@code PUT /webhook/{chave}}: the PSP will POST the Pix received on this key to
     * {@code webhookUrl + "/pix"}. Idempotent (the same URL again changes nothing).
     */
    public void registerWebhook(PixKey chave, URI webhookUrl) {
        if (!"https".equalsIgnoreCase(webhookUrl.getScheme())) {
            throw new IllegalArgumentException("webhookUrl must be https: PSPs deliver notifications over mTLS");
        }
        ObjectNode body = JSON.createObjectNode().put("webhookUrl", webhookUrl.toString());
        send("PUT", "webhook/" + encode(chave.value()), body, "PUT /webhook", "(key)", Set.of(200, 201, 204));
    }

    // ---------------------------------------------------------------- devolução

    /**
     * {@code PUT /pix/{e2eid}/devolucao/{id}}: asks the PSP to refund {@code valor} of a received
     * Pix. {@code id} is the receiver's and the idempotency key: the same id again returns the same
     * refund, never a second one.
     */
    public Devolucao requestDevolucao(String endToEndId, String id, BigDecimal valor, String descricao) {
        checkE2e(endToEndId);
        if (id == null || !DEVOLUCAO_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("devolução id must be 1 to 35 letters and digits");
        }
        if (valor == null || valor.signum() <= 0) {
            throw new IllegalArgumentException("devolução valor must be greater than zero");
        }
        if (descricao != null && descricao.length() > 140) {
            throw new IllegalArgumentException("devolução descricao has at most 140 characters");
        }
        ObjectNode body = JSON.createObjectNode().put("valor", Money.format(valor, "valor"));
        if (descricao != null) {
            body.put("descricao", descricao);
        }
        JsonNode res = send("PUT", "pix/" + endToEndId + "/devolucao/" + id, body, "PUT /devolucao", id, Set.of(200, 201));
        return readOrUnknown(() -> readDevolucao(res), "PUT /devolucao", id);
    }

    /** {@code GET /pix/{e2eid}/devolucao/{id}}. */
    public Devolucao getDevolucao(String endToEndId, String id) {
        checkE2e(endToEndId);
        JsonNode res = send("GET", "pix/" + endToEndId + "/devolucao/" + id, null, "GET /devolucao", id, Set.of(200));
        return readOrRefuse(() -> readDevolucao(res));
    }

    // ---------------------------------------------------------------- pix

    /** {@code GET /pix/{e2eid}}: a received Pix, e.g. to confirm a notification before paying a receivable. */
    public PixRecebido getPix(String endToEndId) {
        checkE2e(endToEndId);
        JsonNode res = send("GET", "pix/" + endToEndId, null, "GET /pix", endToEndId, Set.of(200));
        return readOrRefuse(() -> readPix(res));
    }

    // ---------------------------------------------------------------- webhook notification

    /**
     * Reads the body the PSP POSTs to {@code {webhookUrl}/pix}: {@code {"pix":[...]}}.
     *
     * <p>Delivery is at least once and in no particular order: the same Pix can arrive twice and a
     * later one first. Callers key payments by {@link PixRecebido#endToEndId()}.
     *
     * @throws IllegalArgumentException naming the item and field that does not follow the API
     */
    public static List<PixRecebido> parseWebhook(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("webhook body is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("pix").isArray()) {
            throw new IllegalArgumentException("webhook body must be an object with a \"pix\" array");
        }
        List<PixRecebido> out = new ArrayList<>();
        int i = 0;
        for (JsonNode p : root.get("pix")) {
            try {
                out.add(readPix(p));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pix[" + i + "]: " + e.getMessage());
            }
            i++;
        }
        return out;
    }

    // ---------------------------------------------------------------- transport

    /** @return tokens fetched so far (for tests of the cache) */
    synchronized int tokensFetched() {
        return tokensFetched;
    }

    private synchronized String token(boolean refresh) {
        Instant now = clock.instant();
        if (!refresh && token != null && now.isBefore(tokenExpiresAt.minus(TOKEN_SKEW))) {
            return token;
        }
        token = null;
        String form = "grant_type=client_credentials" + (config.scope() == null ? "" : "&scope=" + encode(config.scope()));
        String basic = Base64.getEncoder().encodeToString(
                (encode(config.clientId()) + ":" + encode(config.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(config.tokenUrl())
                .timeout(config.requestTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<byte[]> res;
        try {
            res = exchange(req, "POST /oauth/token", "(token)", true);
        } catch (PixUnknownOutcomeException e) {
            // A token request changes nothing at the PSP, and without a token the operation was never
            // sent: this is a definite "not done" (e.g. the PSP closed the TLS session because it does
            // not accept the client certificate), safe to retry.
            throw new PixApiException(0, "NaoEnviado", "no token from the PSP, operation not sent: " + e.getMessage(), List.of());
        }
        if (res.statusCode() != 200) {
            throw new PixApiException(res.statusCode(), "oauth:" + oauthError(res.body()), "token refused", List.of());
        }
        JsonNode t = readJson(res.body());
        String accessToken = t == null ? null : t.path("access_token").asText(null);
        if (accessToken == null || accessToken.isEmpty() || !"bearer".equalsIgnoreCase(t.path("token_type").asText("bearer"))) {
            throw new PixApiException(200, "oauth:invalid_response", "token response has no bearer access_token", List.of());
        }
        long expiresIn = t.path("expires_in").asLong(0);
        token = accessToken;
        tokenExpiresAt = now.plusSeconds(expiresIn > 0 ? expiresIn : 60);
        tokensFetched++;
        return token;
    }

    private synchronized void dropToken(String used) {
        if (Objects.equals(token, used)) {
            token = null;
        }
    }

    private JsonNode send(String method, String path, JsonNode body, String operation, String key, Set<Integer> ok) {
        URI uri = config.apiBaseUrl().resolve(path);
        boolean write = !method.equals("GET");
        for (int attempt = 0; ; attempt++) {
            String bearer = token(false);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                    .timeout(config.requestTimeout())
                    .header("Authorization", "Bearer " + bearer)
                    .header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> res = exchange(b.build(), operation, key, write);
            int status = res.statusCode();
            if (status == 401 && attempt == 0) {
                dropToken(bearer);
                continue;
            }
            if (ok.contains(status)) {
                byte[] bytes = res.body();
                return bytes == null || bytes.length == 0 ? JSON.createObjectNode() : readBody(bytes, operation, key, write, status);
            }
            if (status >= 500 && write) {
                throw new PixUnknownOutcomeException(operation, key, "PSP answered HTTP " + status, null);
            }
            throw problem(status, res.body());
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest req, String operation, String key, boolean write) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new PixUnknownOutcomeException(operation, key, "no answer within " + config.requestTimeout().toMillis() + " ms", e);
        } catch (ConnectException e) {
            // nothing reached the PSP: a definite failure, safe to retry later
            throw new PixApiException(0, "NaoEnviado", "cannot connect to the PSP: " + e.getClass().getSimpleName(), List.of());
        } catch (SSLHandshakeException e) {
            throw new PixApiException(0, "NaoEnviado", "TLS handshake with the PSP failed (certificate?)", List.of());
        } catch (IOException e) {
            if (isHandshakeFailure(e)) {
                throw new PixApiException(0, "NaoEnviado", "TLS handshake with the PSP failed (certificate?)", List.of());
            }
            throw new PixUnknownOutcomeException(operation, key, "connection failed: " + chain(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PixUnknownOutcomeException(operation, key, "interrupted while waiting for the PSP", e);
        }
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 300; t = t.getCause()) {
            sb.append(sb.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(" (").append(t.getMessage()).append(')');
            }
        }
        return sb.toString();
    }

    private static boolean isHandshakeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode readBody(byte[] bytes, String operation, String key, boolean write, int status) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            if (write) {
                throw new PixUnknownOutcomeException(operation, key, "PSP answered " + status + " with a body that is not JSON", e);
            }
            throw new PixApiException(status, "RespostaIlegivel", "response is not JSON", List.of());
        }
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static String oauthError(byte[] body) {
        JsonNode n = readJson(body);
        return n == null ? "unknown" : n.path("error").asText("unknown");
    }

    private static PixApiException problem(int status, byte[] body) {
        JsonNode p = readJson(body);
        if (p == null || !p.isObject()) {
            return new PixApiException(status, null, null, List.of());
        }
        String type = p.path("type").asText(null);
        if (type != null && type.contains("/")) {
            type = type.substring(type.lastIndexOf('/') + 1);
        }
        List<String> violations = new ArrayList<>();
        for (JsonNode v : p.path("violacoes")) {
            violations.add(v.path("propriedade").asText("?") + ": " + v.path("razao").asText(""));
        }
        return new PixApiException(status, type, p.path("detail").asText(null), violations);
    }

    // ---------------------------------------------------------------- reading

    private interface Reader<T> {
        T read();
    }

    private static <T> T readOrUnknown(Reader<T> r, String operation, String key) {
        try {
            return r.read();
        } catch (RuntimeException e) {
            throw new PixUnknownOutcomeException(operation, key, "the PSP accepted it but its answer does not follow the API: " + e.getMessage(), e);
        }
    }

    private static <T> T readOrRefuse(Reader<T> r) {
        try {
            return r.read();
        } catch (RuntimeException e) {
            throw new PixApiException(200, "RespostaInvalida", e.getMessage(), List.of());
        }
    }

    private static Cobranca readCobranca(JsonNode n, Cobranca.Tipo tipo, String operation, String key, boolean write) {
        Reader<Cobranca> r = () -> {
            JsonNode cal = n.path("calendario");
            List<PixRecebido> pix = new ArrayList<>();
            for (JsonNode p : n.path("pix")) {
                pix.add(readPix(p));
            }
            JsonNode loc = n.path("loc");
            String location = n.hasNonNull("location") ? n.get("location").asText() : loc.path("location").asText(null);
            return new Cobranca(tipo,
                    new Txid(text(n, "txid")),
                    n.path("revisao").asInt(),
                    Cobranca.Status.valueOf(text(n, "status")),
                    OffsetDateTime.parse(text(cal, "criacao")).toInstant(),
                    tipo == Cobranca.Tipo.COB ? cal.path("expiracao").asInt(86400) : null,
                    tipo == Cobranca.Tipo.COBV ? LocalDate.parse(text(cal, "dataDeVencimento")) : null,
                    tipo == Cobranca.Tipo.COBV ? cal.path("validadeAposVencimento").asInt(30) : null,
                    Money.parse(text(n.path("valor"), "original"), "valor.original"),
                    text(n, "chave"),
                    loc.hasNonNull("id") ? loc.get("id").asLong() : null,
                    location,
                    n.path("pixCopiaECola").asText(null),
                    pix);
        };
        if (!n.path("txid").asText("").equals(key)) {
            String msg = "the PSP answered for another txid";
            if (write) {
                throw new PixUnknownOutcomeException(operation, key, msg, null);
            }
            throw new PixApiException(200, "RespostaInvalida", msg, List.of());
        }
        return write ? readOrUnknown(r, operation, key) : readOrRefuse(r);
    }

    private static PixRecebido readPix(JsonNode p) {
        String e2e = text(p, "endToEndId");
        checkE2e(e2e);
        String txid = p.path("txid").asText(null);
        if (txid != null && !DEVOLUCAO_ID.matcher(txid).matches()) {
            throw new IllegalArgumentException("txid must be 1 to 35 letters and digits");
        }
        List<Devolucao> devolucoes = new ArrayList<>();
        JsonNode devs = p.path("devolucoes");
        if (devs.isObject()) {
            // the OpenAPI's own webhook example writes one devolução as an object, not an array
            devolucoes.add(readDevolucao(devs));
        } else {
            for (JsonNode d : devs) {
                devolucoes.add(readDevolucao(d));
            }
        }
        return new PixRecebido(e2e, txid, Money.parse(text(p, "valor"), "valor"),
                OffsetDateTime.parse(text(p, "horario")).toInstant(), p.path("infoPagador").asText(null), devolucoes);
    }

    private static Devolucao readDevolucao(JsonNode d) {
        JsonNode h = d.path("horario");
        return new Devolucao(text(d, "id"), text(d, "rtrId"), Money.parse(text(d, "valor"), "devolucao.valor"),
                Devolucao.Status.valueOf(text(d, "status")),
                h.hasNonNull("solicitacao") ? OffsetDateTime.parse(h.get("solicitacao").asText()).toInstant() : null,
                h.hasNonNull("liquidacao") ? OffsetDateTime.parse(h.get("liquidacao").asText()).toInstant() : null,
                d.path("motivo").asText(null));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return v.asText();
    }

    private static void checkE2e(String e2e) {
        if (e2e == null || !E2E.matcher(e2e).matches()) {
            throw new IllegalArgumentException("endToEndId must be 32 letters and digits");
        }
    }

    private static void putDocumentoENome(ObjectNode o, Devedor d) {
        o.put(d.documento().tipo() == br.com.recebiveishub.sdk.model.Documento.Tipo.CPF ? "cpf" : "cnpj", d.documento().numero());
        o.put("nome", d.nome());
    }

    private static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
