package br.com.recebiveishub.bench;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.pix.PixAccounts;
import br.com.recebiveishub.hub.pix.PixChargeService;
import br.com.recebiveishub.hub.pix.PixWebhooks;
import br.com.recebiveishub.hub.tenant.PluginConfigs;
import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.InstantPaymentProvider.PspAccount;
import br.com.recebiveishub.testkit.pix.PixPspSimulator;
import br.com.recebiveishub.testkit.pix.TestPki;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Pix webhook phase: N notifications POSTed to the hub's real webhook endpoint over loopback
 * HTTP by a fixed number of client threads, each read back at the PSP simulator (mTLS) and settled;
 * the same POSTs to a no-op endpoint behind the same filter chain as the baseline; then every
 * notification again, shuffled, which must add no payment.
 */
final class WebhookBench {

    private static final String CLIENT_ID = "hub-bench";
    private static final String SECRET = "segredo-do-benchmark";
    private static final DateTimeFormatter BR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** Latencies of one load run (ms). */
    record Load(int requests, int threads, double wallMs, double p50Ms, double p99Ms, double maxMs, int non200) {
        double perSecond() {
            return requests / (wallMs / 1000);
        }
    }

    /** What the webhook phase measured. */
    record Figures(int notifications, int threads, double setupMs, double issueMs, Load noop, Load webhook, double settledAllMs,
                   long payments, long allocations, long paidReceivables, int acceptedReported, Load replay, long paymentsAfterReplay,
                   long allocationsAfterReplay, Load readBack, int tokensWebhook, int tokensReadBack, HubBench.Server server) {
        double ratio() {
            return webhook.perSecond() / noop.perSecond();
        }

        /** Notifications settled per second, from the first POST until the last one was settled. */
        double settledPerSecond() {
            return notifications / (settledAllMs / 1000);
        }

        /** End-to-end: settled per second over the no-op's requests per second. */
        double settledRatio() {
            return settledPerSecond() / noop.perSecond();
        }

        long extraPaymentsOnReplay() {
            return paymentsAfterReplay - payments;
        }
    }

    private final HubBench hub;
    private final JdbcTemplate jdbc;
    private final ConfigurableApplicationContext ctx;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    WebhookBench(HubBench hub) {
        this.hub = hub;
        this.jdbc = hub.jdbc();
        this.ctx = hub.context();
    }

