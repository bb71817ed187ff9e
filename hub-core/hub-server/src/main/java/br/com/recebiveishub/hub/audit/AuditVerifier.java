package br.com.recebiveishub.hub.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves the audit trail intact, or names the first place it is not (docs/audit-guide.md,
 * "Verifying"). From one consistent snapshot it walks the chain in order and, for every entry,
 * checks that it links to the previous entry of its chain, that its entry hash matches its fields,
 * that the row it refers to still exists and that the row's content hash, recomputed from the
 * rows as they are now, is the one chained. It then looks for audit rows below the chain head that
 * are not in the chain, and checks every signed checkpoint: signature, and the chain still has the
 * signed entry hash at the signed position.
 *
 * <p>Scope: one tenant's chain ({@code verify("acme")}), the hub-wide chain ({@code verify("-")})
 * or everything ({@code verify(null)}, which also checks that {@code seq} has no gaps). Chains are
 * per tenant, so a tenant's auditor can verify that tenant's trail alone.
 */
@Service
public class AuditVerifier {

    /** What went wrong. */
    public enum Kind {
        /** An entry's content hash differs from its rows now (or the chain was rewritten under a signed checkpoint). */
        ALTERED,
        /** The row an entry refers to is gone, or chain entries are missing (a gap in seq or in a chain's positions). */
        DELETED,
        /** An audit row older than the chain head is not in the chain, or a chain row does not link (prev_hash / entry_hash). */
        INSERTED,
        /** A checkpoint's signature does not verify with the trusted keys. */
        BAD_SIGNATURE
    }

    /**
     * One problem.
     *
     * @param kind      the classification
     * @param seq       the chain entry concerned (for INSERTED rows not in the chain: null; for checkpoints: the signed seq)
     * @param entryType REVISION, ACCESS or SHARE (null when not about one entry)
     * @param entryRef  the hub_revision / access_log / plugin_data_share id
     * @param tenantId  the chain's tenant (null: hub-wide)
     * @param detail    what exactly was found
     */
    public record Problem(Kind kind, Long seq, String entryType, Long entryRef, String tenantId, String detail) {
    }

    /**
     * The verification result.
     *
     * @param ok               no problem found
     * @param scope            {@code all}, {@code -} (hub-wide chain) or the tenant id
     * @param entries          chain entries checked
     * @param checkpoints      checkpoints checked
     * @param pending          audit rows above the chain head, not chained yet (normal for a moment after a write)
     * @param problemCount     problems found (the list is capped)
     * @param firstProblem     the first problem in chain order, null when ok
     * @param problems         up to 100 problems in chain order
     * @param millis           time taken
     * @param entriesPerSecond verification speed
     * @param keyId            the hub's current signing key id
     */
    public record Result(boolean ok, String scope, long entries, long checkpoints, long pending, long problemCount,
                         Problem firstProblem, List<Problem> problems, long millis, long entriesPerSecond, String keyId) {
    }

    /** A problem with its place in chain order. */
    private record Found(double position, Problem problem) {
    }

    private static final int BATCH = 5000;
    private static final int MAX_PROBLEMS = 1000;
    private static final List<String> TYPES = List.of(ContentReader.REVISION, ContentReader.ACCESS, ContentReader.SHARE);

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final ContentReader reader;
    private final TransactionTemplate tx;
    private final AuditKeys keys;

