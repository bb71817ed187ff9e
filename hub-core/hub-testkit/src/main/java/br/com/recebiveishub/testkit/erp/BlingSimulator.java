package br.com.recebiveishub.testkit.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Bling (API v3) for one company account, speaking the documented protocol
 * (https://developer.bling.com.br/referencia, https://developer.bling.com.br/aplicativos):
 *
 * <ul>
 *   <li>{@code POST /Api/v3/oauth/token}, {@code grant_type=refresh_token}, the app's client id and
 *       secret in HTTP Basic. Each refresh issues a new access token (expires_in 21600) <em>and a
 *       new refresh token; the one used stops working</em>, as Bling rotates them.</li>
 *   <li>{@code GET /Api/v3/contas/receber} with {@code pagina}, {@code limite} (at most 100),
 *       {@code situacoes[]}, {@code tipoFiltroData} ({@code E} emissão, {@code V} vencimento),
 *       {@code dataInicial}/{@code dataFinal} ({@code yyyy-MM-dd}); ordered by id; the list shape
 *       of the reference (id, situacao, vencimento, valor, dataEmissao, contato, origem).</li>
 *   <li>{@code GET /Api/v3/contas/receber/{id}} (saldo, borderos), {@code GET /Api/v3/contatos/{id}},
 *       {@code POST /Api/v3/contas/receber/{id}/baixar} (creates a borderô, lowers the saldo, the
 *       conta becomes recebida (2) or parcialmente recebida (3)), {@code GET /Api/v3/borderos/{id}}.</li>
 *   <li>Bearer access token on every API call (401 {@code invalid_token} otherwise); at most
 *       {@value #REQUESTS_PER_SECOND} API requests in any second (429 {@code TOO_MANY_REQUESTS}).</li>
 *   <li>Errors in Bling's shape: {@code {"error":{"type","message","description"}}}.</li>
 * </ul>
 *
 * <p>Switches from {@link ErpSimulatorServer}: 5xx, late answers, outage. Test data is fictitious.
 */
public final class BlingSimulator extends ErpSimulatorServer {

    /** Bling's documented limit per account. */
    public static final int REQUESTS_PER_SECOND = 3;
    public static final String CLIENT_ID = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";
    public static final String CLIENT_SECRET = "5ecre75ecre75ecre75ecre75ecre75ecre75ecre75ecre75ecre7000";

    private static final Pattern CONTA = Pattern.compile("/Api/v3/contas/receber/(\\d+)");
    private static final Pattern BAIXAR = Pattern.compile("/Api/v3/contas/receber/(\\d+)/baixar");
    private static final Pattern CONTATO = Pattern.compile("/Api/v3/contatos/(\\d+)");
    private static final Pattern BORDERO = Pattern.compile("/Api/v3/borderos/(\\d+)");

    private final SecureRandom random = new SecureRandom();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Map<Long, ObjectNode> contas = new TreeMap<>();
    private final Map<Long, ObjectNode> contatos = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> borderos = new ConcurrentHashMap<>();
    private final Deque<Long> recent = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(16_000_000_000L);
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile boolean listCarriesContactDocument = true;
    private volatile int forcedRateLimit;

    public BlingSimulator() {
        super();
    }

    /** @return the API root the connector is configured with, {@code .../Api/v3} */
    public URI apiBaseUrl() {
        return URI.create(rootUrl() + "/Api/v3");
    }

    /** @return the token endpoint */
    public URI tokenUrl() {
        return URI.create(rootUrl() + "/Api/v3/oauth/token");
    }

    /** Plays the user authorizing the app once: a fresh refresh token for {@link #CLIENT_ID}. */
    public String authorize() {
        String rt = hex(20);
        refreshTokens.add(rt);
        return rt;
    }

    /** Every access token issued so far stops working (as after a revocation); refresh tokens stay. */
    public void expireAccessTokens() {
        accessTokens.clear();
    }

    /** Whether the list's {@code contato} carries nome and numeroDocumento (true) or only its id. */
    public void listCarriesContactDocument(boolean carries) {
        listCarriesContactDocument = carries;
    }

    /** The next {@code count} API requests answer 429 whatever the rate (another integration used the quota). */
    public void rateLimitNext(int count) {
        forcedRateLimit = count;
    }

    /** @return the contact's id */
    public long addContato(String nome, String numeroDocumento, String tipo) {
        long id = ids.incrementAndGet();
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id).put("nome", nome).put("codigo", "").put("situacao", "A")
                .put("numeroDocumento", numeroDocumento).put("tipo", tipo);
        contatos.put(id, c);
        return id;
    }

    /** @return the conta's id; situacao 1 (em aberto), saldo = valor */
    public synchronized long addConta(long contatoId, String valor, LocalDate dataEmissao, LocalDate vencimento, String origemNumero) {
        long id = ids.incrementAndGet();
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id).put("situacao", 1).put("vencimento", vencimento.toString())
                .put("valor", new BigDecimal(valor)).put("dataEmissao", dataEmissao.toString());
        c.putObject("contato").put("id", contatoId);
        c.putObject("formaPagamento").put("id", 1L);
        if (origemNumero != null) {
            c.putObject("origem").put("id", id + 1).put("tipoOrigem", "venda").put("numero", origemNumero)
                    .put("dataEmissao", dataEmissao.toString()).put("valor", new BigDecimal(valor)).put("situacao", 1);
        }
        c.put("saldo", new BigDecimal(valor)).put("vencimentoOriginal", vencimento.toString()).put("numeroDocumento", "")
                .put("competencia", dataEmissao.toString()).put("historico", "").put("numeroBanco", "");
        c.putArray("borderos");
        c.putObject("ocorrencia").put("tipo", 1);
        contas.put(id, c);
        return id;
    }

    /** Forgets every conta, contato and borderô (tokens stay valid), for a suite that seeds per test. */
    public synchronized void reset() {
        contas.clear();
        contatos.clear();
        borderos.clear();
    }

    /** @return every conta as the detail endpoint shows it, by id */
    public synchronized List<JsonNode> contas() {
        List<JsonNode> out = new ArrayList<>();
        contas.values().forEach(c -> out.add(c.deepCopy()));
        return out;
    }

    /** Changes a field of a conta as a user in Bling would (e.g. {@code valor}, {@code situacao}). */
    public synchronized void edit(long contaId, String field, JsonNode value) {
        contas.get(contaId).set(field, value);
    }

    public synchronized void delete(long contaId) {
        contas.remove(contaId);
    }

    /** @return the conta as the detail endpoint shows it */
    public synchronized JsonNode conta(long id) {
        ObjectNode c = contas.get(id);
        return c == null ? null : c.deepCopy();
    }

    /** @return every borderô recorded (baixas) */
    public List<JsonNode> borderos() {
        return new ArrayList<>(borderos.values());
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** @return how many API requests were refused for exceeding the rate limit */
    public int rateLimited() {
        return rateLimited.get();
    }

    @Override
    protected boolean isApi(String path) {
        return path.startsWith("/Api/v3/") && !path.startsWith("/Api/v3/oauth/");
    }

    @Override
    protected String outageBody() {
        return "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>";
    }

    @Override
    protected Reply handle(String method, URI uri, HttpExchange ex, String body) throws IOException {
        String path = uri.getPath();
        if (path.equals("/Api/v3/oauth/token") && method.equals("POST")) {
            return token(ex.getRequestHeaders().getFirst("Authorization"), form(body));
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !accessTokens.contains(auth.substring(7))) {
            return error(401, "invalid_token", "invalid_token", "The access token provided is invalid");
        }
        if (!admit()) {
            rateLimited.incrementAndGet();
            return error(429, "TOO_MANY_REQUESTS", "Limite de requisições atingido.",
                    "Limite de requisições por segundo atingido, tente novamente mais tarde.");
        }
        Map<String, List<String>> q = query(uri.getRawQuery());
        Matcher m;
        if (method.equals("GET") && path.equals("/Api/v3/contas/receber")) {
            return list(q);
        }
        if (method.equals("POST") && (m = BAIXAR.matcher(path)).matches()) {
            return baixar(Long.parseLong(m.group(1)), JSON.readTree(body.isEmpty() ? "{}" : body));
        }
        if (method.equals("GET") && (m = CONTA.matcher(path)).matches()) {
            synchronized (this) {
                ObjectNode c = contas.get(Long.parseLong(m.group(1)));
                return c == null ? notFound("Conta a receber") : data(detail(c));
            }
        }
        if (method.equals("GET") && (m = CONTATO.matcher(path)).matches()) {
            ObjectNode c = contatos.get(Long.parseLong(m.group(1)));
            return c == null ? notFound("Contato") : data(c);
        }
        if (method.equals("GET") && (m = BORDERO.matcher(path)).matches()) {
            ObjectNode b = borderos.get(Long.parseLong(m.group(1)));
            return b == null ? notFound("Borderô") : data(b);
        }
        return error(404, "RESOURCE_NOT_FOUND", "Recurso não encontrado", "O recurso requisitado não existe");
    }

    private synchronized boolean admit() {
        if (forcedRateLimit > 0) {
            forcedRateLimit--;
            return false;
        }
        long now = System.nanoTime();
        while (!recent.isEmpty() && now - recent.peekFirst() >= Duration.ofSeconds(1).toNanos()) {
            recent.pollFirst();
        }
        if (recent.size() >= REQUESTS_PER_SECOND) {
            return false;
        }
        recent.addLast(now);
        return true;
    }

    private Reply token(String authorization, Map<String, List<String>> form) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            return new Reply(401, "{\"error\":{\"type\":\"invalid_client\",\"message\":\"invalid_client\",\"description\":\"Client authentication failed\"}}");
        }
        if (!"refresh_token".equals(first(form, "grant_type"))) {
            return new Reply(400, "{\"error\":{\"type\":\"unsupported_grant_type\",\"message\":\"unsupported_grant_type\",\"description\":\"The authorization grant type is not supported\"}}");
        }
        String rt = first(form, "refresh_token");
        if (rt == null || !refreshTokens.remove(rt)) {
            return new Reply(400, "{\"error\":{\"type\":\"invalid_grant\",\"message\":\"invalid_grant\",\"description\":\"Invalid refresh token\"}}");
        }
        String access = hex(20);
        String next = hex(20);
        accessTokens.add(access);
        refreshTokens.add(next);
        tokensIssued.incrementAndGet();
        ObjectNode t = JSON.createObjectNode();
        t.put("access_token", access).put("expires_in", 21600).put("token_type", "Bearer").put("scope", "98309 5990556")
                .put("refresh_token", next);
        return new Reply(200, t.toString());
    }

    private synchronized Reply list(Map<String, List<String>> q) {
        int pagina = intParam(q, "pagina", 1);
        int limite = intParam(q, "limite", 100);
        if (pagina < 1 || limite < 1 || limite > 100) {
            return error(400, "VALIDATION_ERROR", "Não foi possível realizar a pesquisa", "pagina >= 1 e limite entre 1 e 100");
        }
        List<String> situacoes = q.getOrDefault("situacoes[]", List.of());
        String tipo = first(q, "tipoFiltroData");
        LocalDate de;
        LocalDate ate;
        try {
            de = first(q, "dataInicial") == null ? null : LocalDate.parse(first(q, "dataInicial"));
            ate = first(q, "dataFinal") == null ? null : LocalDate.parse(first(q, "dataFinal"));
        } catch (DateTimeParseException e) {
            return error(400, "VALIDATION_ERROR", "Não foi possível realizar a pesquisa", "dataInicial/dataFinal: formato yyyy-MM-dd");
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode c : contas.values()) {
            if (!situacoes.isEmpty() && !situacoes.contains(c.get("situacao").asText())) {
                continue;
            }
            LocalDate d = LocalDate.parse(c.get("V".equals(tipo) ? "vencimento" : "dataEmissao").asText());
            if ((de != null && d.isBefore(de)) || (ate != null && d.isAfter(ate))) {
                continue;
            }
            matching.add(c);
        }
        ArrayNode data = JSON.createArrayNode();
        int from = (pagina - 1) * limite;
        for (int i = from; i < Math.min(matching.size(), from + limite); i++) {
            ObjectNode c = matching.get(i);
            ObjectNode item = JSON.createObjectNode();
            for (String f : List.of("id", "situacao", "vencimento", "valor", "dataEmissao")) {
                item.set(f, c.get(f));
            }
            item.set("contato", contato(c.get("contato").get("id").asLong(), listCarriesContactDocument));
            item.set("formaPagamento", c.get("formaPagamento"));
            if (c.has("origem")) {
                item.set("origem", c.get("origem"));
            }
            data.add(item);
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("data", data);
        return new Reply(200, root.toString());
    }

    private ObjectNode detail(ObjectNode c) {
        ObjectNode d = c.deepCopy();
        d.set("contato", contato(c.get("contato").get("id").asLong(), true));
        return d;
    }

    private ObjectNode contato(long id, boolean full) {
        ObjectNode out = JSON.createObjectNode().put("id", id);
        ObjectNode c = contatos.get(id);
        if (full && c != null) {
            out.put("nome", c.get("nome").asText()).put("numeroDocumento", c.get("numeroDocumento").asText())
                    .put("tipo", c.get("tipo").asText());
        }
        return out;
    }

    private synchronized Reply baixar(long id, JsonNode b) {
        ObjectNode c = contas.get(id);
        if (c == null) {
            return notFound("Conta a receber");
        }
        int situacao = c.get("situacao").asInt();
        if (situacao == 2 || situacao == 5) {
            return error(400, "VALIDATION_ERROR", "Não foi possível baixar a conta",
                    situacao == 2 ? "A conta já está recebida" : "A conta está cancelada");
        }
        List<String> problems = new ArrayList<>();
        LocalDate data = null;
        try {
            data = LocalDate.parse(b.path("data").asText());
        } catch (DateTimeParseException e) {
            problems.add("data: formato yyyy-MM-dd");
        }
        if (!b.path("portador").path("id").canConvertToLong() || b.path("portador").path("id").asLong() <= 0) {
            problems.add("portador.id: obrigatório");
        }
        BigDecimal valor = b.path("valorRecebido").isNumber() ? b.get("valorRecebido").decimalValue() : null;
        BigDecimal saldo = c.get("saldo").decimalValue();
        if (valor == null || valor.signum() <= 0) {
            problems.add("valorRecebido: deve ser maior que zero");
        } else if (valor.compareTo(saldo) > 0) {
            problems.add("valorRecebido: maior que o saldo da conta");
        }
        if (!problems.isEmpty()) {
            return error(400, "VALIDATION_ERROR", "Não foi possível baixar a conta", String.join("; ", problems));
        }
        long borderoId = ids.incrementAndGet();
        ObjectNode bo = JSON.createObjectNode();
        bo.put("id", borderoId).put("data", data.toString()).put("historico", b.path("historico").asText(""));
        bo.putObject("portador").put("id", b.path("portador").path("id").asLong());
        bo.putObject("categoria").put("id", b.path("categoria").path("id").asLong(0));
        ObjectNode pg = bo.putArray("pagamentos").addObject();
        pg.putObject("contato").put("id", c.get("contato").get("id").asLong());
        pg.put("numeroDocumento", c.path("numeroDocumento").asText("")).put("valorPago", valor)
                .put("juros", b.path("juros").decimalValue()).put("desconto", b.path("desconto").decimalValue())
                .put("acrescimo", b.path("acrescimo").decimalValue()).put("tarifa", BigDecimal.ZERO);
        borderos.put(borderoId, bo);
        BigDecimal novo = saldo.subtract(valor).setScale(2, RoundingMode.UNNECESSARY);
        c.put("saldo", novo).put("situacao", novo.signum() == 0 ? 2 : 3);
        ((ArrayNode) c.get("borderos")).add(borderoId);
        ObjectNode root = JSON.createObjectNode();
        root.putObject("bordero").put("id", borderoId);
        return new Reply(200, root.toString());
    }

    private static Reply data(JsonNode n) {
        ObjectNode root = JSON.createObjectNode();
        root.set("data", n);
        return new Reply(200, root.toString());
    }

    private static Reply notFound(String what) {
        return error(404, "RESOURCE_NOT_FOUND", what + " não encontrado", "O recurso requisitado não foi encontrado");
    }

    private static Reply error(int status, String type, String message, String description) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("type", type).put("message", message).put("description", description);
        return new Reply(status, root.toString());
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int intParam(Map<String, List<String>> q, String name, int fallback) {
        String v = first(q, name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Map<String, List<String>> form(String body) {
        return query(body);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }
}
