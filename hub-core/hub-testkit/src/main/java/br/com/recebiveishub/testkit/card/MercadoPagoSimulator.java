package br.com.recebiveishub.testkit.card;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Mercado Pago that answers as its public documentation shows: payments v1 (create, read,
 * search, refunds) and Checkout Pro preferences, in memory, plain HTTP on loopback.
 *
 * <ul>
 *   <li>Card outcomes follow the documented test cardholder names: a test asks for a card token
 *       made "by" APRO, OTHE, CONT, CALL, FUND, SECU, EXPI or FORM and gets that status and
 *       status_detail. Tokens are single-use, as the gateway's are.</li>
 *   <li>{@code X-Idempotency-Key} is required on POST /v1/payments and on refunds: the same key with
 *       the same body replays the first answer (no second charge); the same key with another body
 *       is 409 {@code idempotency_key_already_used}.</li>
 *   <li>Faults: answer the next requests with a status (429 with {@code Retry-After}, 5xx) before
 *       processing them; or process the next POST and answer it only after a delay (a timeout at
 *       the client: the payment exists).</li>
 * </ul>
 *
 * Webhooks are built by {@link #signedNotification}: the same manifest and HMAC the gateway uses.
 * {@link #payThroughLink} plays a payer paying through a payment link (Checkout Pro): a payment
 * carrying the preference's external_reference.
 *
 * <p>In the testkit (moved from pay-card's tests) so the hub's tests drive the same gateway the
 * plugin was tested against.
 */
public final class MercadoPagoSimulator implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final DateTimeFormatter MP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final ZoneOffset BRT = ZoneOffset.ofHours(-3);
    private static final long COLLECTOR_ID = 202809963L;

    /** Test cardholder name → status, status_detail (Mercado Pago's test cards page). */
    public static final Map<String, String[]> CARDHOLDERS = Map.of(
            "APRO", new String[] {"approved", "accredited"},
            "OTHE", new String[] {"rejected", "cc_rejected_other_reason"},
            "CONT", new String[] {"in_process", "pending_contingency"},
            "CALL", new String[] {"rejected", "cc_rejected_call_for_authorize"},
            "FUND", new String[] {"rejected", "cc_rejected_insufficient_amount"},
            "SECU", new String[] {"rejected", "cc_rejected_bad_filled_security_code"},
            "EXPI", new String[] {"rejected", "cc_rejected_bad_filled_date"},
            "FORM", new String[] {"rejected", "cc_rejected_bad_filled_other"});

    private record Stored(String body, int status, String response) {
    }

    private final String accessToken;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final AtomicLong ids = new AtomicLong(1_318_000_000L);
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> payments = new ConcurrentHashMap<>();
    private final Map<String, Stored> idempotency = new ConcurrentHashMap<>();
    private final List<ObjectNode> preferences = new CopyOnWriteArrayList<>();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final List<String> keysSeen = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodiesSeen = new CopyOnWriteArrayList<>();
    private final AtomicLong paymentsCreated = new AtomicLong();
    private final AtomicLong refundsCreated = new AtomicLong();
    private final List<int[]> faults = new CopyOnWriteArrayList<>();
    private final AtomicReference<Duration> delayNextPost = new AtomicReference<>();
    private final java.util.Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public MercadoPagoSimulator(String accessToken) throws IOException {
        this.accessToken = accessToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A single-use card token as the gateway's script would make for a test cardholder name. */
    public String cardToken(String cardholder) {
        if (!CARDHOLDERS.containsKey(cardholder)) {
            throw new IllegalArgumentException(cardholder);
        }
        String token = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), 0, 16);
        tokens.put(token, cardholder);
        return token;
    }

    /** Answers the next {@code times} requests with {@code status} (and {@code Retry-After: retryAfter} when ≥ 0). */
    public void failNext(int status, int times, int retryAfter) {
        for (int i = 0; i < times; i++) {
            faults.add(new int[] {status, retryAfter});
        }
    }

    /** Processes the next POST, then waits {@code d} before answering. */
    public void delayNextPost(Duration d) {
        delayNextPost.set(d);
    }

    public long paymentsCreated() {
        return paymentsCreated.get();
    }

    public long refundsCreated() {
        return refundsCreated.get();
    }

    public List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    public List<String> idempotencyKeysSeen() {
        return List.copyOf(keysSeen);
    }

    public JsonNode lastBody() {
        return bodiesSeen.isEmpty() ? null : bodiesSeen.get(bodiesSeen.size() - 1);
    }

    /** Moves a payment to a status as the gateway would later (e.g. a chargeback). */
    public void setStatus(String paymentId, String status, String detail) {
        ObjectNode p = payments.get(paymentId);
        p.put("status", status).put("status_detail", detail).put("date_last_updated", now());
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            requestLog.add(method + " " + path);
            String key = ex.getRequestHeaders().getFirst("X-Idempotency-Key");
            if (method.equals("POST")) {
                keysSeen.add(key);
            }
            if (!faults.isEmpty()) {
                int[] f = faults.remove(0);
                if (f[1] >= 0) {
                    ex.getResponseHeaders().add("Retry-After", String.valueOf(f[1]));
                }
                send(ex, f[0], error(f[0] == 429 ? "too_many_requests" : "internal_error",
                        f[0] == 429 ? "Too many requests" : "Internal server error", f[0], null));
                return;
            }
            if (!("Bearer " + accessToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, error("unauthorized", "invalid access token", 401, null));
                return;
            }
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            if (method.equals("POST")) {
                bodiesSeen.add(body);
            }
            Matcher m;
            if (method.equals("POST") && path.equals("/v1/payments")) {
                idempotent(ex, key, body, () -> createPayment(body));
            } else if (method.equals("GET") && path.equals("/v1/payments/search")) {
                send(ex, 200, search(query(ex.getRequestURI()).get("external_reference")));
            } else if (method.equals("GET") && (m = Pattern.compile("/v1/payments/([0-9]+)").matcher(path)).matches()) {
                ObjectNode p = payments.get(m.group(1));
                send(ex, p == null ? 404 : 200, p == null ? error("not_found", "Payment not found", 404, null) : p.toString());
            } else if (method.equals("POST") && (m = Pattern.compile("/v1/payments/([0-9]+)/refunds").matcher(path)).matches()) {
                String id = m.group(1);
                idempotent(ex, key, body, () -> refund(id, body));
            } else if (method.equals("POST") && path.equals("/checkout/preferences")) {
                Stored s = preference(body);
                delayed(ex, s);
            } else {
                send(ex, 404, error("not_found", "resource not found", 404, null));
            }
        }
    }

    private interface Op {
        Stored run();
    }

    private void idempotent(HttpExchange ex, String key, JsonNode body, Op op) throws IOException {
        if (key == null || key.isBlank()) {
            send(ex, 400, error("bad_request", "The header 'X-Idempotency-Key' is required", 400, "empty_required_header"));
            return;
        }
        String canonical = body.toString();
        Stored s;
        synchronized (idempotency) {
            if (inFlight.contains(key)) {
                send(ex, 409, conflictInProcess());
                return;
            }
            Stored prior = idempotency.get(key);
            if (prior != null) {
                if (!prior.body().equals(canonical)) {
                    send(ex, 409, error("conflict", "The value sent as idempotency header has already been used", 409,
                            "idempotency_key_already_used"));
                    return;
                }
                s = prior;
            } else {
                s = op.run();
                if (s.status() < 400) {
                    idempotency.put(key, new Stored(canonical, s.status(), s.response()));
                }
            }
        }
        delayed(ex, s, key);
    }

    private void delayed(HttpExchange ex, Stored s) throws IOException {
        delayed(ex, s, null);
    }

    /** While a delayed answer is pending, its key counts as in process (a repeat gets 409 "not completed yet"). */
    private void delayed(HttpExchange ex, Stored s, String key) throws IOException {
        Duration d = delayNextPost.getAndSet(null);
        if (d != null) {
            if (key != null) {
                inFlight.add(key);
            }
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                if (key != null) {
                    inFlight.remove(key);
                }
            }
        }
        send(ex, s.status(), s.response());
    }

    /** Mercado Pago's documented answer while the first request with a key is still processing. */
    private static String conflictInProcess() {
        ObjectNode e = JSON.createObjectNode();
        e.put("status", "409");
        e.put("error", "Conflict");
        e.put("message", "The process has not been completed yet. Try again later.");
        e.putArray("cause").addObject().put("code", "401001").put("description", "The process has not been completed yet.");
        return e.toString();
    }

    private Stored createPayment(JsonNode b) {
        BigDecimal amount = b.path("transaction_amount").decimalValue();
        if (!b.path("transaction_amount").isNumber() || amount.signum() <= 0) {
            return new Stored(null, 400, error("bad_request", "Invalid transaction_amount", 400, "4037"));
        }
        String holder = tokens.remove(b.path("token").asText(""));
        if (holder == null) {
            return new Stored(null, 400, error("bad_request", "Card Token not found", 400, "2006"));
        }
        String[] outcome = CARDHOLDERS.get(holder);
        String id = String.valueOf(ids.incrementAndGet());
        String now = now();
        ObjectNode p = JSON.createObjectNode();
        p.put("id", Long.parseLong(id));
        p.put("date_created", now);
        p.put("date_approved", outcome[0].equals("approved") ? now : null);
        p.put("date_last_updated", now);
        p.put("operation_type", "regular_payment");
        p.put("payment_method_id", b.path("payment_method_id").asText("visa"));
        p.put("payment_type_id", "credit_card");
        p.put("status", outcome[0]);
        p.put("status_detail", outcome[1]);
        p.put("currency_id", "BRL");
        p.put("description", b.path("description").asText(null));
        p.put("live_mode", false);
        p.put("collector_id", COLLECTOR_ID);
        p.set("payer", b.path("payer").deepCopy());
        p.putObject("metadata");
        p.put("transaction_amount", amount);
        p.put("transaction_amount_refunded", BigDecimal.ZERO);
        p.put("coupon_amount", 0);
        p.put("installments", b.path("installments").asInt(1));
        p.putObject("transaction_details").put("total_paid_amount", amount).put("net_received_amount", BigDecimal.ZERO)
                .put("installment_amount", amount);
        p.put("captured", true);
        p.put("binary_mode", false);
        p.putObject("card").put("first_six_digits", "503143").put("last_four_digits", "6351");
        p.put("external_reference", b.path("external_reference").asText(null));
        p.put("notification_url", b.path("notification_url").asText(null));
        p.putArray("refunds");
        payments.put(id, p);
        paymentsCreated.incrementAndGet();
        return new Stored(null, 201, p.toString());
    }

    private Stored refund(String paymentId, JsonNode b) {
        ObjectNode p = payments.get(paymentId);
        if (p == null) {
            return new Stored(null, 404, error("not_found", "Payment not found", 404, null));
        }
        if (!p.path("status").asText().equals("approved")) {
            return new Stored(null, 400, error("bad_request", "Payment not refundable in status " + p.path("status").asText(), 400, null));
        }
        BigDecimal total = p.path("transaction_amount").decimalValue();
        BigDecimal done = p.path("transaction_amount_refunded").decimalValue();
        BigDecimal left = total.subtract(done);
        BigDecimal amount = b.has("amount") ? b.get("amount").decimalValue() : left;
        if (amount.signum() <= 0 || amount.compareTo(left) > 0) {
            return new Stored(null, 400, error("bad_request", "Invalid refund amount", 400, null));
        }
        BigDecimal refunded = done.add(amount);
        p.put("transaction_amount_refunded", refunded);
        if (refunded.compareTo(total) == 0) {
            p.put("status", "refunded").put("status_detail", "refunded");
        } else {
            p.put("status_detail", "partially_refunded");
        }
        p.put("date_last_updated", now());
        ObjectNode r = JSON.createObjectNode();
        r.put("id", ids.incrementAndGet());
        r.put("payment_id", Long.parseLong(paymentId));
        r.put("amount", amount);
        r.putObject("metadata");
        r.putObject("source").put("id", String.valueOf(COLLECTOR_ID)).put("name", "Recebiveis Hub").put("type", "collector");
        r.put("date_created", now());
        r.putNull("unique_sequence_number");
        r.put("refund_mode", "standard");
        r.put("adjustment_amount", 0);
        r.put("status", "approved");
        r.putNull("reason");
        r.putArray("labels");
        r.put("amount_refunded_to_payer", amount);
        ((ArrayNode) p.withArray("refunds")).add(r.deepCopy());
        refundsCreated.incrementAndGet();
        return new Stored(null, 201, r.toString());
    }

    private Stored preference(JsonNode b) {
        JsonNode items = b.path("items");
        if (!items.isArray() || items.isEmpty()) {
            return new Stored(null, 400, error("invalid_items", "items needed", 400, null));
        }
        for (JsonNode i : items) {
            if (!i.path("unit_price").isNumber() || i.path("unit_price").decimalValue().signum() <= 0
                    || i.path("quantity").asInt(0) < 1 || !i.path("title").isTextual()) {
                return new Stored(null, 400, error("invalid_items", "unit_price, quantity and title are required", 400, null));
            }
        }
        String id = COLLECTOR_ID + "-" + UUID.randomUUID();
        ObjectNode p = JSON.createObjectNode();
        p.put("id", id);
        p.put("collector_id", COLLECTOR_ID);
        p.put("client_id", "6295877106812064");
        p.put("date_created", now());
        p.put("external_reference", b.path("external_reference").asText(""));
        p.set("items", items.deepCopy());
        p.put("notification_url", b.path("notification_url").asText(null));
        p.put("expires", b.path("expires").asBoolean(false));
        p.put("expiration_date_to", b.path("expiration_date_to").asText(null));
        p.put("init_point", "https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=" + id);
        p.put("sandbox_init_point", "https://sandbox.mercadopago.com.br/checkout/v1/redirect?pref_id=" + id);
        p.put("operation_type", "regular_payment");
        preferences.add(p);
        return new Stored(null, 201, p.toString());
    }

    /**
     * A payer pays through the link of the preference with {@code externalReference}, with a card of
     * the test cardholder {@code cardholder}: a payment of the preference's unit price carrying its
     * external_reference and notification_url, as Checkout Pro creates it.
     *
     * @return the payment id
     */
    public String payThroughLink(String externalReference, String cardholder) {
        ObjectNode pref = preferences.stream().filter(p -> externalReference.equals(p.path("external_reference").asText()))
                .reduce((a, b) -> b).orElseThrow(() -> new IllegalArgumentException("no preference " + externalReference));
        ObjectNode b = JSON.createObjectNode();
        b.put("transaction_amount", pref.path("items").path(0).path("unit_price").decimalValue());
        b.put("token", cardToken(cardholder));
        b.put("payment_method_id", "master");
        b.put("installments", 1);
        b.put("description", pref.path("items").path(0).path("title").asText());
        b.put("external_reference", externalReference);
        if (pref.hasNonNull("notification_url")) {
            b.put("notification_url", pref.path("notification_url").asText());
        }
        Stored s = createPayment(b);
        return readId(s.response());
    }

    private static String readId(String payment) {
        try {
            return JSON.readTree(payment).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<ObjectNode> preferences() {
        return List.copyOf(preferences);
    }

    private String search(String externalReference) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode p : payments.values()) {
            if (externalReference != null && externalReference.equals(p.path("external_reference").asText(null))) {
                found.add(p);
            }
        }
        found.sort(Comparator.comparing((ObjectNode p) -> p.path("id").asLong()).reversed());
        ObjectNode r = JSON.createObjectNode();
        r.putObject("paging").put("total", found.size()).put("limit", 30).put("offset", 0);
        ArrayNode results = r.putArray("results");
        found.forEach(results::add);
        return r.toString();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static String error(String error, String message, int status, String causeCode) {
        ObjectNode e = JSON.createObjectNode();
        e.put("message", message);
        e.put("error", error);
        e.put("status", status);
        ArrayNode cause = e.putArray("cause");
        if (causeCode != null) {
            cause.addObject().put("code", causeCode).put("description", message);
        }
        return e.toString();
    }

    private static String now() {
        return MP_DATE.format(OffsetDateTime.now(BRT));
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the client gave up (timeout): the gateway already did the work
        }
    }

    // ---------------------------------------------------------------------------------------

    /**
     * A notification as Mercado Pago delivers it for a payment: {@code POST notification_url?data.id=…&type=payment}
     * with headers {@code x-request-id} and {@code x-signature: ts=…,v1=…}, v1 the HMAC-SHA256 of the
     * documented manifest, computed here with javax.crypto independently of the plugin.
     */
    public static br.com.recebiveishub.sdk.CardPaymentProvider.WebhookDelivery signedNotification(String secret, String dataId,
                                                                                            String requestId, String ts) {
        String manifest = "id:" + dataId.toLowerCase(java.util.Locale.ROOT) + ";request-id:" + requestId + ";ts:" + ts + ";";
        String v1 = hmacHex(secret, manifest);
        String body = "{\"action\":\"payment.updated\",\"api_version\":\"v1\",\"data\":{\"id\":\"" + dataId + "\"},"
                + "\"date_created\":\"2026-12-03T13:01:08Z\",\"id\":112233445566,\"live_mode\":false,\"type\":\"payment\","
                + "\"user_id\":" + COLLECTOR_ID + "}";
        return new br.com.recebiveishub.sdk.CardPaymentProvider.WebhookDelivery(
                Map.of("x-signature", "ts=" + ts + ",v1=" + v1, "x-request-id", requestId, "Content-Type", "application/json"),
                Map.of("data.id", dataId, "type", "payment"), body.getBytes(StandardCharsets.UTF_8));
    }

    public static String hmacHex(String secret, String manifest) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(manifest.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
