package br.com.recebiveishub.plugin.omie;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Contas a receber from Omie: {@code ListarContasReceber} by change date and page, the debtor's
 * CNPJ/CPF from {@code ConsultarCliente} (once per client per read: Omie refuses the same query
 * twice within 60 s), and the payment written back with {@code LancarRecebimento}, whose
 * {@code codigo_baixa_integracao} is the idempotency key. See the plugin README.
 */
@Extension
public final class OmieConnector implements ErpApiConnector {

    static final String SYSTEM = "OMIE";
    static final int PAGE_SIZE = 200;
    private static final String RECEBER = "financas/contareceber/";
    private static final String CLIENTES = "geral/clientes/";
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter BR = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String FILE = "OMIE ListarContasReceber";
    /** Settled or cancelled titles are not to collect; every other status_titulo is. */
    private static final Set<String> CLOSED = Set.of("RECEBIDO", "LIQUIDADO", "CANCELADO");
    private static final String NOT_FOUND = "__hub_not_found";
    private static final Pattern EXISTING_ID = Pattern.compile("(?i)ID \\[(\\d+)\\]");

    private final OmieClient client;

    /** What PF4J instantiates: 5 attempts, backoff 2 s doubling up to 30 s. */
    public OmieConnector() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build(),
                5, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    OmieConnector(HttpClient http, int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this.client = new OmieClient(http, maxAttempts, baseDelay, maxDelay);
    }

