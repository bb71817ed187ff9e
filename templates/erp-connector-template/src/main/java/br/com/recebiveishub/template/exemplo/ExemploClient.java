package br.com.recebiveishub.template.exemplo;

import br.com.recebiveishub.sdk.ErpApiConnector.ErpAccount;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * HTTP to the Exemplo API (README.md, "The Exemplo API"): bearer token, JSON, and the documented
 * rate limit — a 429 carries Retry-After in seconds, which the client waits (up to
 * {@link #MAX_RETRY_AFTER}) before trying again, at most {@code maxAttempts} times in all.
 *
 * <p>Never puts the token or a response body in an exception message: bodies may carry names and
 * documents.
 */
final class ExemploClient {

    /** A Retry-After longer than this is not waited for: the sync fails and the hub retries later. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    private final HttpClient http;
    private final int maxAttempts;
    private final Duration backoff;

    ExemploClient(HttpClient http, int maxAttempts, Duration backoff) {
        this.http = Objects.requireNonNull(http);
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff);
    }

    /** A response after the client's own retries: status and body. */
    record Answer(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** The request could not be sent or got no answer (connection refused, timeout, reset). */
    static final class NoAnswerException extends Exception {
        NoAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * GET, retried on 429 (after Retry-After) and on 5xx or no answer (after the backoff), since a read
     * changes nothing at the ERP.
     */
    Answer get(ErpAccount account, String path, Map<String, String> query) throws NoAnswerException {
        HttpRequest request = base(account, path + queryString(query)).GET().build();
        return send(request);
    }

    /**
     * POST with an Idempotency-Key: the ERP keeps the first answer per key, so retrying after 429,
     * 5xx or no answer is safe.
     */
    Answer post(ErpAccount account, String path, String idempotencyKey, String json) throws NoAnswerException {
        HttpRequest request = base(account, path)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        return send(request);
    }

    private HttpRequest.Builder base(ErpAccount account, String pathAndQuery) {
        String root = account.require(ExemploConnector.API_BASE_URL);
        URI uri = URI.create(root.endsWith("/") ? root.substring(0, root.length() - 1) + pathAndQuery : root + pathAndQuery);
        int timeout = Integer.parseInt(account.get(ExemploConnector.REQUEST_TIMEOUT_SECONDS, "30"));
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(timeout))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + account.require(ExemploConnector.API_TOKEN));
    }

    private Answer send(HttpRequest request) throws NoAnswerException {
        Answer last = null;
        NoAnswerException lastFailure = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration wait = backoff.multipliedBy(attempt);
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                last = new Answer(response.statusCode(), response.body());
                lastFailure = null;
                if (response.statusCode() == 429) {
                    Duration retryAfter = retryAfter(response);
                    if (retryAfter.compareTo(MAX_RETRY_AFTER) > 0) {
                        return last;
                    }
                    wait = retryAfter;
                } else if (response.statusCode() < 500) {
                    return last;
                }
            } catch (ConnectException | HttpConnectTimeoutException e) {
                // Nothing reached the ERP; an endpoint that refuses connections will refuse the next one too.
                throw new NoAnswerException("Exemplo API not reachable at " + request.uri().getHost() + ":" + request.uri().getPort(), e);
            } catch (IOException e) {
                lastFailure = new NoAnswerException("Exemplo API gave no answer to " + request.method() + " " + request.uri().getPath()
                        + " (" + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NoAnswerException("interrupted while calling the Exemplo API", e);
            }
            if (attempt < maxAttempts) {
                sleep(wait);
            }
        }
        if (lastFailure != null) {
            throw lastFailure;
        }
        return last;
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        // The Exemplo API documents Retry-After in whole seconds; anything else waits one second.
        String value = response.headers().firstValue("Retry-After").orElse("1").trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void sleep(Duration d) throws NoAnswerException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswerException("interrupted while waiting to retry the Exemplo API", e);
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner("&", "?", "");
        new LinkedHashMap<>(query).forEach((k, v) -> {
            if (v != null) {
                j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return j.toString();
    }
}
