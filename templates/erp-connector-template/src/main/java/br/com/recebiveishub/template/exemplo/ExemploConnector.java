package br.com.recebiveishub.template.exemplo;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pf4j.Extension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The connector for the fictional Exemplo ERP (README.md documents its API): receivables read
 * incrementally by {@code updated_at}, payments written back with an Idempotency-Key.
 *
 * <p>The cursor is {@code <updated_at>|<id>} of the last record given. The API's
 * {@code updated_since} is inclusive and its order is {@code (updated_at, id)}, so a resumed read
 * asks from the cursor's instant and skips what is not after {@code (updated_at, id)}: nothing
 * is given twice, and records sharing an instant across pages are not lost. Each page is asked
 * from the last record given (keyset paging), not by page number over a fixed filter, so a record
 * updated during the read moves to the end instead of shifting a page under the reader.
 */
@Extension
public class ExemploConnector implements ErpApiConnector {

    static final String SYSTEM = "EXEMPLO";
    static final String API_BASE_URL = "apiBaseUrl";
    static final String API_TOKEN = "apiToken";
    static final String START_DATE = "startDate";
    static final String REQUEST_TIMEOUT_SECONDS = "requestTimeoutSeconds";
    /** Where a rejection comes from, in the place of a file name. */
    private static final String SOURCE = SYSTEM.toLowerCase(Locale.ROOT) + ":" + RECEIVABLES;

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Exemplo ERP account",
              "type": "object",
              "additionalProperties": false,
              "required": ["apiBaseUrl", "apiToken"],
              "properties": {
                "apiBaseUrl": {"type": "string", "pattern": "^https?://[^\\\\s]+$", "description": "The Exemplo API root, e.g. https://api.exemplo.example/v1"},
                "apiToken": {"type": "string", "minLength": 8, "maxLength": 200, "writeOnly": true, "description": "The company's API token (Exemplo: Settings > API), sent as a bearer token"},
                "startDate": {"type": "string", "format": "date", "description": "Read receivables updated on or after this date (YYYY-MM-DD, America/Sao_Paulo); empty reads all"},
                "requestTimeoutSeconds": {"type": "integer", "minimum": 1, "maximum": 120, "default": 30, "description": "How long to wait for one answer of the Exemplo API"}
              }
            }""";

    private static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExemploClient client;

    /** What PF4J instantiates: 4 attempts, 500 ms × attempt between them (Retry-After on 429). */
    public ExemploConnector() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build(),
                4, Duration.ofMillis(500));
    }

    ExemploConnector(HttpClient http, int maxAttempts, Duration backoff) {
        this.client = new ExemploClient(http, maxAttempts, backoff);
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String configurationSchema() {
        return SCHEMA;
    }

    @Override
    public ConnectionCheck check(ErpAccount account) {
        ExemploClient.Answer answer;
        try {
            answer = client.get(account, "/me", Map.of());
        } catch (IllegalArgumentException e) {
            return ConnectionCheck.failed("invalid-settings", e.getMessage());
        } catch (ExemploClient.NoAnswerException e) {
            return ConnectionCheck.failed("unreachable", e.getMessage());
        }
        return switch (answer.status()) {
            case 200 -> ConnectionCheck.succeeded("Exemplo API answered; the token may read receivables");
            case 401 -> ConnectionCheck.failed("unauthorized", "the Exemplo API refused the token (401)");
            case 403 -> ConnectionCheck.failed("forbidden", "the token may not read receivables (403)");
            case 429 -> ConnectionCheck.failed("rate-limited", "the Exemplo API kept answering 429");
            default -> ConnectionCheck.failed("error", "the Exemplo API answered HTTP " + answer.status());
        };
    }

    @Override
    public List<ErpStream> discover(ErpAccount account) {
        return List.of(new ErpStream(RECEIVABLES, "Contas a receber (títulos) of the company, by last update", "updated_at"));
    }

    @Override
    public void read(ErpAccount account, String stream, String cursor, ConnectorContext context, SyncSink sink) {
        if (!RECEIVABLES.equals(stream)) {
            throw new IllegalArgumentException("stream: Exemplo offers only " + RECEIVABLES + ", not " + stream);
        }
        Position position = cursor == null ? Position.start(account) : Position.parse(cursor);
        String since = position.updatedAt == null ? null : position.updatedAt.toString();
        int page = 1;
        long ordinal = 0;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("updated_since", since);
            query.put("page", Integer.toString(page));
            JsonNode body = getPage(account, query);
            JsonNode items = body.path("items");
            Position before = position;
            for (JsonNode item : items) {
                Position at = Position.of(item);
                if (at == null) {
                    sink.reject(new RecordRejection(SOURCE, ++ordinal, "receivable " + item.path("id").asText("?"),
                            "updated_at", "missing or not an ISO-8601 instant"));
                    continue;
                }
                if (!at.isAfter(position)) {
                    continue; // given by an earlier page or read (updated_since is inclusive)
                }
                position = at;
                give(item, ++ordinal, sink);
            }
            if (!position.equals(before)) {
                sink.checkpoint(position.text());
            }
            boolean lastPage = items.size() == 0 || page >= body.path("total_pages").asInt(1);
            if (lastPage) {
                return;
            }
            String advanced = position.updatedAt == null ? null : position.updatedAt.toString();
            if (advanced != null && !advanced.equals(since)) {
                since = advanced;
                page = 1;
            } else {
                // A whole page shared one instant: the next page of the same filter holds what follows it.
                page++;
            }
        }
    }

    private JsonNode getPage(ErpAccount account, Map<String, String> query) {
        ExemploClient.Answer answer;
        try {
            answer = client.get(account, "/receivables", query);
        } catch (ExemploClient.NoAnswerException e) {
            throw new ErpUnavailableException(e.getMessage(), e);
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw new RefusedException(answer.status(), answer.status() == 401 ? "unauthorized" : "forbidden",
                    "the Exemplo API refused to list receivables (" + answer.status() + ")");
        }
        if (!answer.ok()) {
            throw new ErpUnavailableException("the Exemplo API answered HTTP " + answer.status() + " to GET /receivables", null);
        }
        try {
            return JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new ErpUnavailableException("the Exemplo API answered GET /receivables with a body that is not JSON", null);
        }
    }

    private void give(JsonNode item, long ordinal, SyncSink sink) {
        String id = item.path("id").asText("");
        String ref = "receivable " + id;
        String file = SOURCE;
        if (id.isBlank()) {
            sink.reject(new RecordRejection(file, ordinal, ref, "id", "missing"));
            return;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(item.path("amount").asText("")).setScale(2, RoundingMode.UNNECESSARY);
        } catch (NumberFormatException | ArithmeticException e) {
            sink.reject(new RecordRejection(file, ordinal, ref, "amount", "not a decimal with at most 2 places"));
            return;
        }
        if (amount.signum() <= 0) {
            sink.reject(new RecordRejection(file, ordinal, ref, "amount", "must be positive"));
            return;
        }
        LocalDate issue;
        LocalDate due;
        try {
            issue = LocalDate.parse(item.path("issue_date").asText(""));
        } catch (DateTimeParseException e) {
            sink.reject(new RecordRejection(file, ordinal, ref, "issue_date", "not a date (YYYY-MM-DD)"));
            return;
        }
        try {
            due = LocalDate.parse(item.path("due_date").asText(""));
        } catch (DateTimeParseException e) {
            sink.reject(new RecordRejection(file, ordinal, ref, "due_date", "not a date (YYYY-MM-DD)"));
            return;
        }
        Documento documento;
        try {
            documento = Documento.parse(item.path("customer").path("document").asText(""));
        } catch (IllegalArgumentException e) {
            // Documento's messages never repeat the number.
            sink.reject(new RecordRejection(file, ordinal, ref, "customer.document", e.getMessage()));
            return;
        }
        String name = item.path("customer").path("name").asText("");
        if (name.isBlank()) {
            sink.reject(new RecordRejection(file, ordinal, ref, "customer.name", "missing"));
            return;
        }
        String email = item.path("customer").path("email").asText(null);
        Debtor debtor = new Debtor(documento, name, null, email == null || email.isBlank() ? null : email, null);
        sink.accept(new ReceivableRecord(SYSTEM, id, item.path("document_number").asText(id), issue, due, amount, debtor,
                null, ordinal, ref));
    }

    @Override
    public WriteBackReceipt writeBackPayment(ErpAccount account, PaymentWriteBack payment) {
        ObjectNode body = JSON.createObjectNode()
                .put("paid_on", payment.paidOn().toString())
                .put("amount", payment.amount().toPlainString())
                .put("method", payment.method());
        if (payment.note() != null) {
            body.put("note", payment.note());
        }
        String path = "/receivables/" + URLEncoder.encode(payment.externalId(), StandardCharsets.UTF_8) + "/payments";
        ExemploClient.Answer answer;
        try {
            answer = client.post(account, path, payment.idempotencyKey(), body.toString());
        } catch (ExemploClient.NoAnswerException e) {
            throw new UnknownOutcomeException(payment.idempotencyKey(), e.getMessage() + "; repeat the same write-back");
        }
        switch (answer.status()) {
            case 200, 201 -> {
                String reference;
                try {
                    reference = JSON.readTree(answer.body()).path("payment_id").asText("");
                } catch (JsonProcessingException e) {
                    reference = "";
                }
                if (reference.isBlank()) {
                    throw new UnknownOutcomeException(payment.idempotencyKey(),
                            "the Exemplo API accepted the payment without a payment_id; repeat the same write-back");
                }
                // 201: recorded now; 200: the Exemplo API had this Idempotency-Key and returns what it recorded then.
                return new WriteBackReceipt(reference, answer.status() == 200);
            }
            case 401, 403 -> throw new RefusedException(answer.status(), answer.status() == 401 ? "unauthorized" : "forbidden",
                    "the Exemplo API refused the write-back (" + answer.status() + ")");
            case 404 -> throw new RefusedException(404, "not_found", "the Exemplo API has no receivable with that id");
            case 409 -> throw new RefusedException(409, "already_settled", "the receivable is settled at the Exemplo ERP by another payment");
            case 422 -> throw new RefusedException(422, "invalid", "the Exemplo API refused the payment's fields (422)");
            default -> throw new UnknownOutcomeException(payment.idempotencyKey(),
                    "the Exemplo API answered HTTP " + answer.status() + " to the write-back; repeat the same write-back");
        }
    }

    /** Where a read stands: the {@code (updated_at, id)} of the last record given. */
    private record Position(Instant updatedAt, String id) {

        static Position start(ErpAccount account) {
            String start = account.get(START_DATE, null);
            if (start == null) {
                return new Position(null, "");
            }
            try {
                // Inclusive from the day's start in Brasília: an empty id sorts before every id.
                return new Position(LocalDate.parse(start).atStartOfDay(BRASILIA).toInstant(), "");
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(START_DATE + ": not a date (YYYY-MM-DD)");
            }
        }

        static Position parse(String cursor) {
            int bar = cursor.indexOf('|');
            try {
                return new Position(Instant.parse(cursor.substring(0, bar)), cursor.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor: not <updated_at>|<id> as this connector writes it");
            }
        }

        static Position of(JsonNode item) {
            try {
                return new Position(Instant.parse(item.path("updated_at").asText("")), item.path("id").asText(""));
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        boolean isAfter(Position other) {
            if (other.updatedAt == null) {
                return true;
            }
            int c = updatedAt.compareTo(other.updatedAt);
            return c > 0 || (c == 0 && id.compareTo(other.id) > 0);
        }

        String text() {
            return updatedAt + "|" + id;
        }
    }
}
