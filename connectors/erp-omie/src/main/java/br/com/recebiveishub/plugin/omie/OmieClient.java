package br.com.recebiveishub.plugin.omie;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Omie's JSON calls ({@code {"call","app_key","app_secret","param":[…]}}) with its documented limits
 * kept on this side — 240 requests a minute and 4 at a time per app key and method — and its
 * answers sorted: a fault {@code SOAP-ENV:Client-…} is a business answer given back to the caller;
 * 429, a {@code SOAP-ENV:Server} fault, a 5xx that is not a fault (a gateway page) and timeouts are
 * an outage, retried with exponential backoff; "consumo redundante" waits the seconds Omie asks.
 */
final class OmieClient {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final int PER_MINUTE = 240;
    private static final int AT_ONCE = 4;
    private static final Pattern WAIT = Pattern.compile("(?i)aguarde\\s+(\\d+)\\s+segundo");
    /** Omie's redundancy window is 60 s; a longer wait request is not believed. */
    private static final Duration MAX_REDUNDANT_WAIT = Duration.ofSeconds(61);

    private final HttpClient http;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Map<String, Deque<Long>> minute = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> atOnce = new ConcurrentHashMap<>();

    OmieClient(HttpClient http, int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this.http = http;
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /** Omie's answer: a body, or a business fault (HTTP 500 with faultcode SOAP-ENV:Client-…). */
    record Answer(JsonNode body, String faultCode, String faultString) {
        boolean fault() {
            return faultCode != null;
        }

        /** "Não existem registros para a página [n]!" (Client-5113): the list has nothing there. */
        boolean noRecords() {
            return fault() && (faultCode.endsWith("-5113") || faultString.toLowerCase(Locale.ROOT).contains("não existem registros"));
        }

        boolean redundant() {
            return fault() && (faultCode.endsWith("-6") || faultCode.contains("REDUNDANT")
                    || faultString.toLowerCase(Locale.ROOT).contains("consumo redundante"));
        }

        /** Omie's pages word the invalid-credentials fault in several ways; these are the ones seen. */
        boolean unauthorized() {
            String s = faultString.toLowerCase(Locale.ROOT);
            return fault() && (s.contains("chave de acesso") || s.contains("app_key") || s.contains("app_secret") || s.contains("aplicativo"));
        }
    }

    /** Omie could not be reached, kept failing, or blocked the app for load, within the retry budget. */
    static final class Unavailable extends RuntimeException {
        final boolean rateLimited;

        Unavailable(String message, boolean rateLimited, Throwable cause) {
            super(message, cause);
            this.rateLimited = rateLimited;
        }
    }

    /**
     * @param service      e.g. {@code financas/contareceber/}
     * @param waitRedundant false to get the "consumo redundante" fault back instead of waiting
     */
    Answer call(OmieSettings s, String service, String call, ObjectNode param, boolean waitRedundant) {
        ObjectNode req = JSON.createObjectNode();
        req.put("call", call).put("app_key", s.appKey()).put("app_secret", s.appSecret());
        req.putArray("param").add(param);
        String slot = s.limitKey() + "|" + call;
        String last = null;
        boolean lastWasLimit = false;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            HttpResponse<String> r;
            Semaphore gate = atOnce.computeIfAbsent(slot, k -> new Semaphore(AT_ONCE, true));
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted", false, e);
            }
            try {
                awaitMinute(slot);
                r = http.send(HttpRequest.newBuilder(URI.create(s.apiBaseUrl() + "/" + service)).timeout(s.requestTimeout())
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(req.toString())).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
                lastWasLimit = false;
                pause(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted", false, e);
            } finally {
                gate.release();
            }
            int st = r.statusCode();
            JsonNode body = parse(r.body());
            if (st == 200 && !body.has("faultstring")) {
                return new Answer(body, null, null);
            }
            if (st == 429) {
                last = "HTTP 429";
                lastWasLimit = true;
                pause(attempt);
                continue;
            }
            String code = body.path("faultcode").asText("");
            String text = body.path("faultstring").asText("");
            if (code.contains("MISUSE_API_PROCESS") || text.toLowerCase(Locale.ROOT).contains("bloqueada por consumo indevido")) {
                // Omie blocks the app for minutes: waiting here would hold the hub's sync thread.
                throw new Unavailable("Omie blocked the app for excessive use: " + text, true, null);
            }
            if (code.startsWith("SOAP-ENV:Client") || (st == 200 && !code.isEmpty())) {
                Answer a = new Answer(body, code, text);
                if (a.redundant() && waitRedundant) {
                    last = "consumo redundante";
                    lastWasLimit = true;
                    Matcher m = WAIT.matcher(text);
                    Duration wait = m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))).plusMillis(200) : Duration.ofSeconds(60);
                    sleep(wait.compareTo(MAX_REDUNDANT_WAIT) > 0 ? MAX_REDUNDANT_WAIT : wait);
                    continue;
                }
                return a;
            }
            // A SOAP-ENV:Server fault, a 5xx gateway page, or anything else: Omie is not well.
            last = "HTTP " + st + (code.isEmpty() ? "" : " " + code);
            lastWasLimit = false;
            pause(attempt);
        }
        throw new Unavailable("Omie " + call + " failed after " + maxAttempts + " attempts (" + last + ")", lastWasLimit, null);
    }

    private void awaitMinute(String slot) {
        Deque<Long> d = minute.computeIfAbsent(slot, k -> new ArrayDeque<>());
        synchronized (d) {
            while (true) {
                long now = System.nanoTime();
                while (!d.isEmpty() && now - d.peekFirst() >= Duration.ofMinutes(1).toNanos()) {
                    d.pollFirst();
                }
                if (d.size() < PER_MINUTE) {
                    d.addLast(now);
                    return;
                }
                sleep(Duration.ofNanos(Duration.ofMinutes(1).toNanos() - (now - d.peekFirst())));
            }
        }
    }

    /** base × 2^(attempt-1), capped; nothing after the last attempt. */
    private void pause(int attempt) {
        if (attempt >= maxAttempts) {
            return;
        }
        Duration d = baseDelay.multipliedBy(1L << Math.min(attempt - 1, 16));
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
}