    @Override
    public String configurationSchema() {
        return OmieSettings.SCHEMA;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public ConnectionCheck check(ErpAccount account) {
        OmieSettings s;
        try {
            s = OmieSettings.of(account);
        } catch (IllegalArgumentException e) {
            return ConnectionCheck.failed("invalid-settings", e.getMessage());
        }
        try {
            ObjectNode p = OmieClient.JSON.createObjectNode().put("pagina", 1).put("registros_por_pagina", 1).put("apenas_importado_api", "N");
            OmieClient.Answer a = client.call(s, RECEBER, "ListarContasReceber", p, false);
            if (!a.fault() || a.noRecords()) {
                return ConnectionCheck.succeeded("Omie answered: contas a receber can be read");
            }
            if (a.redundant()) {
                // Omie recognised the app and the call: the same check ran less than 60 s ago.
                return ConnectionCheck.succeeded("Omie answered (the same check ran less than a minute ago)");
            }
            if (a.unauthorized()) {
                return ConnectionCheck.failed("unauthorized", "Omie refused the App Key / App Secret: " + a.faultString());
            }
            return ConnectionCheck.failed("error", "Omie answered " + a.faultCode() + ": " + a.faultString());
        } catch (OmieClient.Unavailable e) {
            return ConnectionCheck.failed(e.rateLimited ? "rate-limited" : "unreachable", e.getMessage());
        } catch (RuntimeException e) {
            return ConnectionCheck.failed("error", "Unexpected " + e.getClass().getSimpleName());
        }
    }

    @Override
    public List<ErpStream> discover(ErpAccount account) {
        return List.of(new ErpStream(RECEIVABLES,
                "Títulos do contas a receber not yet received or cancelled (ListarContasReceber), by change date (info.dAlt)",
                "info.dAlt"));
    }

    @Override
    public void read(ErpAccount account, String stream, String cursor, ConnectorContext context, SyncSink sink) {
        if (!RECEIVABLES.equals(stream)) {
            throw new IllegalArgumentException("stream: Omie offers only " + RECEIVABLES);
        }
        OmieSettings s = settingsOrRefuse(account);
        LocalDate today = LocalDate.now(SAO_PAULO);
        OmieCursor c = cursor == null ? new OmieCursor(s.startDate(), null, 1) : OmieCursor.parse(cursor);
        LocalDate from = c.from();
        LocalDate to = c.to() != null ? c.to() : (today.isBefore(from) ? from : today);
        Set<Long> emitted = new HashSet<>();
        Map<Long, JsonNode> clientes = new HashMap<>();
        long line = 0;
        try {
            for (int page = c.page(); ; page++) {
                ObjectNode p = OmieClient.JSON.createObjectNode();
                p.put("pagina", page).put("registros_por_pagina", PAGE_SIZE).put("apenas_importado_api", "N")
                        .put("ordenar_por", "CODIGO").put("filtrar_por_data_de", from.format(BR))
                        .put("filtrar_por_data_ate", to.format(BR)).put("filtrar_apenas_alteracao", "S");
                OmieClient.Answer a = client.call(s, RECEBER, "ListarContasReceber", p, true);
                if (a.noRecords()) {
                    sink.checkpoint(new OmieCursor(to, null, 1).text());
                    return;
                }
                refuseFault(a);
                for (JsonNode t : a.body().path("conta_receber_cadastro")) {
                    long codigo = t.path("codigo_lancamento_omie").asLong();
                    // A title changed during the read may come again on a later page; emit it once.
                    if (!emitted.add(codigo) || CLOSED.contains(t.path("status_titulo").asText("").toUpperCase(Locale.ROOT))) {
                        continue;
                    }
                    line++;
                    map(s, t, line, clientes, sink);
                }
                if (page >= a.body().path("total_de_paginas").asInt(page)) {
                    sink.checkpoint(new OmieCursor(to, null, 1).text());
                    return;
                }
                sink.checkpoint(new OmieCursor(from, to, page + 1).text());
            }
        } catch (OmieClient.Unavailable e) {
            throw new ErpUnavailableException(e.getMessage(), e);
        }
    }

    private void map(OmieSettings s, JsonNode t, long line, Map<Long, JsonNode> clientes, SyncSink sink) {
        long codigo = t.path("codigo_lancamento_omie").asLong();
        String ref = "titulo " + codigo;
        try {
            LocalDate issue = date(t, "data_emissao");
            LocalDate due = date(t, "data_vencimento");
            BigDecimal valor = money(t.path("valor_documento"));
            JsonNode cliente = cliente(s, t.path("codigo_cliente_fornecedor").asLong(), clientes);
            String nome = cliente.path("razao_social").asText("").isBlank() ? cliente.path("nome_fantasia").asText("")
                    : cliente.path("razao_social").asText();
            if (nome.isBlank()) {
                throw new Invalid("cliente.razao_social", "empty");
            }
            Documento doc;
            try {
                doc = Documento.parse(cliente.path("cnpj_cpf").asText(""));
            } catch (IllegalArgumentException e) {
                throw new Invalid("cliente.cnpj_cpf", e.getMessage());
            }
            String numero = t.path("numero_documento").asText("").trim();
            sink.accept(new ReceivableRecord(SYSTEM, String.valueOf(codigo), numero.isEmpty() ? String.valueOf(codigo) : numero,
                    issue, due, valor, new Debtor(doc, nome.trim(), null, null, null), null, line, ref));
        } catch (Invalid e) {
            sink.reject(new RecordRejection(FILE, line, ref, e.field, e.getMessage()));
        }
    }

    private JsonNode cliente(OmieSettings s, long codigo, Map<Long, JsonNode> cache) {
        JsonNode cached = cache.get(codigo);
        if (cached != null) {
            if (cached.has(NOT_FOUND)) {
                throw new Invalid("codigo_cliente_fornecedor", cached.get(NOT_FOUND).asText());
            }
            return cached;
        }
        if (codigo <= 0) {
            throw new Invalid("codigo_cliente_fornecedor", "missing");
        }
        OmieClient.Answer a = client.call(s, CLIENTES, "ConsultarCliente",
                OmieClient.JSON.createObjectNode().put("codigo_cliente_omie", codigo), true);
        if (a.fault()) {
            if (a.unauthorized()) {
                refuseFault(a);
            }
            // Remembered too: asking again within 60 s would be "consumo redundante".
            String reason = "ConsultarCliente " + codigo + ": " + a.faultString();
            cache.put(codigo, OmieClient.JSON.createObjectNode().put(NOT_FOUND, reason));
            throw new Invalid("codigo_cliente_fornecedor", reason);
        }
        cache.put(codigo, a.body());
        return a.body();
    }

    @Override
    public WriteBackReceipt writeBackPayment(ErpAccount account, PaymentWriteBack p) {
        OmieSettings s = settingsOrRefuse(account);
        if (s.contaCorrenteId() == null) {
            throw new RefusedException(0, "invalid-settings", "contaCorrenteId: required to write payments back to Omie");
        }
        if (!p.externalId().matches("[0-9]{1,20}")) {
            throw new RefusedException(0, "invalid-external-id", "externalId: not an Omie codigo_lancamento (digits)");
        }
        ObjectNode param = OmieClient.JSON.createObjectNode();
        param.put("codigo_lancamento", Long.parseLong(p.externalId()))
                .put("codigo_baixa_integracao", baixaKey(p.idempotencyKey()))
                .put("codigo_conta_corrente", s.contaCorrenteId())
                .put("valor", p.amount()).put("desconto", BigDecimal.ZERO).put("juros", BigDecimal.ZERO).put("multa", BigDecimal.ZERO)
                .put("data", p.paidOn().format(BR))
                .put("observacao", "RecebiveisHub " + p.idempotencyKey() + " " + p.method() + (p.note() == null ? "" : " " + p.note()))
                .put("conciliar_documento", "N");
        OmieClient.Answer a;
        try {
            // Safe to repeat: Omie refuses a second baixa with the same codigo_baixa_integracao.
            a = client.call(s, RECEBER, "LancarRecebimento", param, true);
        } catch (OmieClient.Unavailable e) {
            throw new UnknownOutcomeException(p.idempotencyKey(), "Omie unavailable during write-back, repeat it: " + e.getMessage());
        }
        if (!a.fault()) {
            return new WriteBackReceipt(a.body().path("codigo_baixa").asText(null), false);
        }
        String text = a.faultString().toLowerCase(Locale.ROOT);
        if (text.contains("já existe") && text.contains("integra")) {
            Matcher m = EXISTING_ID.matcher(a.faultString());
            return new WriteBackReceipt(m.find() ? m.group(1) : null, true);
        }
        throw new RefusedException(500, a.faultCode(), "Omie refused LancarRecebimento: " + a.faultString());
    }

    /**
     * Omie's page does not give codigo_baixa_integracao's length; the hub's keys can be long. A
     * stable 20-character digest of the key is used (the full key goes in the observação).
     */
    static String baixaKey(String idempotencyKey) {
        return "RH" + OmieSettings.sha256(idempotencyKey).substring(0, 18);
    }

    private static void refuseFault(OmieClient.Answer a) {
        if (!a.fault()) {
            return;
        }
        throw new RefusedException(500, a.unauthorized() ? "unauthorized" : a.faultCode(), "Omie refused: " + a.faultString());
    }

    private static OmieSettings settingsOrRefuse(ErpAccount account) {
        try {
            return OmieSettings.of(account);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(0, "invalid-settings", e.getMessage());
        }
    }

    private static LocalDate date(JsonNode t, String field) {
        String v = t.path(field).asText("").trim();
        if (v.isEmpty()) {
            throw new Invalid(field, "missing");
        }
        try {
            return LocalDate.parse(v, BR);
        } catch (DateTimeParseException e) {
            throw new Invalid(field, "not a date dd/mm/aaaa");
        }
    }

    private static BigDecimal money(JsonNode v) {
        if (!v.isNumber()) {
            throw new Invalid("valor_documento", "missing or not a number");
        }
        BigDecimal d = v.decimalValue();
        if (d.signum() <= 0) {
            throw new Invalid("valor_documento", "must be positive");
        }
        try {
            return d.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new Invalid("valor_documento", "more than 2 decimal places");
        }
    }

    private static final class Invalid extends RuntimeException {
        final String field;

        Invalid(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
