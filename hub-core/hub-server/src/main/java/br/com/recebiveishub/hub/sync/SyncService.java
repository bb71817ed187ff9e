package br.com.recebiveishub.hub.sync;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.plugin.PluginCalls;
import br.com.recebiveishub.hub.tenant.Tenant;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * ERP API syncs: the connection check, the schedule per tenant and connector, and the sync itself.
 *
 * <p>A sync reads the receivables stream from the saved cursor. Each page the connector closes with
 * a checkpoint is applied through the import path ({@link IngestService#applyPage}: the same
 * checks, upsert and quarantine as a file) in one transaction with the cursor after it, so a sync
 * that stops anywhere resumes from the last checkpoint: nothing lost; and the upsert by source
 * system and external id makes a page read twice change nothing. A read that fails (the ERP is
 * down past the connector's retries, the plugin times out or crashes) is a dead letter whose replay
 * syncs again from the cursor.
 */
@Service
class SyncService {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);
    static final String STREAM = ErpApiConnector.RECEIVABLES;

    /** The schedule or the plugin changed: the route of this tenant and plugin must be (re)started or stopped. */
    record ScheduleChanged(String tenantId, String pluginId) {
    }

    /**
     * A sync's schedule and its last run.
     *
     * @param applied          receivables created or changed by the last run
     * @param cursorAgeSeconds seconds since the cursor was last saved, null when none is
     */
    record Status(String tenantId, String pluginId, String stream, int intervalMinutes, boolean scheduled, boolean pluginEnabled,
                  boolean running, Instant lastStartedAt, Instant lastFinishedAt, String lastOutcome, int read, int applied,
                  int rejected, Long cursorAgeSeconds, String lastError, Instant nextRunAt) {
    }

    /** What one run did. */
    record RunResult(String outcome, int pages, int read, int applied, int unchanged, int rejected, String error) {
    }

    /**
     * What a dry run would do: every page read and applied, then rolled back.
     *
     * @param stoppedEarly true when it stopped at {@code maxPages} (the ERP has more)
     * @param rejections   the records that would be quarantined, with field and reason (at most 1000)
     */
    record DryRun(String outcome, int pages, boolean stoppedEarly, int read, int wouldCreate, int wouldUpdate, int unchanged,
                  List<RecordRejection> rejections, String error) {
    }

    private final ErpConnectors connectors;
    private final TenantService tenants;
    private final IngestService ingest;
    private final DeadLetters deadLetters;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final BulkAudit audit;
    private final ApplicationEventPublisher events;
    private final Duration readTimeout;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    SyncService(ErpConnectors connectors, TenantService tenants, IngestService ingest, DeadLetters deadLetters, JdbcTemplate jdbc,
                TransactionTemplate tx, BulkAudit audit, ApplicationEventPublisher events,
                @Value("${hub.sync.read-timeout:15m}") Duration readTimeout) {
        this.connectors = connectors;
        this.tenants = tenants;
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.readTimeout = readTimeout;
    }

    /** Tests the tenant's saved settings against the ERP (audited: who tested which connector, and the answer). */
    ErpApiConnector.ConnectionCheck check(String tenantId, String pluginId) {
        tenants.require(tenantId);
        ErpConnectors.Bound b = connectors.bind(tenantId, pluginId);
        ErpApiConnector.ConnectionCheck answer;
        try {
            answer = connectors.calls().call(pluginId, "ErpApiConnector.check", () -> b.connector().check(b.account()));
        } catch (PluginCalls.PluginCallException e) {
            answer = ErpApiConnector.ConnectionCheck.failed("error", e.getMessage());
        } catch (RuntimeException e) {
            // the connector should answer, not throw: still an answer for the team, not a 500
            answer = ErpApiConnector.ConnectionCheck.failed("error", "the connector failed: " + e.getClass().getSimpleName());
        }
        ErpApiConnector.ConnectionCheck a = answer;
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "connection check of plugin " + pluginId + ": "
                + (a.ok() ? "ok" : a.reason()), "plugin:" + pluginId)) {
            tx.executeWithoutResult(st -> audit.newRevision());
        }
        return a;
    }

    /** Saves the schedule of the tenant's sync with the connector (audited) and (re)starts or stops its route. */
    Status schedule(String tenantId, String pluginId, Integer intervalMinutes, Boolean enabled) {
        tenants.require(tenantId);
        if (intervalMinutes == null || intervalMinutes < 1 || intervalMinutes > 10080) {
            throw new IllegalArgumentException("intervalMinutes: required, from 1 to 10080 (a week)");
        }
        if (enabled == null) {
            throw new IllegalArgumentException("enabled: required (true or false)");
        }
        connectors.connector(tenantId, pluginId);
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "sync schedule of plugin " + pluginId, null)) {
            tx.executeWithoutResult(st -> {
                List<Map<String, Object>> old = jdbc.queryForList("select id, interval_minutes, enabled from erp_sync "
                        + "where tenant_id = ? and plugin_id = ? and stream = ? for update", tenantId, pluginId, STREAM);
                if (!old.isEmpty() && ((Number) old.get(0).get("interval_minutes")).intValue() == intervalMinutes
                        && (Boolean) old.get(0).get("enabled") == enabled) {
                    return;
                }
                long rev = audit.newRevision();
                long id;
                if (old.isEmpty()) {
                    id = jdbc.queryForObject("insert into erp_sync (tenant_id, plugin_id, stream, interval_minutes, enabled, next_run_at) "
                            + "values (?,?,?,?,?, case when ? then now() end) returning id", Long.class, tenantId, pluginId, STREAM,
                            intervalMinutes, enabled, enabled);
                } else {
                    id = ((Number) old.get(0).get("id")).longValue();
                    jdbc.update("update erp_sync set interval_minutes = ?, enabled = ?, next_run_at = case when ? then "
                            + "coalesce(last_started_at + make_interval(mins => ?), now()) end, updated_at = now(), version = version + 1 "
                            + "where id = ?", intervalMinutes, enabled, enabled, intervalMinutes, id);
                }
                audit.record("erp_sync", rev, old.isEmpty() ? BulkAudit.RevType.ADD : BulkAudit.RevType.MOD, List.of(id));
            });
        }
        events.publishEvent(new ScheduleChanged(tenantId, pluginId));
        return status(tenantId, pluginId).orElseThrow();
    }

    /** @return the tenant's syncs */
    List<Status> list(String tenantId) {
        tenants.require(tenantId);
        return tx.execute(st -> jdbc.query("select * from erp_sync where tenant_id = ? order by plugin_id, stream", (rs, i) -> map(rs), tenantId));
    }

    Optional<Status> status(String tenantId, String pluginId) {
        return tx.execute(st -> jdbc.query("select * from erp_sync where tenant_id = ? and plugin_id = ? and stream = ?",
                (rs, i) -> map(rs), tenantId, pluginId, STREAM).stream().findFirst());
    }

    /** Schedules that should have a running route: (tenant, plugin) pairs. */
    List<String[]> scheduled() {
        return tx.execute(st -> jdbc.query("select tenant_id, plugin_id, interval_minutes, next_run_at from erp_sync where enabled",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}));
    }

    /** @return the interval and the delay before the first run of a scheduled sync, or empty when it is not scheduled */
    Optional<long[]> timing(String tenantId, String pluginId) {
        return tx.execute(st -> jdbc.query("select interval_minutes, greatest(0, extract(epoch from (coalesce(next_run_at, now()) - now())) * 1000)::bigint "
                        + "from erp_sync where tenant_id = ? and plugin_id = ? and stream = ? and enabled",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}, tenantId, pluginId, STREAM).stream().findFirst());
    }

    private Status map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String tenantId = rs.getString("tenant_id");
        String pluginId = rs.getString("plugin_id");
        Timestamp saved = rs.getTimestamp("cursor_saved_at");
        boolean pluginEnabled;
        try {
            connectors.connector(tenantId, pluginId);
            pluginEnabled = true;
        } catch (IllegalStateException e) {
            pluginEnabled = false;
        }
        return new Status(tenantId, pluginId, rs.getString("stream"), rs.getInt("interval_minutes"), rs.getBoolean("enabled"), pluginEnabled,
                running.contains(tenantId + "|" + pluginId), instant(rs, "last_started_at"), instant(rs, "last_finished_at"),
                rs.getString("last_outcome"), rs.getInt("last_read"), rs.getInt("last_applied"), rs.getInt("last_rejected"),
                saved == null ? null : Math.max(0, Duration.between(saved.toInstant(), Instant.now()).toSeconds()),
                rs.getString("last_error"), rs.getBoolean("enabled") && pluginEnabled ? instant(rs, "next_run_at") : null);
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /**
     * Syncs now, from the saved cursor. A failed read is recorded on the sync and as a dead letter.
     *
     * @throws IllegalStateException (409) when the plugin does not serve the tenant, is unconfigured, or a sync of it is running
     */
    RunResult run(String tenantId, String pluginId) {
        return run(tenantId, pluginId, false, null);
    }

    /**
     * @param replay true to read from {@code fromCursor} without moving the saved cursor (a dead letter's
     *               re-read: the sync's own position is ahead of it)
     */
    RunResult run(String tenantId, String pluginId, boolean replay, String fromCursor) {
        Tenant tenant = tenants.require(tenantId);
        ErpConnectors.Bound b = connectors.bind(tenantId, pluginId);
        String key = tenantId + "|" + pluginId;
        if (!running.add(key)) {
            throw new IllegalStateException("a sync of plugin " + pluginId + " for tenant " + tenantId + " is running; try again when it ends");
        }
        String actor = AuditContext.current().actor();
        String source = "sync:" + pluginId;
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "sync of plugin " + pluginId, source)) {
            String cursor = tx.execute(st -> {
                jdbc.update("insert into erp_sync (tenant_id, plugin_id, stream, interval_minutes, enabled) values (?,?,?,60,false) "
                        + "on conflict (tenant_id, plugin_id, stream) do nothing", tenantId, pluginId, STREAM);
                jdbc.update("update erp_sync set last_outcome = 'RUNNING', last_started_at = now(), last_finished_at = null, "
                        + "last_read = 0, last_applied = 0, last_rejected = 0, last_error = null, "
                        + "next_run_at = case when enabled then now() + make_interval(mins => interval_minutes) end "
                        + "where tenant_id = ? and plugin_id = ? and stream = ?", tenantId, pluginId, STREAM);
                return jdbc.queryForObject("select sync_cursor from erp_sync where tenant_id = ? and plugin_id = ? and stream = ?",
                        String.class, tenantId, pluginId, STREAM);
            });
            String from = replay ? fromCursor : cursor;
            Sink sink = new Sink(actor, tenantId, pluginId, source, from, replay);
            String error = null;
            String outcome = "SUCCEEDED";
            try {
                // the write-back trigger finds the connector of a paid receivable by its source system
                String system = connectors.calls().call(pluginId, "ErpApiConnector.system", () -> b.connector().system());
                tx.executeWithoutResult(st -> jdbc.update("update erp_sync set source_system = ? where tenant_id = ? and plugin_id = ? "
                        + "and stream = ?", system, tenantId, pluginId, STREAM));
                connectors.calls().call(pluginId, "ErpApiConnector.read", readTimeout, () -> {
                    b.connector().read(b.account(), STREAM, from, new ConnectorContext(tenantId, tenant.getDefaultTermDays()), sink);
                    return null;
                });
                sink.finish();
            } catch (InstantPaymentProvider.RefusedException e) {
                outcome = "REFUSED";
                error = "the ERP refused the read: " + e.getMessage();
            } catch (ErpApiConnector.ErpUnavailableException e) {
                outcome = "FAILED";
                error = "the ERP was unavailable past the connector's retries: " + e.getMessage();
            } catch (PluginCalls.PluginCallException e) {
                outcome = "FAILED";
                error = e.getMessage();
            } catch (RuntimeException e) {
                outcome = "FAILED";
                error = "plugin " + pluginId + " failed in read (" + e.getClass().getSimpleName() + ")";
            } finally {
                sink.close();
            }
            String o = outcome;
            String err = DeadLetters.cut(error, 1000);
            tx.executeWithoutResult(st -> {
                jdbc.update("update erp_sync set last_outcome = ?, last_finished_at = now(), last_error = ? "
                        + "where tenant_id = ? and plugin_id = ? and stream = ?", o, err, tenantId, pluginId, STREAM);
                if (err != null) {
                    String at = replay ? from : jdbc.queryForObject("select sync_cursor from erp_sync where tenant_id = ? and plugin_id = ? "
                            + "and stream = ?", String.class, tenantId, pluginId, STREAM);
                    deadLetters.add(tenantId, pluginId, DeadLetters.Kind.SYNC_FAILED, err, STREAM, at, null, null, null);
                }
            });
            RunResult r = new RunResult(o, sink.pages, sink.read, sink.applied, sink.unchanged, sink.rejected, err);
            log.info("tenant {} sync of {}{}: {} pages, {} read, {} applied, {} unchanged, {} rejected, {}", tenantId, pluginId,
                    replay ? " (replay)" : "", r.pages(), r.read(), r.applied(), r.unchanged(), r.rejected(), o);
            return r;
        } finally {
            running.remove(key);
        }
    }

    /**
     * Reads from the saved cursor (the account's start before the first sync) and runs every page
     * through the import path, then rolls it back: nothing is written, no cursor moves, no dead
     * letter. For onboarding: the team sees the per-row errors before the first real sync.
     */
    DryRun dryRun(String tenantId, String pluginId, int maxPages) {
        if (maxPages < 1 || maxPages > 100) {
            throw new IllegalArgumentException("maxPages: from 1 to 100");
        }
        Tenant tenant = tenants.require(tenantId);
        ErpConnectors.Bound b = connectors.bind(tenantId, pluginId);
        String key = tenantId + "|" + pluginId;
        if (!running.add(key)) {
            throw new IllegalStateException("a sync of plugin " + pluginId + " for tenant " + tenantId + " is running; try again when it ends");
        }
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "dry run of plugin " + pluginId, "sync:" + pluginId)) {
            // a schedule saved before any page was read has a row with no cursor yet (findFirst would refuse the null)
            List<String> saved = tx.execute(st -> jdbc.query("select sync_cursor from erp_sync where tenant_id = ? and plugin_id = ? "
                    + "and stream = ?", (rs, i) -> rs.getString(1), tenantId, pluginId, STREAM));
            String cursor = saved == null || saved.isEmpty() ? null : saved.get(0);
            Sink sink = new Sink(AuditContext.current().actor(), tenantId, pluginId, "sync:" + pluginId, cursor, true);
            sink.dryRunPages = maxPages;
            String error = null;
            String outcome = "SUCCEEDED";
            try {
                connectors.calls().call(pluginId, "ErpApiConnector.read", readTimeout, () -> {
                    b.connector().read(b.account(), STREAM, cursor, new ConnectorContext(tenantId, tenant.getDefaultTermDays()), sink);
                    return null;
                });
                sink.finish();
            } catch (RuntimeException e) {
                if (!sink.stopped) {
                    outcome = "FAILED";
                    error = e instanceof PluginCalls.PluginCallException ? e.getMessage()
                            : "the read failed (" + e.getClass().getSimpleName() + "): " + e.getMessage();
                }
            } finally {
                sink.close();
            }
            return new DryRun(outcome, sink.pages, sink.stopped, sink.read, sink.created, sink.updated, sink.unchanged,
                    List.copyOf(sink.dryRejections), DeadLetters.cut(error, 1000));
        } finally {
            running.remove(key);
        }
    }

    /** Ends a dry run's read at its page limit. */
    private static final class EnoughPages extends PluginCalls.CallerStop {
        EnoughPages() {
            super("dry run: page limit reached");
        }
    }

    /**
     * Takes the connector's stream on the plugin's thread; at each checkpoint applies the page and
     * saves the cursor in one transaction. Once the hub stopped waiting for the read (timeout), it
     * refuses anything more, so a plugin thread that outlives its call writes nothing.
     */
    private final class Sink implements ErpApiConnector.SyncSink {
        final String actor;
        final String tenantId;
        final String pluginId;
        final String source;
        final boolean replay;
        final AtomicBoolean closed = new AtomicBoolean();
        final List<ReceivableRecord> records = new ArrayList<>();
        final List<RecordRejection> rejections = new ArrayList<>();
        String cursor;
        int pages;
        int read;
        int applied;
        int unchanged;
        int rejected;
        int created;
        int updated;
        /** Above zero: a dry run that stops after this many pages and rolls every page back. */
        int dryRunPages;
        volatile boolean stopped;
        final List<RecordRejection> dryRejections = new ArrayList<>();

        Sink(String actor, String tenantId, String pluginId, String source, String cursor, boolean replay) {
            this.actor = actor;
            this.tenantId = tenantId;
            this.pluginId = pluginId;
            this.source = source;
            this.cursor = cursor;
            this.replay = replay;
        }

        private void open() {
            if (closed.get()) {
                throw new IllegalStateException("the hub no longer waits for this read (it timed out or failed)");
            }
        }

        @Override
        public synchronized void accept(ReceivableRecord record) {
            open();
            records.add(record);
        }

        @Override
        public synchronized void reject(RecordRejection rejection) {
            open();
            rejections.add(rejection);
        }

        @Override
        public synchronized void checkpoint(String next) {
            open();
            if (next != null && next.length() > 200) {
                throw new IllegalArgumentException("cursor: at most 200 characters (the connector gave " + next.length() + ")");
            }
            apply(next, true);
        }

        /** Records after the last checkpoint (a connector should not leave any) are applied; the cursor stays. */
        synchronized void finish() {
            open();
            if (!records.isEmpty() || !rejections.isEmpty()) {
                apply(cursor, false);
            }
        }

        void close() {
            closed.set(true);
        }

        private void dryApply() {
            int page = pages + 1;
            try (AuditContext.Scope s = AuditContext.open(actor, tenantId, "dry run of plugin " + pluginId, source)) {
                IngestService.PageResult r = tx.execute(st -> {
                    IngestService.PageResult res = ingest.applyPage(tenantId, pluginId,
                            "api:" + pluginId + "/" + STREAM + " page " + page + " (dry run)", records, rejections);
                    st.setRollbackOnly();
                    return res;
                });
                pages = page;
                read += r.read();
                created += r.created();
                updated += r.updated();
                unchanged += r.unchanged();
                rejected += r.rejections().size();
                for (RecordRejection rj : r.rejections()) {
                    if (dryRejections.size() < 1000) {
                        dryRejections.add(rj);
                    }
                }
            }
            records.clear();
            rejections.clear();
        }

        private void apply(String next, boolean moveCursor) {
            if (dryRunPages > 0) {
                dryApply();
                if (pages >= dryRunPages && moveCursor) {
                    stopped = true;
                    throw new EnoughPages();
                }
                return;
            }
            String before = cursor;
            int page = pages + 1;
            // the plugin's thread has no audit scope of its own: the page is the sync's actor's revision
            try (AuditContext.Scope s = AuditContext.open(actor, tenantId, "sync of plugin " + pluginId, source)) {
                IngestService.PageResult r = tx.execute(st -> {
                    IngestService.PageResult res = ingest.applyPage(tenantId, pluginId,
                            "api:" + pluginId + "/" + STREAM + " page " + page + (replay ? " (replay)" : ""), records, rejections);
                    if (moveCursor && !replay) {
                        jdbc.update("update erp_sync set sync_cursor = ?, cursor_saved_at = now() where tenant_id = ? and plugin_id = ? "
                                + "and stream = ?", next, tenantId, pluginId, STREAM);
                    }
                    for (RecordRejection rj : res.rejections()) {
                        deadLetters.add(tenantId, pluginId, DeadLetters.Kind.SYNC_REJECTED_RECORD, rj.field() + ": " + rj.reason(), STREAM,
                                before, rj.record() != null ? rj.record() : "line " + rj.line(), res.importId(), null);
                    }
                    jdbc.update("update erp_sync set last_read = last_read + ?, last_applied = last_applied + ?, "
                            + "last_rejected = last_rejected + ? where tenant_id = ? and plugin_id = ? and stream = ?",
                            res.read(), res.created() + res.updated(), res.rejections().size(), tenantId, pluginId, STREAM);
                    return res;
                });
                pages = page;
                read += r.read();
                applied += r.created() + r.updated();
                unchanged += r.unchanged();
                rejected += r.rejections().size();
            }
            records.clear();
            rejections.clear();
            if (moveCursor) {
                cursor = next;
            }
        }
    }
}