    /**
     * @param n       notifications (cobs paid)
     * @param threads concurrent client threads
     * @param work    where the simulator's PKI and the CSV go
     */
    Figures run(String tenant, int n, int threads, long seed, Path work, java.io.PrintStream out) throws Exception {
        long s0 = System.nanoTime();
        // ---- setup (not timed): n + 1 open receivables (the last one is the probe that reveals the path token)
        Path csv = work.resolve("pix-" + tenant + ".csv");
        StringBuilder b = new StringBuilder("id_titulo;emissao;vencimento;valor;cpf_cnpj;nome\n");
        Random rnd = new Random(seed);
        for (int i = 0; i <= n; i++) {
            int cents = 5_000 + rnd.nextInt(95_000);
            b.append(String.format("PIX-%07d;%s;%s;%d,%02d;12345678909;Ana Souza%n", i, HubBench.BASE_DATE.format(BR_DATE),
                    HubBench.BASE_DATE.plusDays(30 + i % 60).format(BR_DATE), cents / 100, cents % 100));
        }
        Files.writeString(csv, b, StandardCharsets.UTF_8);
        HubBench.IngestFigures imported = hub.ingest(tenant, csv, n + 1, 0, Duration.ofMinutes(10));
        check(imported.created() == n + 1, "receivables for the webhook phase: created " + imported.created() + " of " + (n + 1));
        Files.deleteIfExists(csv);

        PixPspSimulator psp = PixPspSimulator.start(Files.createDirectories(work.resolve("pix-psp-" + tenant)));
        try {
            Path keystore = psp.registerClient(CLIENT_ID, SECRET);
            String pixKey = UUID.nameUUIDFromBytes(("pix-key:" + tenant).getBytes(StandardCharsets.UTF_8)).toString();
            psp.addReceiverKey(pixKey);
            ObjectNode settings = new ObjectMapper().createObjectNode();
            settings.put("apiBaseUrl", psp.apiBaseUrl().toString());
            settings.put("tokenUrl", psp.tokenUrl().toString());
            settings.put("clientId", CLIENT_ID);
            settings.put("clientSecret", SECRET);
            settings.put("keystore", keystore.toString());
            settings.put("keystorePassword", new String(TestPki.PASSWORD));
            settings.put("truststore", psp.truststore().toString());
            settings.put("truststorePassword", new String(TestPki.PASSWORD));
            settings.put("pixKey", pixKey);
            settings.put("merchantName", "DISTRIBUIDORA BENCHMARK");
            settings.put("merchantCity", "SAO PAULO");
            try (AuditContext.Scope s = HubBench.scope(tenant, "benchmark pix account")) {
                ctx.getBean(PluginConfigs.class).put(tenant, PixAccounts.PLUGIN_ID, settings);
            }

            // cobs issued through the hub's PixChargeService (as POST .../charges/pix does), from the same number of threads
            List<Long> receivables = jdbc.queryForList("select id from receivable where tenant_id = ? order by external_id", Long.class, tenant);
            PixChargeService charges = ctx.getBean(PixChargeService.class);
            String[] txids = new String[receivables.size()];
            long i0 = System.nanoTime();
            parallel(receivables.size(), threads, i -> {
                PixChargeService.PixChargeView v;
                try (AuditContext.Scope s = HubBench.scope(tenant, "benchmark pix charge")) {
                    v = charges.issue(tenant, receivables.get(i), 86_400);
                }
                if (!"PENDING".equals(v.status())) {
                    throw new IllegalStateException("cob for receivable " + receivables.get(i) + " is " + v.status() + ": " + v.failureReason());
                }
                txids[i] = v.txid();
                return 200;
            });
            double issueMs = (System.nanoTime() - i0) / 1e6;
            out.printf("  webhook setup: %,d receivables imported, %,d cobs issued through PixChargeService in %.1f s (%,.0f/s, %d threads)%n",
                    receivables.size(), txids.length, issueMs / 1000, txids.length / (issueMs / 1000), threads);

            // paid at the PSP while no webhook is registered for the key: nothing is delivered
            String[] bodies = new String[n];
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < n; i++) {
                JsonNode cob = psp.charge(txids[i]);
                String e2e = psp.pay(txids[i], new java.math.BigDecimal(cob.path("valor").path("original").asText()));
                JsonNode pix = psp.charge(txids[i]).path("pix").get(0);
                ObjectNode one = json.createObjectNode();
                one.put("endToEndId", e2e);
                one.put("txid", txids[i]);
                one.put("valor", pix.path("valor").asText());
                one.put("horario", pix.path("horario").asText());
                ObjectNode body = json.createObjectNode();
                body.putArray("pix").add(one);
                bodies[i] = body.toString();
            }
            check(psp.deliveries().isEmpty(), "the PSP delivered " + psp.deliveries().size() + " webhooks during setup");
            // the webhook registered through the hub (a new path token at the PSP, its hash in pix_webhook), at an address that
            // refuses connections; the probe cob, paid now, makes the PSP try it: its URL carries the token
            try (AuditContext.Scope s = HubBench.scope(tenant, "benchmark pix webhook")) {
                ctx.getBean(PixWebhooks.class).register(tenant, URI.create("https://127.0.0.1:9"));
            }
            String probe = txids[n];
            psp.pay(probe, new java.math.BigDecimal(psp.charge(probe).path("valor").path("original").asText()));
            PixPspSimulator.Delivery d = psp.deliveries().get(psp.deliveries().size() - 1);
            check(d.status() == -1, "the probe's delivery reached something: " + d);
            String[] seg = d.url().getPath().split("/"); // /webhooks/pix/{tenant}/{token}/pix
            String token = seg[4];
            String base = "http://127.0.0.1:" + hub.port() + "/webhooks/pix/";
            URI hook = URI.create(base + tenant + "/" + token + "/pix");
            URI noop = URI.create(base + NoopWebhookController.TENANT + "/" + token + "/pix");
            check(countPixPayments(tenant) == 0, "payments before the webhook phase");
            double setupMs = (System.nanoTime() - s0) / 1e6;

            // ---- timed: the no-op baseline, then the webhook, each n POSTs from the same threads
            Load noopLoad = post(noop, bodies, threads, null);
            check(noopLoad.non200() == 0, "no-op answered non-200 " + noopLoad.non200() + " times");
            AtomicInteger accepted = new AtomicInteger();
            hub.beginPhase();
            int tokens0 = psp.tokensIssued();
            long p0 = System.nanoTime();
            Load hookLoad = post(hook, bodies, threads, accepted);
            // the webhook answers once a notification is kept; the inbox's workers read back and settle behind it
            awaitInboxIdle(tenant, Duration.ofMinutes(10));
            double settledAllMs = (System.nanoTime() - p0) / 1e6;
            HubBench.Server server = hub.endPhase();
            int tokensWebhook = psp.tokensIssued() - tokens0;
            long payments = countPixPayments(tenant);
            long allocations = jdbc.queryForObject("select count(*) from allocation a join payment p on p.id = a.payment_id "
                    + "where p.tenant_id = ? and p.idempotency_key like 'pix|%'", Long.class, tenant);
            long paid = jdbc.queryForObject("select count(*) from receivable where tenant_id = ? and status = 'PAID'", Long.class, tenant);
            check(hookLoad.non200() == 0, "webhook answered non-200 " + hookLoad.non200() + " times");
            check(payments == n && allocations == n && paid == n && accepted.get() == n,
                    "webhook: " + payments + " payments, " + allocations + " allocations, " + paid + " receivables PAID, " + accepted.get()
                            + " accepted in the receipts, for " + n + " notifications");

            // ---- replay: every notification again, shuffled
            List<String> shuffled = new ArrayList<>(Arrays.asList(bodies));
            Collections.shuffle(shuffled, new Random(seed + 1));
            AtomicInteger acceptedAgain = new AtomicInteger();
            Load replay = post(hook, shuffled.toArray(String[]::new), threads, acceptedAgain);
            check(acceptedAgain.get() == 0, "replay: " + acceptedAgain.get() + " notifications accepted as new");
            awaitInboxIdle(tenant, Duration.ofMinutes(2));
            long paymentsAfter = countPixPayments(tenant);
            long allocationsAfter = jdbc.queryForObject("select count(*) from allocation a join payment p on p.id = a.payment_id "
                    + "where p.tenant_id = ? and p.idempotency_key like 'pix|%'", Long.class, tenant);
            check(replay.non200() == 0, "replay answered non-200 " + replay.non200() + " times");

            // ---- the PSP read-back alone (what the webhook does per notification before settling), same threads
            InstantPaymentProvider provider = ctx.getBean(PixAccounts.class).provider();
            PspAccount account;
            try (AuditContext.Scope s = HubBench.scope(tenant, "benchmark pix read-back")) {
                account = ctx.getBean(PixAccounts.class).account(tenant);
            }
            int tokens1 = psp.tokensIssued();
            Load readBack = timed(n, threads, i -> provider.readCharge(account, txids[i], false).payments().size() == 1 ? 200 : 500);
            return new Figures(n, threads, setupMs, issueMs, noopLoad, hookLoad, settledAllMs, payments, allocations, paid, accepted.get(), replay,
                    paymentsAfter, allocationsAfter, readBack, tokensWebhook, psp.tokensIssued() - tokens1, server);
        } finally {
            psp.close();
        }
    }

    private long countPixPayments(String tenant) {
        return jdbc.queryForObject("select count(*) from payment where tenant_id = ? and idempotency_key like 'pix|%'", Long.class, tenant);
    }

    /** Waits until the tenant's webhook inbox has nothing left to confirm. */
    private void awaitInboxIdle(String tenant, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (jdbc.queryForObject("select exists (select 1 from pix_webhook_inbox where processed_at is null and tenant_id = ?)",
                Boolean.class, tenant)) {
            check(System.nanoTime() < until, "the webhook inbox did not drain within " + max);
            Thread.sleep(100);
        }
    }

    /** POSTs every body once to {@code url}; counts the receipts' {@code accepted} into {@code accepted} when given. */
    private Load post(URI url, String[] bodies, int threads, AtomicInteger accepted) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return timed(bodies.length, threads, i -> {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies[i], StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
            if (accepted != null && res.statusCode() == 200) {
                accepted.addAndGet(json.readTree(res.body()).path("accepted").asInt());
            }
            return res.statusCode();
        });
    }

    interface Call {
        int call(int i) throws Exception;
    }

    /** Runs {@code call(0..n-1)} from {@code threads} threads, timing each call and the whole. */
    private static Load timed(int n, int threads, Call call) throws Exception {
        long[] nanos = new long[n];
        AtomicInteger non200 = new AtomicInteger();
        long t0 = System.nanoTime();
        parallel(n, threads, i -> {
            long c0 = System.nanoTime();
            int status = call.call(i);
            nanos[i] = System.nanoTime() - c0;
            if (status != 200) {
                non200.incrementAndGet();
            }
            return status;
        });
        double wallMs = (System.nanoTime() - t0) / 1e6;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        IntFunction<Double> pct = p -> sorted[Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1)] / 1e6;
        return new Load(n, threads, wallMs, pct.apply(50), pct.apply(99), sorted[n - 1] / 1e6, non200.get());
    }

    /** Calls {@code call(i)} for i in 0..n-1, each index once, from {@code threads} threads; the first failure is thrown. */
    private static void parallel(int n, int threads, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        call.call(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    next.set(n);
                    Throwable c = e.getCause();
                    throw c instanceof Exception ex ? ex : new IllegalStateException(c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("wrong result, the figures would mean nothing: " + what);
        }
    }
}
