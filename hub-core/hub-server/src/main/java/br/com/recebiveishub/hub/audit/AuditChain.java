package br.com.recebiveishub.hub.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends every revision, access-log row and data-sharing row to the tamper-evident hash chain of
 * its tenant, and signs checkpoints of the chains (docs/audit-guide.md).
 *
 * <p><b>Off the writers' path.</b> Writers only insert their rows; this service chains them a
 * moment later (every {@code hub.audit.chain.interval-ms}, default 500 ms) in its own transaction,
 * under a PostgreSQL advisory transaction lock, so several appenders (several hub instances) never
 * fork a chain.
 *
 * <p><b>Never past a row that could still appear.</b> Ids come from sequences in allocation order,
 * but transactions commit in any order: a revision with id 10 may commit after id 11. The chain
 * takes rows in id order and a row below the chain head that is not in the chain is reported as
 * INSERTED, so the appender must never chain id 11 while id 10 could still commit. It works from
 * <i>marks</i>: the sequences' last values read at an instant T. Every id up to a mark was drawn by
 * a transaction that started before T; once no transaction that started before T is still running
 * ({@code pg_stat_activity.xact_start}), every row up to the mark is committed or never will be,
 * and the appender chains up to it. This needs the sequences to hand out values in order (CACHE 1)
 * and the hub's own sessions to be visible in {@code pg_stat_activity} (true for the role that
 * opens them, or any role with {@code pg_read_all_stats}).
 */
@Service
public class AuditChain {

    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    /** Advisory lock key of the chain appender: "HUBAUDIT". */
    static final long LOCK = 0x4855_4241_5544_4954L;
    private static final int REVISION_BATCH = 100;
    private static final int ROW_BATCH = 5000;

    /** Sequence values read at an instant. */
    record Mark(Instant time, long revision, long access, long share) {
    }

    /** The last entry of a chain. */
    private record Head(long seq, long pos, String hash) {
    }

    private final JdbcTemplate jdbc;
    private final ContentReader reader;
    private final TransactionTemplate tx;
    private final AuditKeys keys;
    private final boolean enabled;
    private final int checkpointEvery;
    private final Duration checkpointInterval;
    private final Deque<Mark> marks = new ArrayDeque<>();
    private Mark lastSafe;
    private Instant blockedSince;

    public AuditChain(DataSource dataSource, PlatformTransactionManager txManager, AuditKeys keys,
                      @Value("${hub.audit.chain.enabled:true}") boolean enabled,
                      @Value("${hub.audit.verify:false}") boolean verifyMode,
                      @Value("${hub.audit.checkpoint.every-entries:1000}") int checkpointEvery,
                      @Value("${hub.audit.checkpoint.every-seconds:60}") int checkpointSeconds) {
        this.jdbc = new JdbcTemplate(dataSource);
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(2000);
        this.reader = new ContentReader(streaming);
        this.tx = new TransactionTemplate(txManager);
        this.keys = keys;
        // verify-audit is read-only: the hub started to verify does not chain what it finds
        this.enabled = enabled && !verifyMode;
        this.checkpointEvery = checkpointEvery;
        this.checkpointInterval = Duration.ofSeconds(checkpointSeconds);
    }

    /** @return whether the background appender runs ({@code hub.audit.chain.enabled}, off in verify mode) */
    public boolean enabled() {
        return enabled;
    }

    @Scheduled(fixedDelayString = "${hub.audit.chain.interval-ms:500}", initialDelayString = "${hub.audit.chain.interval-ms:500}")
    void tick() {
        if (!enabled) {
            return;
        }
        try (AuditContext.Scope system = AuditContext.system("job:audit-chain")) {
            appendRound();
            checkpointDue(false);
        } catch (RuntimeException e) {
            log.warn("audit chain: append round failed, will retry: {}", e.toString());
        }
    }

    /**
     * Chains every audit row committed before this call (waiting, up to a minute, for transactions
     * that were running when it was called to end).
     *
     * @return the number of entries appended
     */
    public int catchUp() {
        return catchUp(Duration.ofMinutes(1));
    }

    /** {@link #catchUp()} with a time limit; throws when older transactions are still running at the limit. */
    public synchronized int catchUp(Duration timeout) {
        try (AuditContext.Scope system = AuditContext.system("job:audit-chain")) {
            return catchUpInScope(timeout);
        }
    }

