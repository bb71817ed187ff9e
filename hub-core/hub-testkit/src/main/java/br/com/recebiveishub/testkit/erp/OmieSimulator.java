package br.com.recebiveishub.testkit.erp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local Omie for one company (app), speaking its JSON API as documented
 * (https://developer.omie.com.br/service-list/, https://ajuda.omie.com.br/pt-BR/articles/8112984):
 * every call is {@code POST} of {@code {"call", "app_key", "app_secret", "param":[{…}]}}.
 *
 * <ul>
 *   <li>{@code /api/v1/financas/contareceber/}: {@code ListarContasReceber} ({@code pagina},
 *       {@code registros_por_pagina} up to 500, {@code filtrar_por_data_de}/{@code _ate}
 *       ({@code dd/mm/aaaa}) with {@code filtrar_apenas_alteracao} or {@code filtrar_apenas_inclusao},
 *       ordered by code), {@code LancarRecebimento} ({@code codigo_lancamento},
 *       {@code codigo_baixa_integracao} — a repeat of the same key is refused as already there),
 *       {@code ConsultarContaReceber}.</li>
 *   <li>{@code /api/v1/geral/clientes/}: {@code ConsultarCliente} ({@code codigo_cliente_omie}).</li>
 *   <li>Faults as Omie answers them: HTTP 500 with {@code {"faultstring":"ERROR: …","faultcode":"SOAP-ENV:Client-…"}};
 *       a page past the end is the fault {@code Client-5113} "Não existem registros para a página [n]!".</li>
 *   <li>Limits: {@link #requestsPerMinute} per app key and method (429), 4 simultaneous requests
 *       per app key and method (429), and the "consumo redundante" rule: the same call with the
 *       same parameters within {@link #redundantWindow} is a fault asking to wait.</li>
 * </ul>
 *
 * <p>A title's {@code info.dAlt}/{@code hAlt} are set on inclusion and on every change (assumed:
 * Omie's pages do not say whether a title never changed has dAlt). Test data is fictitious.
 */
public final class OmieSimulator extends ErpSimulatorServer {

    public static final String APP_KEY = "1234567890123";
    public static final String APP_SECRET = "a1b2c3d4e5a1b2c3d4e5a1b2c3d4e5a1";
    /** The one conta corrente the simulated company has. */
    public static final long CONTA_CORRENTE = 4_245_120_001L;

    private static final ObjectMapper DEC = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final DateTimeFormatter BR = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter HORA = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Map<Long, ObjectNode> titulos = new TreeMap<>();
    private final Map<Long, ObjectNode> clientes = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> baixas = new ConcurrentHashMap<>();
    private final Map<String, Long> recentCalls = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> perMinute = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> concurrent = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(5_900_000_000L);
    private final AtomicInteger redundant = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile int requestsPerMinute = 240;
    private volatile Duration redundantWindow = Duration.ofSeconds(60);
    private volatile Duration holdEachCall = Duration.ZERO;

    public OmieSimulator() {
        super();
    }

    /** @return the API root the connector is configured with, {@code .../api/v1} */
    public URI apiBaseUrl() {
        return URI.create(rootUrl() + "/api/v1");
    }

    /** Omie's documented 240 per minute per app key and method by default; lower it to see 429s. */
    public void requestsPerMinute(int n) {
        requestsPerMinute = n;
    }

    /** Omie's 60 s by default; tests shorten it. The fault asks to wait the seconds left, rounded up. */
    public void redundantWindow(Duration d) {
        redundantWindow = d;
    }

    /** Every call holds its method's slot this long (to see the 4-simultaneous rule). */
    public void holdEachCall(Duration d) {
        holdEachCall = d;
    }

    /** @return the client's code (codigo_cliente_omie) */
    public long addCliente(String razaoSocial, String cnpjCpf, boolean pessoaFisica) {
        long id = ids.incrementAndGet();
        ObjectNode c = JSON.createObjectNode();
        c.put("codigo_cliente_omie", id).put("codigo_cliente_integracao", "").put("razao_social", razaoSocial)
                .put("nome_fantasia", razaoSocial).put("cnpj_cpf", cnpjCpf).put("pessoa_fisica", pessoaFisica ? "S" : "N")
                .put("inativo", "N");
        clientes.put(id, c);
        return id;
    }

    /** @return the title's code (codigo_lancamento_omie); status A VENCER, changed "now" */
    public synchronized long addTitulo(long cliente, String valor, LocalDate emissao, LocalDate vencimento, String numeroDocumento) {
        return addTitulo(cliente, valor, emissao, vencimento, numeroDocumento, LocalDateTime.now());
    }

    /** As {@link #addTitulo(long, String, LocalDate, LocalDate, String)}, included and last changed at {@code changed}. */
    public synchronized long addTitulo(long cliente, String valor, LocalDate emissao, LocalDate vencimento, String numeroDocumento,
                                       LocalDateTime changed) {
        long id = ids.incrementAndGet();
        ObjectNode t = JSON.createObjectNode();
        t.put("codigo_lancamento_omie", id).put("codigo_lancamento_integracao", "").put("codigo_cliente_fornecedor", cliente)
                .put("data_vencimento", vencimento.format(BR)).put("data_previsao", vencimento.format(BR))
                .put("valor_documento", new BigDecimal(valor)).put("codigo_categoria", "1.01.01").put("id_conta_corrente", CONTA_CORRENTE)
                .put("numero_documento", numeroDocumento).put("numero_parcela", "001/001").put("data_emissao", emissao.format(BR))
                .put("status_titulo", "A VENCER").put("saldo", new BigDecimal(valor));
        ObjectNode info = t.putObject("info");
        info.put("dInc", changed.toLocalDate().format(BR)).put("hInc", changed.format(HORA)).put("uInc", "WEBSERVICE")
                .put("dAlt", changed.toLocalDate().format(BR)).put("hAlt", changed.format(HORA)).put("uAlt", "WEBSERVICE").put("cImpAPI", "N");
        titulos.put(id, t);
        return id;
    }

    /** Forgets every title, client, baixa and recent call, for a suite that seeds per test. */
    public synchronized void reset() {
        titulos.clear();
        clientes.clear();
        baixas.clear();
        recentCalls.clear();
    }

    /** @return every title as ConsultarContaReceber shows it (with the simulator's saldo), by code */
    public synchronized List<JsonNode> titulos() {
        List<JsonNode> out = new ArrayList<>();
        titulos.values().forEach(t -> out.add(t.deepCopy()));
        return out;
    }

    /** Changes a title's field as a user would; its dAlt becomes {@code changed}. */
    public synchronized void edit(long id, String field, JsonNode value, LocalDateTime changed) {
        ObjectNode t = titulos.get(id);
        t.set(field, value);
        ((ObjectNode) t.get("info")).put("dAlt", changed.toLocalDate().format(BR)).put("hAlt", changed.format(HORA));
    }

    public synchronized JsonNode titulo(long id) {
        ObjectNode t = titulos.get(id);
        return t == null ? null : t.deepCopy();
    }

    /** @return every baixa (recebimento) recorded */
    public List<JsonNode> baixas() {
        return new ArrayList<>(baixas.values());
    }

    public int redundantFaults() {
        return redundant.get();
    }

    public int rateLimited() {
        return rateLimited.get();
    }

    @Override
    protected boolean isApi(String path) {
        return path.startsWith("/api/v1/");
    }

    @Override
    protected String outageBody() {
        return "{\"faultstring\":\"ERROR: Serviço temporariamente indisponível\",\"faultcode\":\"SOAP-ENV:Server\"}";
    }

    @Override
    protected Reply handle(String method, URI uri, HttpExchange ex, String body) throws IOException {
        if (!method.equals("POST")) {
            return fault("SOAP-ENV:Client-1", "ERROR: Método HTTP não suportado, utilize POST");
        }
        JsonNode req;
        try {
            req = DEC.readTree(body);
        } catch (IOException e) {
            return fault("SOAP-ENV:Client-2", "ERROR: Requisição JSON inválida");
        }
        String call = req.path("call").asText("");
        if (!APP_KEY.equals(req.path("app_key").asText()) || !APP_SECRET.equals(req.path("app_secret").asText())) {
            return fault("SOAP-ENV:Client-101", "ERROR: A chave de acesso não está preenchida ou não é válida!");
        }
        String slot = APP_KEY + "|" + call;
        if (!admit(slot)) {
            rateLimited.incrementAndGet();
            return new Reply(429, "{\"faultstring\":\"ERROR: Too many requests\",\"faultcode\":\"SOAP-ENV:Client-429\"}");
        }
        Semaphore s = concurrent.computeIfAbsent(slot, k -> new Semaphore(4));
        if (!s.tryAcquire()) {
            rateLimited.incrementAndGet();
            return new Reply(429, "{\"faultstring\":\"ERROR: Too many requests (simultaneous)\",\"faultcode\":\"SOAP-ENV:Client-429\"}");
        }
        try {
            if (!holdEachCall.isZero()) {
                sleep(holdEachCall);
            }
            String fingerprint = slot + "|" + req.path("param").toString();
            long now = System.nanoTime();
            Long last = recentCalls.get(fingerprint);
            if (last != null && now - last < redundantWindow.toNanos()) {
                redundant.incrementAndGet();
                long left = (redundantWindow.toNanos() - (now - last) + 999_999_999L) / 1_000_000_000L;
                return fault("SOAP-ENV:Client-6", "ERROR: Consumo redundante detectado. Aguarde " + left + " segundos para tentar novamente.");
            }
            recentCalls.put(fingerprint, now);
            JsonNode p = req.path("param").path(0);
            String path = uri.getPath();
            if (path.equals("/api/v1/financas/contareceber/")) {
                return switch (call) {
                    case "ListarContasReceber" -> listar(p);
                    case "LancarRecebimento" -> lancarRecebimento(p);
                    case "ConsultarContaReceber" -> consultarTitulo(p);
                    default -> fault("SOAP-ENV:Client-3", "ERROR: Método [" + call + "] não existe");
                };
            }
            if (path.equals("/api/v1/geral/clientes/") && call.equals("ConsultarCliente")) {
                ObjectNode c = clientes.get(p.path("codigo_cliente_omie").asLong());
                return c == null ? fault("SOAP-ENV:Client-103", "ERROR: Cliente não cadastrado para o Código [" + p.path("codigo_cliente_omie").asText() + "] !")
                        : new Reply(200, c.toString());
            }
            return fault("SOAP-ENV:Client-3", "ERROR: Método [" + call + "] não existe");
        } finally {
            s.release();
        }
    }

    private boolean admit(String slot) {
        Deque<Long> d = perMinute.computeIfAbsent(slot, k -> new ArrayDeque<>());
        synchronized (d) {
            long now = System.nanoTime();
            while (!d.isEmpty() && now - d.peekFirst() >= Duration.ofMinutes(1).toNanos()) {
                d.pollFirst();
            }
            if (d.size() >= requestsPerMinute) {
                return false;
            }
            d.addLast(now);
            return true;
        }
    }

    private synchronized Reply listar(JsonNode p) {
        int pagina = p.path("pagina").asInt(1);
        int porPagina = p.path("registros_por_pagina").asInt(20);
        if (pagina < 1 || porPagina < 1 || porPagina > 500) {
            return fault("SOAP-ENV:Client-8", "ERROR: O número de registros por página deve estar entre 1 e 500");
        }
        LocalDate de;
        LocalDate ate;
        try {
            de = p.hasNonNull("filtrar_por_data_de") ? LocalDate.parse(p.get("filtrar_por_data_de").asText(), BR) : null;
            ate = p.hasNonNull("filtrar_por_data_ate") ? LocalDate.parse(p.get("filtrar_por_data_ate").asText(), BR) : null;
        } catch (DateTimeParseException e) {
            return fault("SOAP-ENV:Client-9", "ERROR: Data inválida, utilize o formato dd/mm/aaaa");
        }
        String campo = "S".equals(p.path("filtrar_apenas_inclusao").asText()) ? "dInc" : "dAlt";
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode t : titulos.values()) {
            LocalDate d = LocalDate.parse(t.get("info").get(campo).asText(), BR);
            if ((de == null || !d.isBefore(de)) && (ate == null || !d.isAfter(ate))) {
                matching.add(t);
            }
        }
        int totalPaginas = (matching.size() + porPagina - 1) / porPagina;
        if (pagina > totalPaginas) {
            return fault("SOAP-ENV:Client-5113", "ERROR: Não existem registros para a página [" + pagina + "]!");
        }
        ArrayNode lista = JSON.createArrayNode();
        for (int i = (pagina - 1) * porPagina; i < Math.min(matching.size(), pagina * porPagina); i++) {
            ObjectNode t = matching.get(i).deepCopy();
            t.remove("saldo");
            lista.add(t);
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("pagina", pagina).put("total_de_paginas", totalPaginas).put("registros", lista.size())
                .put("total_de_registros", matching.size());
        r.set("conta_receber_cadastro", lista);
        return new Reply(200, r.toString());
    }

    private synchronized Reply consultarTitulo(JsonNode p) {
        ObjectNode t = titulos.get(p.path("codigo_lancamento_omie").asLong());
        if (t == null) {
            return fault("SOAP-ENV:Client-104", "ERROR: Lançamento não encontrado!");
        }
        ObjectNode r = JSON.createObjectNode();
        r.set("conta_receber_cadastro", t);
        return new Reply(200, r.toString());
    }

    private synchronized Reply lancarRecebimento(JsonNode p) {
        String chave = p.path("codigo_baixa_integracao").asText("");
        ObjectNode existing = baixas.get(chave);
        if (!chave.isEmpty() && existing != null) {
            return fault("SOAP-ENV:Client-102", "ERROR: Já existe um recebimento com o Código de Integração [" + chave
                    + "] com o ID [" + existing.get("codigo_baixa").asLong() + "] !");
        }
        ObjectNode t = titulos.get(p.path("codigo_lancamento").asLong());
        if (t == null) {
            return fault("SOAP-ENV:Client-104", "ERROR: Lançamento não encontrado para o código [" + p.path("codigo_lancamento").asText() + "]!");
        }
        String status = t.get("status_titulo").asText();
        if (status.equals("RECEBIDO") || status.equals("CANCELADO")) {
            return fault("SOAP-ENV:Client-105", "ERROR: O título está com status [" + status + "] e não pode ser baixado!");
        }
        if (p.path("codigo_conta_corrente").asLong() != CONTA_CORRENTE) {
            return fault("SOAP-ENV:Client-106", "ERROR: Conta corrente não cadastrada para o código [" + p.path("codigo_conta_corrente").asText() + "]!");
        }
        LocalDate data;
        try {
            data = LocalDate.parse(p.path("data").asText(), BR);
        } catch (DateTimeParseException e) {
            return fault("SOAP-ENV:Client-9", "ERROR: Data da baixa inválida, utilize o formato dd/mm/aaaa");
        }
        BigDecimal valor = p.path("valor").isNumber() ? p.get("valor").decimalValue() : null;
        BigDecimal saldo = t.get("saldo").decimalValue();
        if (valor == null || valor.signum() <= 0 || valor.compareTo(saldo) > 0) {
            return fault("SOAP-ENV:Client-107", "ERROR: Valor da baixa deve ser maior que zero e até o saldo do título");
        }
        long codigoBaixa = ids.incrementAndGet();
        BigDecimal novo = saldo.subtract(valor).setScale(2, RoundingMode.UNNECESSARY);
        t.put("saldo", novo).put("status_titulo", novo.signum() == 0 ? "RECEBIDO" : "PARCIAL");
        LocalDateTime now = LocalDateTime.now();
        ((ObjectNode) t.get("info")).put("dAlt", now.toLocalDate().format(BR)).put("hAlt", now.format(HORA));
        ObjectNode b = JSON.createObjectNode();
        b.put("codigo_baixa", codigoBaixa).put("codigo_baixa_integracao", chave).put("codigo_lancamento", t.get("codigo_lancamento_omie").asLong())
                .put("valor", valor).put("data", data.format(BR)).put("observacao", p.path("observacao").asText(""))
                .put("codigo_conta_corrente", CONTA_CORRENTE);
        baixas.put(chave.isEmpty() ? "#" + codigoBaixa : chave, b);
        ObjectNode r = JSON.createObjectNode();
        r.put("codigo_lancamento", t.get("codigo_lancamento_omie").asLong()).put("codigo_lancamento_integracao", "")
                .put("codigo_baixa", codigoBaixa).put("codigo_baixa_integracao", chave)
                .put("liquidado", novo.signum() == 0 ? "S" : "N").put("valor_baixado", valor)
                .put("codigo_status", "0").put("descricao_status", "Recebimento lançado com sucesso!");
        return new Reply(200, r.toString());
    }

    private static Reply fault(String code, String text) {
        ObjectNode f = JSON.createObjectNode();
        f.put("faultstring", text).put("faultcode", code);
        return new Reply(500, f.toString());
    }
}
