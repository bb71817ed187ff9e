package br.com.recebiveishub.plugin.bling;

import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP to Bling v3: the OAuth2 access token (refreshed with the refresh token, cached per account),
 * the documented limit of 3 requests per second per account (spaced here, 429 backed off), and
 * bounded retries with exponential backoff on 429, 5xx and timeouts.
 */
final class BlingClient {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Bling's documented limit per account; the window is padded because its clock is not ours. */
    private static final int PER_SECOND = 3;
    private static final Duration WINDOW = Duration.ofMillis(1_100);
    /** Renew a little before Bling's expiry so a token does not die between check and use. */
    private static final Duration EARLY = Duration.ofSeconds(60);

    private final HttpClient http;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> limiters = new ConcurrentHashMap<>();
    /** Rotated refresh tokens the hub could not keep (each one is lost on the next restart). */
    private final java.util.concurrent.atomic.AtomicInteger keepFailures = new java.util.concurrent.atomic.AtomicInteger();

    BlingClient(HttpClient http, int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this.http = http;
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** An answer of Bling: status and JSON body (missing node when the body is not JSON). */
    record Answer(int status, JsonNode body) {
        /** @return Bling's error type, e.g. {@code VALIDATION_ERROR}, or the status when there is none */
        String errorType() {
            JsonNode e = body.path("error");
            String t = e.isObject() ? e.path("type").asText("") : e.asText("");
            return t.isEmpty() ? "HTTP_" + status : t;
        }

        /** @return Bling's error description (never holds our data: it describes the request) */
        String errorText() {
            JsonNode e = body.path("error");
            String d = e.path("description").asText("");
            return d.isEmpty() ? e.path("message").asText(errorType()) : d;
        }

        /** Bling wraps answers in {@code data}; a few answers (baixar) are not wrapped. */
        JsonNode data() {
            return body.has("data") ? body.get("data") : body;
        }
    }

    /** Bling could not be reached or kept refusing for load within the retry budget. */
    static final class Unavailable extends RuntimeException {
        final boolean rateLimited;

        Unavailable(String message, boolean rateLimited, Throwable cause) {
            super(message, cause);
            this.rateLimited = rateLimited;
        }
    }

    /** A call that changes Bling failed in a way that says nothing about whether it happened. */
    static final class Uncertain extends RuntimeException {
        Uncertain(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Answer get(BlingSettings s, String pathAndQuery) {
        return call(s, "GET", pathAndQuery, null, true);
    }

    /**
     * A POST is sent once per token: a 5xx or timeout is {@link Uncertain}, so the caller checks
     * Bling before repeating (Bling takes no idempotency key). 429 and 401 say it was not done and
     * are retried here.
     */
    Answer postOnce(BlingSettings s, String path, JsonNode body) {
        return call(s, "POST", path, body, false);
    }

    private Answer call(BlingSettings s, String method, String path, JsonNode body, boolean safe) {
        String key = s.cacheKey();
        boolean renewed = false;
        Exception last = null;
        boolean lastWasLimit = false;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String access;
            try {
                access = accessToken(s, key);
            } catch (Unavailable u) {
                last = u;
                lastWasLimit = u.rateLimited;
                pause(attempt, null);
                continue;
            }
            awaitTurn(key);
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(s.apiBaseUrl() + path))
                    .timeout(s.requestTimeout())
                    .header("Authorization", "Bearer " + access)
                    .header("Accept", "application/json");
            if (body != null) {
                rb.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
            } else {
                rb.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r;
            try {
                r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (!safe) {
                    throw new Uncertain("Bling did not answer " + method + " " + stripQuery(path) + " (" + e.getClass().getSimpleName() + ")", e);
                }
                last = e;
                lastWasLimit = false;
                pause(attempt, null);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted", false, e);
            }
            int st = r.statusCode();
            if (st == 401 && !renewed) {
                // The cached token was revoked or expired early: renew once, then Bling's 401 stands.
                // Keep the entry: it holds the latest (rotated) refresh token; only the access token goes.
                Token t = tokens.get(key);
                if (t != null) {
                    synchronized (t) {
                        t.access = null;
                    }
                }
                renewed = true;
                attempt--;
                continue;
            }
            if (st == 429) {
                last = null;
                lastWasLimit = true;
                pause(attempt, r.headers().firstValue("Retry-After").orElse(null));
                continue;
            }
            if (st >= 500) {
                if (!safe) {
                    throw new Uncertain("Bling answered " + st + " to " + method + " " + stripQuery(path), null);
                }
                last = new IOException("HTTP " + st);
                lastWasLimit = false;
                pause(attempt, null);
                continue;
            }
            return new Answer(st, parse(r.body()));
        }
        if (lastWasLimit) {
            throw new Unavailable("Bling kept answering 429 (rate limit) after " + maxAttempts + " attempts", true, last);
        }
        throw new Unavailable("Bling unreachable or failing after " + maxAttempts + " attempts"
                + (last == null ? "" : " (" + last.getClass().getSimpleName() + (last.getMessage() == null ? "" : ": " + last.getMessage()) + ")"), false, last);
    }

    private String accessToken(BlingSettings s, String key) {
        Token t = tokens.computeIfAbsent(key, k -> new Token(s.refreshToken()));
        synchronized (t) {
            if (!s.refreshToken().equals(t.refresh) && !s.refreshToken().equals(t.seed)) {
                // neither the token this instance rotated to nor the one it started from: the team saved a new
                // authorization, which replaces what is held here
                t.seed = s.refreshToken();
                t.refresh = s.refreshToken();
                t.access = null;
            }
            if (t.access != null && Instant.now().isBefore(t.expiresAt)) {
                return t.access;
            }
            String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(t.refresh, StandardCharsets.UTF_8);
            String basic = Base64.getEncoder().encodeToString((s.clientId() + ":" + s.clientSecret()).getBytes(StandardCharsets.UTF_8));
            HttpRequest req = HttpRequest.newBuilder(s.tokenUrl()).timeout(s.requestTimeout())
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "1.0")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<String> r;
            try {
                r = http.send(req, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new Unavailable("Bling token endpoint did not answer (" + e.getClass().getSimpleName() + ")", false, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted", false, e);
            }
            if (r.statusCode() == 429) {
                throw new Unavailable("Bling token endpoint answered 429", true, null);
            }
            if (r.statusCode() >= 500) {
                throw new Unavailable("Bling token endpoint answered " + r.statusCode(), false, null);
            }
            JsonNode b = parse(r.body());
            if (r.statusCode() != 200 || !b.path("access_token").isTextual()) {
                Answer a = new Answer(r.statusCode(), b);
                throw new RefusedException(r.statusCode(), a.errorType(),
                        "Bling refused the app's refresh token (" + a.errorType() + "): authorize the app again and save the new refresh token");
            }
            t.access = b.get("access_token").asText();
            t.expiresAt = Instant.now().plusSeconds(b.path("expires_in").asLong(3600)).minus(EARLY);
            // Bling rotates refresh tokens: the one just used is dead; the hub keeps the new one (encrypted) so a
            // restart can renew. Should keeping fail, this instance still holds it in memory.
            if (b.path("refresh_token").isTextual()) {
                t.refresh = b.get("refresh_token").asText();
                try {
                    s.keeper().keep("refreshToken", t.refresh);
                } catch (RuntimeException e) {
                    keepFailures.incrementAndGet();
                }
            }
            return t.access;
        }
    }

    /** Spaces the account's calls so no second holds more than Bling's limit. */
    private void awaitTurn(String key) {
        Deque<Long> recent = limiters.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            while (true) {
                long now = System.nanoTime();
                while (!recent.isEmpty() && now - recent.peekFirst() >= WINDOW.toNanos()) {
                    recent.pollFirst();
                }
                if (recent.size() < PER_SECOND) {
                    recent.addLast(now);
                    return;
                }
                sleep(Duration.ofNanos(WINDOW.toNanos() - (now - recent.peekFirst())));
            }
        }
    }

    /** Waits before attempt {@code retry + 1}: base × 2^(retry-1), capped; nothing after the last attempt. */
    private void pause(int retry, String retryAfter) {
        if (retry >= maxAttempts) {
            return;
        }
        Duration d = baseDelay.multipliedBy(1L << Math.min(retry - 1, 16));
        if (retryAfter != null) {
            try {
                d = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
            } catch (NumberFormatException ignored) {
                // Bling does not document Retry-After; an unreadable one leaves the backoff as is.
            }
        }
        sleep(d.compareTo(maxDelay) > 0 ? maxDelay : d);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", false, e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static final class Token {
        String refresh;
        /** The settings' token this entry started from (or was last reset to). */
        String seed;
        String access;
        Instant expiresAt = Instant.MIN;

        Token(String refresh) {
            this.refresh = refresh;
            this.seed = refresh;
        }
    }
}