    private int catchUpInScope(Duration timeout) {
        Mark target = observe();
        long deadline = System.nanoTime() + timeout.toNanos();
        int appended = 0;
        while (true) {
            appended += appendSafe();
            if (lastSafe != null && !lastSafe.time().isBefore(target.time())) {
                return appended;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("audit chain: transactions started before " + target.time() + " are still running");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** One background round: take a mark and chain up to the latest safe one. */
    synchronized int appendRound() {
        observe();
        return appendSafe();
    }

    private Mark observe() {
        Mark m = jdbc.queryForObject("""
                select (select case when is_called then last_value else last_value - 1 end from hub_revision_seq),
                       (select case when is_called then last_value else last_value - 1 end from access_log_id_seq),
                       (select case when is_called then last_value else last_value - 1 end from plugin_data_share_id_seq)
                """, (rs, n) -> new Mark(null, rs.getLong(1), rs.getLong(2), rs.getLong(3)));
        // The instant is read after the values: every id up to them was drawn before it.
        Instant at = jdbc.queryForObject("select clock_timestamp()", OffsetDateTime.class).toInstant();
        Mark mark = new Mark(at, m.revision(), m.access(), m.share());
        marks.addLast(mark);
        return mark;
    }

    private int appendSafe() {
        OffsetDateTime oldest = jdbc.queryForObject("""
                select min(xact_start) from pg_stat_activity
                 where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null
                   and backend_type = 'client backend'
                """, OffsetDateTime.class);
        Mark safe = null;
        while (!marks.isEmpty() && (oldest == null || marks.peekFirst().time().isBefore(oldest.toInstant()))) {
            safe = marks.pollFirst();
        }
        if (safe == null) {
            if (!marks.isEmpty()) {
                Instant first = marks.peekFirst().time();
                if (blockedSince == null) {
                    blockedSince = first;
                } else if (Duration.between(blockedSince, Instant.now()).toMinutes() >= 1) {
                    log.warn("audit chain: waiting since {} for a transaction that started at {} to end", blockedSince, oldest);
                    blockedSince = Instant.now();
                }
            }
            return 0;
        }
        blockedSince = null;
        Mark upTo = safe;
        int total = 0;
        while (true) {
            Integer n = tx.execute(s -> appendBatch(upTo));
            if (n == null || n == 0) {
                break;
            }
            total += n;
        }
        lastSafe = safe;
        return total;
    }

    /** Appends the next batch of rows up to the mark; returns how many. Runs in a transaction. */
    private int appendBatch(Mark upTo) {
        lock();
        List<ContentReader.Source> revisions = next(ContentReader.REVISION, upTo.revision(), REVISION_BATCH);
        List<ContentReader.Source> accesses = next(ContentReader.ACCESS, upTo.access(), ROW_BATCH);
        List<ContentReader.Source> shares = next(ContentReader.SHARE, upTo.share(), ROW_BATCH);
        List<ContentReader.Source> merged = merge(revisions, accesses, shares);
        if (merged.isEmpty()) {
            return 0;
        }
        Long max = jdbc.queryForObject("select max(seq) from audit_chain", Long.class);
        long seq = max == null ? 1 : max + 1;
        Map<String, Head> heads = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>(merged.size());
        Timestamp now = Timestamp.from(Instant.now());
        for (ContentReader.Source s : merged) {
            String chain = s.tenantId() == null ? "" : s.tenantId();
            Head h = heads.computeIfAbsent(chain, this::head);
            long pos = h.pos() + 1;
            String entryHash = AuditContent.entryHash(h.hash(), seq, s.tenantId(), pos, s.type(), s.id(), s.contentHash());
            rows.add(new Object[] {seq, s.type(), s.id(), s.tenantId(), pos, s.contentHash(), h.hash(), entryHash, now});
            heads.put(chain, new Head(seq, pos, entryHash));
            seq++;
        }
        jdbc.batchUpdate("""
                insert into audit_chain (seq, entry_type, entry_ref, tenant_id, chain_pos, content_hash, prev_hash, entry_hash, chained_at)
                values (?,?,?,?,?,?,?,?,?)""", rows);
        List<Object[]> headRows = new ArrayList<>();
        heads.forEach((chain, h) -> headRows.add(new Object[] {chain, h.seq(), h.pos(), h.hash()}));
        jdbc.batchUpdate("""
                insert into audit_chain_head (chain, last_seq, last_pos, last_hash, checkpoint_pos, checkpoint_at)
                values (?,?,?,?,0,now())
                on conflict (chain) do update set last_seq = excluded.last_seq, last_pos = excluded.last_pos, last_hash = excluded.last_hash
                """, headRows);
        return merged.size();
    }

    private void lock() {
        jdbc.query("select pg_advisory_xact_lock(?)", (ResultSetExtractor<Void>) rs -> null, LOCK);
    }

    /**
     * Rows of a type above the chain's head for that type, up to the mark: at most {@code limit}
     * consecutive ids from the first one above the head. A bounded id window keeps the read cheap
     * whatever plan the statistics of a freshly filled table suggest.
     */
    private List<ContentReader.Source> next(String type, long upTo, int limit) {
        Long head = jdbc.queryForObject("select max(entry_ref) from audit_chain where entry_type = ?", Long.class, type);
        long from = head == null ? 0 : head;
        if (upTo <= from) {
            return List.of();
        }
        Long first = jdbc.queryForObject("select min(id) from " + ContentReader.table(type) + " where id > ? and id <= ?", Long.class, from, upTo);
        if (first == null) {
            return List.of();
        }
        return reader.read(type, "id >= ? and id <= ? order by id", first, Math.min(upTo, first + limit - 1));
    }

    /** The last entry of a chain, read from the chain itself (the head table is only a cache). */
    private Head head(String chain) {
        List<Head> h = jdbc.query("""
                select seq, chain_pos, entry_hash from audit_chain where coalesce(tenant_id, '') = ? order by chain_pos desc limit 1
                """, (rs, n) -> new Head(rs.getLong(1), rs.getLong(2), rs.getString(3)), chain);
        return h.isEmpty() ? new Head(0, 0, AuditContent.ZERO_HASH) : h.get(0);
    }

    /** Merges the per-type lists (each in id order) by time, keeping each type's id order. */
    static List<ContentReader.Source> merge(List<ContentReader.Source> a, List<ContentReader.Source> b, List<ContentReader.Source> c) {
        List<List<ContentReader.Source>> lists = List.of(a, b, c);
        int[] next = new int[3];
        List<ContentReader.Source> out = new ArrayList<>(a.size() + b.size() + c.size());
        Comparator<ContentReader.Source> order = Comparator.comparingLong(ContentReader.Source::micros);
        while (true) {
            int best = -1;
            for (int k = 0; k < 3; k++) {
                if (next[k] < lists.get(k).size()
                        && (best < 0 || order.compare(lists.get(k).get(next[k]), lists.get(best).get(next[best])) < 0)) {
                    best = k;
                }
            }
            if (best < 0) {
                return out;
            }
            out.add(lists.get(best).get(next[best]++));
        }
    }

    // ------------------------------------------------------------------ checkpoints

    /** Signs a checkpoint for every chain that is due (N entries or the interval since its last one), or for all with unsigned entries. */
    int checkpointDue(boolean force) {
        List<String> due = jdbc.queryForList("""
                select chain from audit_chain_head
                 where last_pos > checkpoint_pos
                   and (? or last_pos - checkpoint_pos >= ? or checkpoint_at <= now() - make_interval(secs => ?))
                 order by chain""", String.class, force, checkpointEvery, checkpointInterval.toSeconds());
        int n = 0;
        for (String chain : due) {
            if (checkpoint(chain).isPresent()) {
                n++;
            }
        }
        return n;
    }

    /** Signs checkpoints now for every chain with unsigned entries; returns how many. */
    public int checkpointAll() {
        try (AuditContext.Scope system = AuditContext.system("job:audit-chain")) {
            return checkpointDue(true);
        }
    }

    /**
     * Signs a checkpoint of a tenant's chain (null: the hub-wide chain) at its last entry, after
     * checking that the entries since the previous checkpoint link.
     *
     * @return the checkpoint id, or empty when the chain is empty, already signed at its head or does not link
     */
    public Optional<Long> checkpointNow(String tenantId) {
        try (AuditContext.Scope system = AuditContext.system("job:audit-chain")) {
            return checkpoint(tenantId == null ? "" : tenantId);
        }
    }

    private Optional<Long> checkpoint(String chain) {
        return tx.execute(s -> {
            lock();
            Head last = head(chain);
            if (last.pos() == 0) {
                return Optional.<Long>empty();
            }
            List<long[]> prior = jdbc.query("""
                    select upto_seq, upto_pos from audit_checkpoint where coalesce(tenant_id, '') = ? order by upto_seq desc limit 1
                    """, (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, chain);
            long fromPos = prior.isEmpty() ? 0 : prior.get(0)[1];
            if (fromPos >= last.pos()) {
                return Optional.<Long>empty();
            }
            String broken = linkCheck(chain, fromPos);
            if (broken != null) {
                log.error("audit chain {}: not signing a checkpoint, {}", AuditContent.chainName(chain), broken);
                return Optional.<Long>empty();
            }
            String tenantId = chain.isEmpty() ? null : chain;
            OffsetDateTime signedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            String keyId = keys.keyId();
            String signature = keys.sign(checkpointMessage(tenantId, last.seq(), last.pos(), last.hash(), signedAt, keyId));
            Long id = jdbc.queryForObject("""
                    insert into audit_checkpoint (tenant_id, upto_seq, upto_pos, entry_hash, signed_at, key_id, signature)
                    values (?,?,?,?,?,?,?) returning id""", Long.class,
                    tenantId, last.seq(), last.pos(), last.hash(), signedAt, keyId, signature);
            jdbc.update("update audit_chain_head set checkpoint_pos = ?, checkpoint_at = ? where chain = ?", last.pos(), signedAt, chain);
            return Optional.of(id);
        });
    }

    /** Checks that the chain's entries after position {@code fromPos} link; returns the first break, or null. */
    private String linkCheck(String chain, long fromPos) {
        return jdbc.query("""
                select seq, chain_pos, tenant_id, entry_type, entry_ref, content_hash, prev_hash, entry_hash from audit_chain
                 where coalesce(tenant_id, '') = ? and chain_pos >= ? order by chain_pos""", ps -> {
            ps.setString(1, chain);
            ps.setLong(2, Math.max(fromPos, 1));
        }, (ResultSetExtractor<String>) rs -> {
            String prev = null;
            long pos = fromPos;
            while (rs.next()) {
                long p = rs.getLong(2);
                String entryHash = rs.getString(8);
                if (p == fromPos) {
                    prev = entryHash;
                    continue;
                }
                if (prev == null) {
                    prev = AuditContent.ZERO_HASH;
                }
                if (p != pos + 1) {
                    return "position " + (pos + 1) + " is missing";
                }
                if (!prev.equals(rs.getString(7))
                        || !entryHash.equals(AuditContent.entryHash(rs.getString(7), rs.getLong(1), rs.getString(3), p,
                        rs.getString(4), rs.getLong(5), rs.getString(6)))) {
                    return "entry seq " + rs.getLong(1) + " does not link";
                }
                prev = entryHash;
                pos = p;
            }
            return null;
        });
    }

    /**
     * The signed text of a checkpoint (UTF-8):
     * <pre>
     * recebiveis-hub audit checkpoint v1
     * chain=&lt;tenant id or -&gt;
     * upto_seq=&lt;n&gt;
     * upto_pos=&lt;n&gt;
     * entry_hash=&lt;hex&gt;
     * signed_at=&lt;yyyy-MM-ddTHH:mm:ss.SSSSSSZ&gt;
     * key_id=&lt;16 hex&gt;
     * </pre>
     */
    static byte[] checkpointMessage(String tenantId, long uptoSeq, long uptoPos, String entryHash, OffsetDateTime signedAt, String keyId) {
        String text = "recebiveis-hub audit checkpoint v1\n"
                + "chain=" + AuditContent.chainName(tenantId) + "\n"
                + "upto_seq=" + uptoSeq + "\n"
                + "upto_pos=" + uptoPos + "\n"
                + "entry_hash=" + entryHash + "\n"
                + "signed_at=" + AuditContent.utc(signedAt) + "\n"
                + "key_id=" + keyId + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the canonical content text of an entry (what its content hash is computed over), or null when its row is gone */
    public String contentText(String entryType, long entryRef) {
        return contentTexts(entryType, List.of(entryRef)).get(entryRef);
    }

    /** @return the canonical content texts of entries of one type, read together, by reference (gone rows absent) */
    public java.util.Map<Long, String> contentTexts(String entryType, java.util.Collection<Long> entryRefs) {
        return tx.execute(s -> reader.contentTexts(entryType, entryRefs));
    }
}