    public AuditVerifier(DataSource dataSource, PlatformTransactionManager txManager, AuditKeys keys) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(2000);
        this.reader = new ContentReader(streaming);
        this.tx = new TransactionTemplate(txManager);
        this.tx.setReadOnly(true);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.keys = keys;
    }

    /** Verifies everything: every chain, seq continuity, every checkpoint. */
    public Result verifyAll() {
        return verify(null);
    }

    /**
     * Verifies one chain, or everything.
     *
     * @param tenant a tenant id, {@code -} for the hub-wide chain, or null for every chain
     */
    public Result verify(String tenant) {
        return tx.execute(s -> run(tenant == null ? null : "-".equals(tenant) ? "" : tenant));
    }

    private record Entry(long seq, String type, long ref, String tenantId, long pos, String contentHash, String prevHash, String entryHash) {
        String chain() {
            return tenantId == null ? "" : tenantId;
        }
    }

    private record ChainState(long seq, long pos, String hash) {
    }

    private record Checkpoint(long id, String tenantId, long uptoSeq, long uptoPos, String entryHash, OffsetDateTime signedAt,
                              String keyId, String signature) {
    }

    private Result run(String chain) {
        long t0 = System.nanoTime();
        List<Found> found = new ArrayList<>();
        List<Checkpoint> checkpoints = jdbc.query("select * from audit_checkpoint"
                + (chain == null ? "" : " where coalesce(tenant_id, '') = ?") + " order by upto_seq, id",
                (rs, n) -> new Checkpoint(rs.getLong("id"), rs.getString("tenant_id"), rs.getLong("upto_seq"), rs.getLong("upto_pos"),
                        rs.getString("entry_hash"), rs.getObject("signed_at", OffsetDateTime.class), rs.getString("key_id"),
                        rs.getString("signature")), chain == null ? new Object[0] : new Object[] {chain});
        Set<Long> signedSeqs = checkpoints.stream().map(Checkpoint::uptoSeq).collect(Collectors.toSet());
        Map<Long, Entry> signedEntries = new HashMap<>();

        // 1. the walk: one query streamed through a cursor, checked in batches
        Walk walk = new Walk(chain, found, signedSeqs, signedEntries);
        String sql = chain == null ? "select * from audit_chain order by seq"
                : "select * from audit_chain where coalesce(tenant_id, '') = ? order by chain_pos";
        streaming.query(sql, ps -> {
            if (chain != null) {
                ps.setString(1, chain);
            }
        }, (ResultSetExtractor<Void>) rs -> {
            List<Entry> batch = new ArrayList<>(BATCH);
            while (rs.next()) {
                batch.add(entry(rs, 0));
                if (batch.size() == BATCH) {
                    walk.check(batch);
                    batch.clear();
                }
            }
            walk.check(batch);
            return null;
        });
        long entries = walk.entries;

        // 2. audit rows below the chain head that are not in the chain; rows not chained yet
        long pending = 0;
        for (String type : TYPES) {
            pending += unchained(type, chain, found);
        }

        // 3. checkpoints
        Map<String, Long> previousCheckpoint = new HashMap<>();
        for (Checkpoint cp : checkpoints) {
            String cpChain = cp.tenantId() == null ? "" : cp.tenantId();
            Long prev = previousCheckpoint.put(cpChain, cp.uptoSeq());
            byte[] message = AuditChain.checkpointMessage(cp.tenantId(), cp.uptoSeq(), cp.uptoPos(), cp.entryHash(), cp.signedAt(), cp.keyId());
            if (!keys.trustedKeys().containsKey(cp.keyId())) {
                found.add(new Found(cp.uptoSeq() + 0.9, new Problem(Kind.BAD_SIGNATURE, cp.uptoSeq(), null, null, cp.tenantId(),
                        "checkpoint #" + cp.id() + " is signed with key " + cp.keyId() + ", which is not a trusted key")));
                continue;
            }
            if (!keys.verify(cp.keyId(), message, cp.signature())) {
                found.add(new Found(cp.uptoSeq() + 0.9, new Problem(Kind.BAD_SIGNATURE, cp.uptoSeq(), null, null, cp.tenantId(),
                        "checkpoint #" + cp.id() + " (up to seq " + cp.uptoSeq() + "): the signature does not verify with key " + cp.keyId())));
                continue;
            }
            Entry e = signedEntries.get(cp.uptoSeq());
            String since = prev == null ? "the start of the chain" : "seq " + prev + " (the previous checkpoint)";
            if (e == null) {
                found.add(new Found(cp.uptoSeq() + 0.8, new Problem(Kind.DELETED, cp.uptoSeq(), null, null, cp.tenantId(),
                        "checkpoint #" + cp.id() + " signs seq " + cp.uptoSeq() + ", which is no longer in the chain")));
            } else if (!e.chain().equals(cpChain) || e.pos() != cp.uptoPos() || !e.entryHash().equals(cp.entryHash())) {
                found.add(new Found(cp.uptoSeq() + 0.8, new Problem(Kind.ALTERED, cp.uptoSeq(), e.type(), e.ref(), cp.tenantId(),
                        "the chain was rewritten: entry seq " + cp.uptoSeq() + " no longer has the entry hash signed in checkpoint #"
                                + cp.id() + "; the rewrite is between " + since + " and this entry")));
            }
        }

        found.sort(Comparator.comparingDouble(Found::position));
        List<Problem> problems = found.stream().map(Found::problem).limit(100).toList();
        long millis = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        return new Result(found.isEmpty(), chain == null ? "all" : AuditContent.chainName(chain), entries, checkpoints.size(), pending,
                found.size(), problems.isEmpty() ? null : problems.get(0), problems, millis, entries * 1000 / millis, keys.keyId());
    }

    /** The state of the walk over the chain. */
    private final class Walk {
        final String chain;
        final List<Found> found;
        final Set<Long> signedSeqs;
        final Map<Long, Entry> signedEntries;
        final Map<String, ChainState> states = new HashMap<>();
        long entries;
        long lastSeq;

        Walk(String chain, List<Found> found, Set<Long> signedSeqs, Map<Long, Entry> signedEntries) {
            this.chain = chain;
            this.found = found;
            this.signedSeqs = signedSeqs;
            this.signedEntries = signedEntries;
        }

        void check(List<Entry> batch) {
            if (batch.isEmpty()) {
                return;
            }
            Map<String, Map<Long, ContentReader.Source>> contents = contents(batch);
            for (Entry e : batch) {
                entries++;
                if (found.size() < MAX_PROBLEMS) {
                    AuditVerifier.this.check(e, chain == null ? lastSeq : -1, states, contents, found);
                }
                states.put(e.chain(), new ChainState(e.seq(), e.pos(), e.entryHash()));
                lastSeq = e.seq();
                if (signedSeqs.contains(e.seq())) {
                    signedEntries.put(e.seq(), e);
                }
            }
        }
    }

    private void check(Entry e, long lastSeq, Map<String, ChainState> states, Map<String, Map<Long, ContentReader.Source>> contents,
                       List<Found> found) {
        ChainState st = states.getOrDefault(e.chain(), new ChainState(0, 0, AuditContent.ZERO_HASH));
        // structure: at most one problem per entry
        if (lastSeq >= 0 && e.seq() != lastSeq + 1) {
            found.add(new Found(lastSeq + 1, new Problem(Kind.DELETED, e.seq(), null, null, e.tenantId(),
                    "chain entries seq " + range(lastSeq + 1, e.seq() - 1) + " are missing")));
        } else if (e.pos() > st.pos() + 1) {
            found.add(new Found(st.seq() + 0.5, new Problem(Kind.DELETED, e.seq(), null, null, e.tenantId(),
                    "chain " + AuditContent.chainName(e.tenantId()) + ": entries at positions " + range(st.pos() + 1, e.pos() - 1)
                            + " are missing (before seq " + e.seq() + ")")));
        } else if (e.pos() <= st.pos()) {
            found.add(new Found(e.seq(), new Problem(Kind.INSERTED, e.seq(), e.type(), e.ref(), e.tenantId(),
                    "chain " + AuditContent.chainName(e.tenantId()) + ": position " + e.pos() + " appears again at seq " + e.seq())));
        } else if (!e.prevHash().equals(st.hash())) {
            found.add(new Found(e.seq(), new Problem(Kind.INSERTED, e.seq(), e.type(), e.ref(), e.tenantId(),
                    "chain entry seq " + e.seq() + " does not link: its prev_hash is not the entry hash of the entry before it")));
        } else if (!e.entryHash().equals(AuditContent.entryHash(e.prevHash(), e.seq(), e.tenantId(), e.pos(), e.type(), e.ref(), e.contentHash()))) {
            found.add(new Found(e.seq(), new Problem(Kind.INSERTED, e.seq(), e.type(), e.ref(), e.tenantId(),
                    "chain entry seq " + e.seq() + " does not link: its entry_hash does not match its fields")));
        }
        // content
        ContentReader.Source src = contents.get(e.type()).get(e.ref());
        if (src == null) {
            found.add(new Found(e.seq() + 0.1, new Problem(Kind.DELETED, e.seq(), e.type(), e.ref(), e.tenantId(),
                    ContentReader.table(e.type()) + " row " + e.ref() + " (chain entry seq " + e.seq() + ") is gone")));
        } else if (!src.contentHash().equals(e.contentHash())) {
            found.add(new Found(e.seq() + 0.1, new Problem(Kind.ALTERED, e.seq(), e.type(), e.ref(), e.tenantId(),
                    describe(e) + " was altered: its content hash is now " + src.contentHash() + ", chained " + e.contentHash())));
        }
    }

    private static String describe(Entry e) {
        return switch (e.type()) {
            case ContentReader.REVISION -> "revision " + e.ref() + " (hub_revision and its *_aud rows, chain entry seq " + e.seq() + ")";
            default -> ContentReader.table(e.type()) + " row " + e.ref() + " (chain entry seq " + e.seq() + ")";
        };
    }

    private static String range(long from, long to) {
        return from == to ? String.valueOf(from) : from + ".." + to;
    }

    /** Recomputes the content of the batch's referenced rows, by type. */
    private Map<String, Map<Long, ContentReader.Source>> contents(List<Entry> batch) {
        Map<String, Map<Long, ContentReader.Source>> out = new HashMap<>();
        for (String type : TYPES) {
            Long[] refs = batch.stream().filter(e -> e.type().equals(type)).map(Entry::ref).toArray(Long[]::new);
            out.put(type, refs.length == 0 ? Map.of()
                    : reader.read(type, "id = any(?)", (Object) refs).stream().collect(Collectors.toMap(ContentReader.Source::id, Function.identity())));
        }
        return out;
    }

    /**
     * Rows of a type with an id at or below the chain's head for that type (over all chains) that are
     * not in the chain: INSERTED. Returns how many rows above the head wait to be chained.
     */
    private long unchained(String type, String chain, List<Found> found) {
        String table = ContentReader.table(type);
        Long head = jdbc.queryForObject("select max(entry_ref) from audit_chain where entry_type = ?", Long.class, type);
        long h = head == null ? 0 : head;
        String scope = chain == null ? "" : chain.isEmpty() ? " and t.tenant_id is null" : " and t.tenant_id = ?";
        Object[] args = chain == null || chain.isEmpty() ? new Object[] {h, type} : new Object[] {h, type, chain};
        List<Object[]> rows = jdbc.query("select t.id, t.tenant_id from " + table + " t where t.id <= ? and not exists "
                + "(select 1 from audit_chain c where c.entry_type = ? and c.entry_ref = t.id)" + scope + " order by t.id limit " + MAX_PROBLEMS,
                (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}, args);
        for (Object[] r : rows) {
            long id = (Long) r[0];
            String tenantId = (String) r[1];
            Long next = chain == null
                    ? jdbc.queryForObject("select min(seq) from audit_chain where entry_type = ? and entry_ref > ?", Long.class, type, id)
                    : jdbc.queryForObject("select min(seq) from audit_chain where entry_type = ? and entry_ref > ? and coalesce(tenant_id, '') = ?",
                    Long.class, type, id, chain);
            double position = next == null ? Double.MAX_VALUE / 2 : next - 0.7;
            String what = ContentReader.REVISION.equals(type) ? "revision " + id + " (hub_revision row and its *_aud rows)" : table + " row " + id;
            found.add(new Found(position, new Problem(Kind.INSERTED, null, type, id, tenantId,
                    what + " is older than the chain head (" + type + " " + h + ") but is not in the chain: it was inserted "
                            + "after the fact, or its chain entry was removed")));
        }
        String pendingScope = chain == null ? "" : chain.isEmpty() ? " and tenant_id is null" : " and tenant_id = ?";
        Object[] pendingArgs = chain == null || chain.isEmpty() ? new Object[] {h} : new Object[] {h, chain};
        return jdbc.query("select count(*) from " + table + " where id > ?" + pendingScope, (ResultSetExtractor<Long>) rs -> {
            rs.next();
            return rs.getLong(1);
        }, pendingArgs);
    }

    private Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong("seq"), rs.getString("entry_type"), rs.getLong("entry_ref"), rs.getString("tenant_id"),
                rs.getLong("chain_pos"), rs.getString("content_hash"), rs.getString("prev_hash"), rs.getString("entry_hash"));
    }
}
