package br.com.recebiveishub.plugin.bling;

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
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Contas a receber from Bling (API v3): OAuth2 with the app's refresh token, the list
 * {@code GET /contas/receber} by emission-date window and page, the debtor's CPF/CNPJ from the
 * list's contato or {@code GET /contatos/{id}}, and the payment written back as a baixa
 * ({@code POST /contas/receber/{id}/baixar}), checked first because Bling takes no idempotency key.
 * See the plugin README for the documentation followed and the assumptions made.
 */
@Extension
public final class BlingConnector implements ErpApiConnector {

    static final String SYSTEM = "BLING";
    static final int PAGE_SIZE = 100;
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final String FILE = "BLING contas/receber";
    /** Em aberto (1) and parcialmente recebido (3) are still to collect; the others are left out. */
    private static final Set<Integer> OPEN = Set.of(1, 3);

    private final BlingClient client;

    /** What PF4J instantiates: 5 attempts, backoff 1 s doubling up to 16 s. */
    public BlingConnector() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build(),
                5, Duration.ofSeconds(1), Duration.ofSeconds(16));
    }

    BlingConnector(HttpClient http, int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this.client = new BlingClient(http, maxAttempts, baseDelay, maxDelay);
    }

    @Override
    public String configurationSchema() {
        return BlingSettings.SCHEMA;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public ConnectionCheck check(ErpAccount account) {
        BlingSettings s;
        try {
            s = BlingSettings.of(account);
        } catch (IllegalArgumentException e) {
            return ConnectionCheck.failed("invalid-settings", e.getMessage());
        }
        try {
            BlingClient.Answer a = client.get(s, "/contas/receber?pagina=1&limite=1");
            return switch (a.status()) {
                case 200 -> ConnectionCheck.succeeded("Bling answered: contas a receber can be read");
                case 401 -> ConnectionCheck.failed("unauthorized", "Bling refused the access token: authorize the app again");
                case 403 -> ConnectionCheck.failed("forbidden", "The app may not read contas a receber: add the Contas a Receber scope to the app and authorize it again");
                default -> ConnectionCheck.failed("error", "Bling answered " + a.status() + " " + a.errorType());
            };
        } catch (RefusedException e) {
            return ConnectionCheck.failed("unauthorized", e.getMessage());
        } catch (BlingClient.Unavailable e) {
            return ConnectionCheck.failed(e.rateLimited ? "rate-limited" : "unreachable", e.getMessage());
        } catch (RuntimeException e) {
            return ConnectionCheck.failed("error", "Unexpected " + e.getClass().getSimpleName());
        }
    }

    @Override
    public List<ErpStream> discover(ErpAccount account) {
        return List.of(new ErpStream(RECEIVABLES,
                "Contas a receber em aberto ou parcialmente recebidas (GET /contas/receber), by emission date, re-reading the last lookbackDays",
                "dataEmissao"));
    }

    @Override
    public void read(ErpAccount account, String stream, String cursor, ConnectorContext context, SyncSink sink) {
        if (!RECEIVABLES.equals(stream)) {
            throw new IllegalArgumentException("stream: Bling offers only " + RECEIVABLES);
        }
        BlingSettings s = settingsOrRefuse(account);
        LocalDate today = LocalDate.now(SAO_PAULO);
        BlingCursor c = cursor == null ? new BlingCursor(s.startDate(), null, 1) : BlingCursor.parse(cursor);
        LocalDate from = c.from();
        LocalDate to = c.to() != null ? c.to() : (today.isBefore(from) ? from : today);
        Set<Long> emitted = new HashSet<>();
        Map<Long, JsonNode> contatos = new HashMap<>();
        long line = 0;
        for (int page = c.page(); ; page++) {
            BlingClient.Answer a = readAnswer(s, "/contas/receber?pagina=" + page + "&limite=" + PAGE_SIZE
                    + "&tipoFiltroData=E&dataInicial=" + from + "&dataFinal=" + to);
            JsonNode items = a.data();
            if (!items.isArray()) {
                throw new ErpUnavailableException("Bling answered 200 without a data list", null);
            }
            for (JsonNode item : items) {
                long id = item.path("id").asLong();
                // Pages shift when contas are added: the same conta may come twice; emit it once.
                if (!emitted.add(id) || !OPEN.contains(item.path("situacao").asInt())) {
                    continue;
                }
                line++;
                try {
                    map(s, item, line, contatos, sink);
                } catch (BlingClient.Unavailable e) {
                    throw new ErpUnavailableException(e.getMessage(), e);
                }
            }
            if (items.size() < PAGE_SIZE) {
                LocalDate next = to.minusDays(s.lookbackDays());
                sink.checkpoint(new BlingCursor(next.isBefore(s.startDate()) ? s.startDate() : next, null, 1).text());
                return;
            }
            sink.checkpoint(new BlingCursor(from, to, page + 1).text());
        }
    }

    private void map(BlingSettings s, JsonNode item, long line, Map<Long, JsonNode> contatos, SyncSink sink) {
        long id = item.path("id").asLong();
        String ref = "conta " + id;
        try {
            LocalDate issue = date(item, "dataEmissao");
            LocalDate due = date(item, "vencimento");
            BigDecimal valor = money(item.path("valor"));
            JsonNode contato = item.path("contato");
            if (blank(contato.path("numeroDocumento")) || blank(contato.path("nome"))) {
                contato = contato(s, contato.path("id").asLong(), contatos);
            }
            if (blank(contato.path("nome"))) {
                throw new Invalid("contato.nome", "empty");
            }
            Documento doc;
            try {
                doc = Documento.parse(contato.path("numeroDocumento").asText(""));
            } catch (IllegalArgumentException e) {
                throw new Invalid("contato.numeroDocumento", e.getMessage());
            }
            // The list carries no numeroDocumento of the conta; the origin (sale, NF-e) number is what
            // the debtor knows, and the Bling id when there is no origin.
            String numero = item.path("origem").path("numero").asText("");
            sink.accept(new ReceivableRecord(SYSTEM, String.valueOf(id), numero.isBlank() ? String.valueOf(id) : numero,
                    issue, due, valor, new Debtor(doc, contato.get("nome").asText().trim(), null, null, null), null, line, ref));
        } catch (Invalid e) {
            sink.reject(new RecordRejection(FILE, line, ref, e.field, e.getMessage()));
        }
    }

    private JsonNode contato(BlingSettings s, long id, Map<Long, JsonNode> cache) {
        JsonNode cached = cache.get(id);
        if (cached != null) {
            return cached;
        }
        if (id <= 0) {
            throw new Invalid("contato.id", "missing");
        }
        BlingClient.Answer a = client.get(s, "/contatos/" + id);
        if (a.status() == 404) {
            throw new Invalid("contato.id", "contato " + id + " not found in Bling");
        }
        requireOk(a);
        cache.put(id, a.data());
        return a.data();
    }

    @Override
    public WriteBackReceipt writeBackPayment(ErpAccount account, PaymentWriteBack p) {
        BlingSettings s = settingsOrRefuse(account);
        if (s.portadorId() == null) {
            throw new RefusedException(0, "invalid-settings", "portadorId: required to write payments back to Bling");
        }
        if (!p.externalId().matches("[0-9]{1,20}")) {
            throw new RefusedException(0, "invalid-external-id", "externalId: not a Bling conta id (digits)");
        }
        // The borderô's histórico carries the hub's key: the only place a baixa can be recognised later.
        String marker = "RecebiveisHub " + p.idempotencyKey();
        for (int attempt = 1; attempt <= client.maxAttempts(); attempt++) {
            try {
                WriteBackReceipt existing = findBaixa(s, p, marker);
                if (existing != null) {
                    return existing;
                }
                ObjectNode body = BlingClient.JSON.createObjectNode();
                body.put("data", p.paidOn().toString()).put("usarDataVencimento", false);
                body.putObject("portador").put("id", s.portadorId());
                if (s.categoriaId() != null) {
                    body.putObject("categoria").put("id", s.categoriaId());
                }
                body.put("historico", marker + " " + p.method() + (p.note() == null ? "" : " " + p.note()));
                body.put("juros", BigDecimal.ZERO).put("desconto", BigDecimal.ZERO).put("acrescimo", BigDecimal.ZERO)
                        .put("valorRecebido", p.amount());
                BlingClient.Answer a = client.postOnce(s, "/contas/receber/" + p.externalId() + "/baixar", body);
                if (a.status() == 200 || a.status() == 201) {
                    JsonNode d = a.data();
                    JsonNode bid = d.has("bordero") ? d.path("bordero").path("id") : d.path("id");
                    return new WriteBackReceipt(bid.asText(null), false);
                }
                throw new RefusedException(a.status(), a.errorType(), "Bling refused the baixa: " + a.errorText());
            } catch (BlingClient.Uncertain e) {
                // Maybe written: the next turn looks for the borderô before sending again.
                continue;
            } catch (BlingClient.Unavailable e) {
                throw new UnknownOutcomeException(p.idempotencyKey(), "Bling unavailable during write-back, repeat it: " + e.getMessage());
            }
        }
        throw new UnknownOutcomeException(p.idempotencyKey(), "Bling did not confirm the baixa after " + client.maxAttempts() + " attempts; repeat the same write-back");
    }

    /** @return the receipt when a borderô of this conta carries the marker; refuses what cannot take the baixa */
    private WriteBackReceipt findBaixa(BlingSettings s, PaymentWriteBack p, String marker) {
        BlingClient.Answer a = client.get(s, "/contas/receber/" + p.externalId());
        if (a.status() == 404) {
            throw new RefusedException(404, a.errorType(), "Conta a receber " + p.externalId() + " not found in Bling");
        }
        requireOk(a);
        JsonNode conta = a.data();
        for (JsonNode b : conta.path("borderos")) {
            BlingClient.Answer ba = client.get(s, "/borderos/" + b.asLong());
            if (ba.status() == 404) {
                continue;
            }
            requireOk(ba);
            if (ba.data().path("historico").asText("").contains(marker)) {
                return new WriteBackReceipt(b.asText(), true);
            }
        }
        int situacao = conta.path("situacao").asInt();
        if (situacao == 2) {
            throw new RefusedException(409, "ALREADY_SETTLED", "Conta a receber " + p.externalId() + " is already recebida in Bling by another baixa");
        }
        if (situacao == 5) {
            throw new RefusedException(409, "CANCELLED", "Conta a receber " + p.externalId() + " is cancelled in Bling");
        }
        BigDecimal saldo = conta.path("saldo").isNumber() ? conta.get("saldo").decimalValue() : null;
        if (saldo != null && p.amount().compareTo(saldo) > 0) {
            throw new RefusedException(409, "AMOUNT_ABOVE_SALDO", "The payment is above the conta's open saldo in Bling");
        }
        return null;
    }

    private BlingClient.Answer readAnswer(BlingSettings s, String path) {
        try {
            BlingClient.Answer a = client.get(s, path);
            requireOk(a);
            return a;
        } catch (BlingClient.Unavailable e) {
            throw new ErpUnavailableException(e.getMessage(), e);
        }
    }

    private static void requireOk(BlingClient.Answer a) {
        if (a.status() == 200) {
            return;
        }
        throw new RefusedException(a.status(), a.errorType(), "Bling answered " + a.status() + ": " + a.errorText());
    }

    private static BlingSettings settingsOrRefuse(ErpAccount account) {
        try {
            return BlingSettings.of(account);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(0, "invalid-settings", e.getMessage());
        }
    }

    private static LocalDate date(JsonNode item, String field) {
        String v = item.path(field).asText("");
        if (v.isBlank() || v.startsWith("0000")) {
            throw new Invalid(field, "missing");
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new Invalid(field, "not a date yyyy-MM-dd");
        }
    }

    private static BigDecimal money(JsonNode v) {
        if (!v.isNumber()) {
            throw new Invalid("valor", "missing or not a number");
        }
        BigDecimal d = v.decimalValue();
        if (d.signum() <= 0) {
            throw new Invalid("valor", "must be positive");
        }
        try {
            return d.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new Invalid("valor", "more than 2 decimal places");
        }
    }

    private static boolean blank(JsonNode n) {
        return n.isMissingNode() || n.isNull() || n.asText("").isBlank();
    }

    /** A record that cannot become a receivable; message says why without repeating personal data. */
    private static final class Invalid extends RuntimeException {
        final String field;

        Invalid(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
