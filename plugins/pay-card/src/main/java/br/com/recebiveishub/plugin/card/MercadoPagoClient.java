package br.com.recebiveishub.plugin.card;

import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;

/**
 * Client of Mercado Pago's REST API (payments v1, refunds, Checkout Pro preferences) over
 * {@code java.net.http}, with the account's access token as a Bearer credential.
 *
 * <p>Every POST carries {@code X-Idempotency-Key}: the gateway answers a repeat with the same key
 * with the result of the first request, so any retry (ours, or the hub's after an unknown
 * outcome) cannot charge or refund twice.
 *
 * <p>Outcomes: a JSON body (2xx); {@link RefusedException} (4xx other than 429 and the 409 below:
 * nothing happened); {@link UnknownOutcomeException} (timeout, I/O error, 429 or 5xx after the
 * retries, 409 "not completed yet" for a key whose first request is still in process: it may have
 * happened). 429 and 5xx are retried up to {@code maxAttempts} times in all, waiting
 * {@code backoff × attempt} or the {@code Retry-After} seconds (at most 10 s); timeouts are not
 * retried here (the wait already cost a full timeout: the hub's janitor settles them).
 *
 * <p>Logs nothing. Exception messages name the method, path, status and the gateway's error code
 * and message, never the request body, the token or the card token.
 */
final class MercadoPagoClient {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** 409 for a key already used with another request: a caller's bug, nothing happened. */
    static final String USED_KEY = "idempotency_key_already_used";
    private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI base;
    private final String accessToken;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration backoff;

    MercadoPagoClient(HttpClient http, URI base, String accessToken, Duration timeout, int maxAttempts, Duration backoff) {
        this.http = Objects.requireNonNull(http);
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.accessToken = Objects.requireNonNull(accessToken);
        this.timeout = Objects.requireNonNull(timeout);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff);
    }

    /** POSTs a JSON body with an idempotency key. */
    JsonNode post(String path, String idempotencyKey, ObjectNode body) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write request JSON", e);
        }
        HttpRequest request = builder(path)
                .header("Content-Type", "application/json")
                .header("X-Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return send("POST", path, idempotencyKey, request);
    }

    /** GETs a resource. */
    JsonNode get(String path, String id) {
        return send("GET", path, id, builder(path).GET().build());
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json");
    }

    private JsonNode send(String method, String path, String key, HttpRequest request) {
        String what = method + " " + path;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> res;
            try {
                res = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                throw new UnknownOutcomeException(key, what + ": no answer within " + timeout.toMillis() + " ms");
            } catch (IOException e) {
                throw new UnknownOutcomeException(key, what + ": connection failed (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnknownOutcomeException(key, what + ": interrupted");
            }
            int status = res.statusCode();
            if (status >= 200 && status < 300) {
                return parse(what, key, res.body());
            }
            if (RETRIED.contains(status)) {
                if (attempt < maxAttempts) {
                    pause(retryAfter(res).orElse(backoff.multipliedBy(attempt)));
                    continue;
                }
                throw new UnknownOutcomeException(key, what + ": " + status + " after " + attempt + " attempt(s)"
                        + describe(res.body()));
            }
            JsonNode err = tryParse(res.body());
            String code = errorCode(err, status);
            if (status == 409 && !USED_KEY.equals(code)) {
                // "The process has not been completed yet. Try again later.": the first request with
                // this key is still being processed; it may yet succeed.
                throw new UnknownOutcomeException(key, what + ": 409 the first request with this key is still in process"
                        + describe(res.body()));
            }
            throw new RefusedException(status, code, what + ": " + status + describe(res.body()));
        }
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> res) {
        return res.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long s = Long.parseLong(v.trim());
                return java.util.Optional.of(Duration.ofSeconds(Math.max(0, s)));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }).map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode parse(String what, String key, byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            // The gateway said 2xx: it happened, but we cannot tell what it returned.
            throw new UnknownOutcomeException(key, what + ": 2xx with a body that is not JSON");
        }
    }

    private static JsonNode tryParse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The gateway's error: {@code cause[0].code} when given, else {@code error}, else the HTTP status. */
    private static String errorCode(JsonNode err, int status) {
        if (err != null) {
            JsonNode cause = err.path("cause");
            if (cause.isArray() && !cause.isEmpty() && cause.get(0).hasNonNull("code")) {
                return cause.get(0).get("code").asText();
            }
            if (err.hasNonNull("error")) {
                return err.get("error").asText();
            }
        }
        return String.valueOf(status);
    }

    /** Error code and message of the gateway's body, shortened; never the request. */
    private static String describe(byte[] body) {
        JsonNode err = tryParse(body);
        if (err == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        if (err.hasNonNull("error")) {
            s.append(' ').append(err.get("error").asText());
        }
        if (err.hasNonNull("message")) {
            s.append(": ").append(err.get("message").asText());
        }
        String out = s.toString();
        return out.length() > 200 ? out.substring(0, 200) + "…" : out;
    }

    // ----- reading helpers shared by the provider -----

    static BigDecimal money(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        try {
            return n.decimalValue().setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalStateException("the gateway sent an amount with more than 2 decimal places");
        }
    }

    static Instant instant(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.asText().isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }
}
