package br.com.recebiveishub.hub.pix;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.InstantPaymentProvider.InstantCharge;
import br.com.recebiveishub.sdk.InstantPaymentProvider.ReceivedPayment;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Confirms what the PSP notified: takes the webhook's durable rows ({@code pix_webhook_inbox}),
 * reads each cob back at the PSP and settles only what the PSP answers, through the same
 * idempotent {@link PixSettlement} as the janitor.
 *
 * <p>Why a queue behind the webhook rather than settling in the request: the PSP waits for the
 * answer and retries on a slow one, and reading back over mTLS is most of the work; keeping the
 * notification first and answering makes the webhook's cost one insert, and a PSP that is slow
 * to read back delays settlement, not the PSP's delivery. Nothing is lost on a crash: a claimed
 * row is a lease that expires, and the janitor polls every PENDING charge anyway.
 *
 * <p>{@code hub.pix.inbox.workers} threads (default 2) wake on each webhook and otherwise every
 * {@code hub.pix.inbox.idle-poll} (PT1S); each claims up to {@code hub.pix.inbox.batch} rows with
 * {@code FOR UPDATE SKIP LOCKED}, so several hubs on one database share the work.
 */
@Component
public class PixWebhookInbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PixWebhookInbox.class);
    /** A row not confirmed after this many read-backs is closed as NOT_CONFIRMED: the janitor keeps polling its charge. */
    static final int MAX_ATTEMPTS = 8;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final PixAccounts accounts;
    private final PixSettlement settlement;
    private final PixChargeService charges;
    private final JdbcTemplate jdbc;
    private final int workers;
    private final int batch;
    private final Duration idlePoll;
    private final Duration baseDelay;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    public PixWebhookInbox(PixAccounts accounts, PixSettlement settlement, PixChargeService charges, JdbcTemplate jdbc,
                           @Value("${hub.pix.inbox.workers:2}") int workers, @Value("${hub.pix.inbox.batch:20}") int batch,
                           @Value("${hub.pix.inbox.idle-poll:PT1S}") Duration idlePoll,
                           @Value("${hub.pix.inbox.base-delay:PT5S}") Duration baseDelay) {
        this.accounts = accounts;
        this.settlement = settlement;
        this.charges = charges;
        this.jdbc = jdbc;
        this.workers = Math.max(0, workers);
        this.batch = Math.max(1, batch);
        this.idlePoll = idlePoll;
        this.baseDelay = baseDelay;
    }

    /** Tells the workers there is something to confirm. */
    void wake() {
        if (wake.availablePermits() < workers) {
            wake.release();
        }
    }

    /** One row to confirm. */
    record Notified(String tenantId, String endToEndId, String txid, int attempts) {
    }

    /** What one pass did. */
    public record Pass(int claimed, int settled, int confirmed, int retried) {
    }

    /**
     * Claims and confirms up to one batch of due rows (the workers call it in a loop; tests and the
     * benchmark may call it to drain).
     */
    public Pass runOnce() {
        List<Notified> claimed;
        try (AuditContext.Scope s = AuditContext.system("pix-webhook-inbox")) {
            // The batch counts rows, but every due row of a cob it picks comes along: one read-back of the cob confirms them all
            // (a POST listing thousands of made-up endToEndIds for one txid costs one read per round, not thousands). Every row
            // lock is taken with skip locked, so two workers never wait on each other (they may split a cob: two reads).
            claimed = jdbc.query("""
                    with picked as (
                      select tenant_id, txid from pix_webhook_inbox
                       where processed_at is null and next_attempt_at <= now()
                       order by next_attempt_at limit ? for update skip locked),
                    claim as (
                      select i.tenant_id, i.end_to_end_id from pix_webhook_inbox i
                       where (i.tenant_id, i.txid) in (select distinct tenant_id, txid from picked)
                         and i.processed_at is null and i.next_attempt_at <= now()
                       for update of i skip locked)
                    update pix_webhook_inbox i set attempts = i.attempts + 1, next_attempt_at = now() + ?::interval
                      from claim
                     where i.tenant_id = claim.tenant_id and i.end_to_end_id = claim.end_to_end_id
                    returning i.tenant_id, i.end_to_end_id, i.txid, i.attempts""",
                    (rs, n) -> new Notified(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                    batch, LEASE.toSeconds() + " seconds");
        }
        Map<String, List<Notified>> byCob = new LinkedHashMap<>();
        for (Notified n : claimed) {
            byCob.computeIfAbsent(n.tenantId() + "\u0000" + n.txid(), k -> new ArrayList<>()).add(n);
        }
        int settled = 0;
        int confirmed = 0;
        int retried = 0;
        for (List<Notified> cob : byCob.values()) {
            Notified first = cob.get(0);
            try (AuditContext.Scope s = AuditContext.open("psp:" + PixAccounts.PLUGIN_ID, first.tenantId(), "pix webhook", "webhook")) {
                int[] r = confirm(first.tenantId(), first.txid(), cob);
                settled += r[0];
                confirmed += r[1];
                retried += cob.size() - r[1];
            } catch (RuntimeException e) {
                // the lease brings the rows back; the janitor polls the charge meanwhile
                log.warn("tenant {}: Pix webhook confirmation failed: {}", first.tenantId(), e.getClass().getSimpleName());
                retried += cob.size();
            }
        }
        return new Pass(claimed.size(), settled, confirmed, retried);
    }

    /** @return {settled, confirmed} */
    private int[] confirm(String tenantId, String txid, List<Notified> rows) {
        InstantPaymentProvider provider = accounts.provider();
        InstantCharge c;
        try {
            // a due-date charge lives under /cobv at the PSP (V13 pix_with_due_date)
            boolean withDueDate = Boolean.TRUE.equals(jdbc.queryForList("select pix_with_due_date from charge where tenant_id = ? "
                    + "and pix_txid = ? and method = 'PIX'", Boolean.class, tenantId, txid).stream().findFirst().orElse(false));
            c = provider.readCharge(accounts.account(tenantId), txid, withDueDate);
        } catch (RefusedException | UnknownOutcomeException | IllegalStateException e) {
            charges.checkSoon(tenantId, txid);
            later(tenantId, rows);
            return new int[] {0, 0};
        }
        int settled = 0;
        Set<String> listed = new HashSet<>();
        for (ReceivedPayment confirmed : c.payments()) {
            ReceivedPayment p = confirmed.chargeId() != null ? confirmed
                    : new ReceivedPayment(confirmed.endToEndId(), txid, confirmed.amount(), confirmed.paidAt(), confirmed.refunds());
            listed.add(p.endToEndId());
            if (settlement.settle(tenantId, p, "WEBHOOK") != PixSettlement.Outcome.DUPLICATE) {
                settled++;
            }
        }
        int confirmedRows = 0;
        List<Notified> notListed = new ArrayList<>();
        for (Notified n : rows) {
            if (listed.contains(n.endToEndId())) {
                jdbc.update("update pix_webhook_inbox set processed_at = now(), outcome = 'SETTLED' where tenant_id = ? and end_to_end_id = ?",
                        tenantId, n.endToEndId());
                confirmedRows++;
            } else {
                notListed.add(n); // the PSP does not list it (yet): a notification is a hint, never a payment
            }
        }
        later(tenantId, notListed);
        return new int[] {settled, confirmedRows};
    }

    /**
     * Reads a cob's unconfirmed rows back later, together: one statement for the rows still within
     * {@link #MAX_ATTEMPTS} (the backoff of the most tried of them, so the cob's rows stay due at the
     * same time and are read in one round), one closing the others as NOT_CONFIRMED.
     */
    private void later(String tenantId, List<Notified> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> again = rows.stream().filter(n -> n.attempts() < MAX_ATTEMPTS).map(Notified::endToEndId).toList();
        List<String> closed = rows.stream().filter(n -> n.attempts() >= MAX_ATTEMPTS).map(Notified::endToEndId).toList();
        if (!closed.isEmpty()) {
            jdbc.update("update pix_webhook_inbox set processed_at = now(), outcome = 'NOT_CONFIRMED' where tenant_id = ? "
                    + "and end_to_end_id = any(?)", tenantId, closed.toArray(String[]::new));
            log.warn("tenant {}: {} notified Pix not confirmed by the PSP after {} read-backs; the janitor keeps polling their charge",
                    tenantId, closed.size(), MAX_ATTEMPTS);
        }
        if (!again.isEmpty()) {
            int attempts = rows.stream().filter(n -> n.attempts() < MAX_ATTEMPTS).mapToInt(Notified::attempts).max().orElse(1);
            long delay = baseDelay.toMillis() << Math.min(attempts - 1, 10);
            jdbc.update("update pix_webhook_inbox set next_attempt_at = now() + ?::interval where tenant_id = ? and end_to_end_id = any(?)",
                    delay + " milliseconds", tenantId, again.toArray(String[]::new));
        }
    }

    private void loop() {
        while (running.get()) {
            try {
                Pass p = runOnce();
                if (p.claimed() < batch) {
                    wake.tryAcquire(idlePoll.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Pix webhook inbox pass failed: {}", e.getClass().getSimpleName());
                try {
                    Thread.sleep(idlePoll.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            for (int i = 0; i < workers; i++) {
                Thread t = new Thread(this::loop, "pix-inbox-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            wake.release(workers);
            for (Thread t : threads) {
                t.interrupt();
            }
            for (Thread t : threads) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            threads.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Starts after the database and the plugins (default phase), stops before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
