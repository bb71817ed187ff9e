package br.com.recebiveishub.hub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The auditors' search over the trail: revisions (who changed what, why), reads of debtors'
 * personal data (access log) and data handed to plugins (sharing log), filtered by debtor, actor,
 * tenant, entity and time range, across the tenants the caller may see. Each result comes with its
 * place in the tenant's hash chain and, per chain, the proof an auditor checks without the hub:
 * every link from the first result to a checkpoint the hub signed, that checkpoint, and the public
 * key (docs/audit-guide.md, "Verifying an export").
 */
@Service
public class AuditSearch {

    /** Entities a revision can be searched by: the audited tables. */
    public static final Set<String> ENTITIES = Set.of("tenant", "bank_account", "customer", "receivable", "charge", "payment", "allocation",
            "plugin_config", "plugin_enablement", "erp_sync");
    private static final String REVTYPE = "case x.revtype when 0 then 'ADD' when 1 then 'MOD' else 'DEL' end";
    /** Most links one export may carry; a wider range must be narrowed (by time or tenant). */
    static final int MAX_LINKS = 500_000;

    /**
     * What to find; null fields do not filter.
     *
     * @param debtor   a debtor's CPF or CNPJ (punctuation ignored): revisions of the debtor, of their
     *                 receivables and of what charged, paid or allocated them; reads and shares of their data
     * @param actor    a subject or a username
     * @param entity   one of {@link #ENTITIES}; with {@code entityId}, that row only
     * @param types    entry types (REVISION, ACCESS, SHARE); empty means all
     */
    public record Query(String tenant, String debtor, String actor, String entity, Long entityId, Instant from, Instant to,
                        Set<String> types, int limit) {
    }

    /** One link of a tenant's chain: enough to recompute it (docs/audit-guide.md gives the formula). */
    public record Link(long seq, long chainPos, String entryType, long entryRef, String contentHash, String prevHash, String entryHash) {
    }

    /**
     * One result.
     *
     * @param what     for a revision, the rows it wrote ({@code receivable 12 MOD}); for a read or a
     *                 share, the subject and endpoint or plugin and fields
     * @param content  the canonical text the entry's content hash is computed over (null if its row is gone)
     */
    public record Entry(String entryType, long entryRef, String tenantId, Instant at, String actor, String username, String reason,
                        String source, String correlationId, String what, Link link, String content) {
    }

    /**
     * The signed checkpoint that closes a chain's proof.
     *
     * @param signedAt exactly as in the signed text (UTC, six fractional digits)
     */
    public record Checkpoint(long uptoSeq, long uptoPos, String entryHash, String signedAt, String keyId, String signature,
                             String signedText) {
    }

    /** A chain's proof: every link from the first result's position to the checkpoint's. */
    public record ChainProof(String chain, long fromPos, long toPos, List<Link> links, Checkpoint checkpoint) {
    }

    /**
     * The export.
     *
     * @param proofs      one per chain the results lie in; empty when the chain is disabled
     * @param unchained   results not (yet) in the chain, which no proof covers
     */
    public record Result(Query query, Instant generatedAt, List<Entry> entries, List<ChainProof> proofs, String publicKeyPem,
                         String keyAlgorithm, int unchained, String note) {
    }

    private final JdbcTemplate jdbc;
    private final AuditChain chain;
    private final AuditKeys keys;
    private final AccessLog accessLog;

    public AuditSearch(JdbcTemplate jdbc, AuditChain chain, AuditKeys keys, AccessLog accessLog) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.keys = keys;
        this.accessLog = accessLog;
    }

    /** Runs the search and builds the proof; records the read of each debtor searched for in the access log. */
    public Result search(Query q, String endpoint) {
        if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
            throw new IllegalArgumentException("from: must be before to");
        }
        if (q.limit() < 1 || q.limit() > 5_000) {
            throw new IllegalArgumentException("limit: between 1 and 5000");
        }
        if (q.tenant() != null && !"-".equals(q.tenant())
                && jdbc.queryForObject("select count(*) from tenant where id = ?", Long.class, q.tenant()) == 0) {
            throw new java.util.NoSuchElementException("tenant '" + q.tenant() + "' not found");
        }
        if (q.entity() != null && !ENTITIES.contains(q.entity())) {
            throw new IllegalArgumentException("entity: one of " + new java.util.TreeSet<>(ENTITIES));
        }
        if (q.entityId() != null && q.entity() == null) {
            throw new IllegalArgumentException("entityId: needs entity");
        }
        for (String t : q.types()) {
            if (!List.of("REVISION", "ACCESS", "SHARE").contains(t)) {
                throw new IllegalArgumentException("type: one of REVISION, ACCESS, SHARE");
            }
        }
        Map<String, List<Long>> debtorCustomers = new LinkedHashMap<>();
        if (q.debtor() != null) {
            String doc = q.debtor().replaceAll("[^0-9A-Za-z]", "").toUpperCase(Locale.ROOT);
            if (doc.length() != 11 && doc.length() != 14) {
                throw new IllegalArgumentException("debtor: a CPF (11 digits) or CNPJ (14 characters)");
            }
            try {
                br.com.recebiveishub.sdk.model.Documento.parse(doc);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("debtor: not a valid CPF or CNPJ (check digits)");
            }
            jdbc.query("select tenant_id, id from customer where documento = ?" + (q.tenant() != null ? " and tenant_id = ?" : ""),
                    rs -> {
                        debtorCustomers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    }, q.tenant() != null ? new Object[] {doc, q.tenant()} : new Object[] {doc});
            // The results carry the debtor's data (the revisions' contents): reading them is a read of personal data.
            debtorCustomers.forEach((tenant, ids) -> accessLog.recordAll(tenant, AccessLog.CUSTOMER,
                    ids.stream().map(String::valueOf).toList(), endpoint, "audit search"));
        }
        if (chain.enabled()) {
            chain.catchUp(); // what was written until now (this search's own reads included) gets its place in the chain
        }
        List<Entry> entries = new ArrayList<>();
        int limit = Math.min(Math.max(q.limit(), 1), 5_000);
        if (q.debtor() == null || !debtorCustomers.isEmpty()) {
            Long[] customers = debtorCustomers.values().stream().flatMap(List::stream).toArray(Long[]::new);
            // access and sharing logs name a subject by id within its tenant: match the pair, not the id alone
            String[] tenantCustomers = debtorCustomers.entrySet().stream()
                    .flatMap(e -> e.getValue().stream().map(id -> e.getKey() + "/" + id)).toArray(String[]::new);
            if (wants(q, "REVISION")) {
                entries.addAll(revisions(q, customers, limit));
            }
            if (wants(q, "ACCESS")) {
                entries.addAll(logEntries(q, tenantCustomers, limit, "ACCESS"));
            }
            if (wants(q, "SHARE")) {
                entries.addAll(logEntries(q, tenantCustomers, limit, "SHARE"));
            }
        }
        entries.sort(java.util.Comparator.comparing(Entry::at).thenComparing(Entry::entryType).thenComparing(Entry::entryRef));
        if (entries.size() > limit) {
            entries = new ArrayList<>(entries.subList(entries.size() - limit, entries.size())); // the newest
        }
        // One read per entry type for all the results' contents, not one per result.
        Map<String, Map<Long, String>> contents = new LinkedHashMap<>();
        entries.stream().collect(java.util.stream.Collectors.groupingBy(Entry::entryType,
                        java.util.stream.Collectors.mapping(Entry::entryRef, java.util.stream.Collectors.toList())))
                .forEach((type, refs) -> contents.put(type, chain.contentTexts(type, refs)));
        List<Entry> withContent = entries.stream().map(e -> new Entry(e.entryType(), e.entryRef(), e.tenantId(), e.at(), e.actor(),
                e.username(), e.reason(), e.source(), e.correlationId(), e.what(), e.link(),
                contents.get(e.entryType()).get(e.entryRef()))).toList();
        recordPersonalDataInContents(withContent, debtorCustomers, endpoint);
        int unchained = (int) withContent.stream().filter(e -> e.link() == null).count();
        List<ChainProof> proofs = chain.enabled() ? proofs(withContent) : List.of();
        String note = !chain.enabled() ? "the hash chain is disabled on this hub (hub.audit.chain.enabled=false): no proof"
                : unchained > 0 ? unchained + " entries are not in the chain yet (written during the export): no proof covers them"
                : null;
        return new Result(q, Instant.now(), withContent, proofs, keys.publicKeyPem(), "Ed25519", unchained, note);
    }

    /**
     * A revision's content holds the full versions of the debtors it wrote (an imported file writes
     * many): handing them to the auditor is a read of each one's personal data, logged like any
     * other (the debtor searched for was logged before the search).
     */
    private void recordPersonalDataInContents(List<Entry> entries, Map<String, List<Long>> alreadyLogged, String endpoint) {
        Long[] revs = entries.stream().filter(e -> "REVISION".equals(e.entryType()) && e.content() != null)
                .map(Entry::entryRef).toArray(Long[]::new);
        if (revs.length == 0) {
            return;
        }
        Map<String, List<String>> shown = new LinkedHashMap<>();
        jdbc.query("select distinct tenant_id, id from customer_aud where rev = any (?) order by tenant_id, id",
                ps -> ContentReader.bind(ps, new Object[] {revs}), rs -> {
                    String tenant = rs.getString(1);
                    long id = rs.getLong(2);
                    if (!alreadyLogged.getOrDefault(tenant, List.of()).contains(id)) {
                        shown.computeIfAbsent(tenant, k -> new ArrayList<>()).add(String.valueOf(id));
                    }
                });
        shown.forEach((tenant, ids) -> accessLog.recordAll(tenant, AccessLog.CUSTOMER, ids, endpoint, "audit search (export contents)"));
    }

    private static boolean wants(Query q, String type) {
        return q.types().isEmpty() || q.types().contains(type);
    }

    private List<Entry> revisions(Query q, Long[] customers, int limit) {
        StringBuilder where = new StringBuilder("true");
        List<Object> args = new ArrayList<>();
        common(q, where, args, "h.tenant_id", "h.actor", "h.actor_username");
        if (q.from() != null) {
            where.append(" and h.timestamp >= ?");
            args.add(q.from().toEpochMilli());
        }
        if (q.to() != null) {
            where.append(" and h.timestamp < ?");
            args.add(q.to().toEpochMilli());
        }
        if (q.entity() != null) {
            where.append(" and exists (select 1 from ").append(q.entity()).append("_aud x where x.rev = h.id")
                    .append(q.entityId() != null ? " and x.id = ?)" : ")");
            if (q.entityId() != null) {
                args.add(q.entityId());
            }
        }
        if (q.debtor() != null) {
            // the debtor's own rows, their receivables, and the charges and allocations of those receivables
            where.append(" ").append("""
                    and (exists (select 1 from customer_aud x where x.rev = h.id and x.id = any (?))
                       or exists (select 1 from receivable_aud x where x.rev = h.id and x.customer_id = any (?))
                       or exists (select 1 from charge_aud x join receivable r on r.id = x.receivable_id
                                   where x.rev = h.id and r.customer_id = any (?))
                       or exists (select 1 from allocation_aud x join receivable r on r.id = x.receivable_id
                                   where x.rev = h.id and r.customer_id = any (?)))""");
            for (int i = 0; i < 4; i++) {
                args.add(customers);
            }
        }
        args.add(limit);
        String sql = """
                select h.id, h.tenant_id, h.timestamp, h.actor, h.actor_username, h.reason, h.source, h.correlation_id,
                       c.seq, c.chain_pos, c.content_hash, c.prev_hash, c.entry_hash,
                       (select string_agg(w, ', ') from (
                          select 'tenant ' || x.id || ' ' || @REVTYPE@ w from tenant_aud x where x.rev = h.id
                          union all select 'bank_account ' || x.id || ' ' || @REVTYPE@ from bank_account_aud x where x.rev = h.id
                          union all select 'customer ' || x.id || ' ' || @REVTYPE@ from customer_aud x where x.rev = h.id
                          union all select 'receivable ' || x.id || ' ' || @REVTYPE@ from receivable_aud x where x.rev = h.id
                          union all select 'charge ' || x.id || ' ' || @REVTYPE@ from charge_aud x where x.rev = h.id
                          union all select 'payment ' || x.id || ' ' || @REVTYPE@ from payment_aud x where x.rev = h.id
                          union all select 'allocation ' || x.id || ' ' || @REVTYPE@ from allocation_aud x where x.rev = h.id
                          union all select 'plugin_config ' || x.id || ' ' || @REVTYPE@ from plugin_config_aud x where x.rev = h.id
                          union all select 'plugin_enablement ' || x.id || ' ' || @REVTYPE@ from plugin_enablement_aud x where x.rev = h.id
                          union all select 'erp_sync ' || x.id || ' ' || @REVTYPE@ from erp_sync_aud x where x.rev = h.id
                          limit 21) w) as what
                  from hub_revision h
                  left join audit_chain c on c.entry_type = 'REVISION' and c.entry_ref = h.id
                 where """.replace("@REVTYPE@", REVTYPE) + " " + where + " order by h.id desc limit ?";
        return jdbc.query(sql,
                (rs, i) -> new Entry("REVISION", rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(14),
                        link(rs, 9, "REVISION", rs.getLong(1)), null),
                args.toArray()).stream().toList();
    }

    private List<Entry> logEntries(Query q, String[] tenantCustomers, int limit, String type) {
        boolean access = "ACCESS".equals(type);
        String table = access ? "access_log" : "plugin_data_share";
        StringBuilder where = new StringBuilder("true");
        List<Object> args = new ArrayList<>();
        common(q, where, args, "l.tenant_id", "l.actor", access ? "l.actor_username" : "l.actor");
        if (q.from() != null) {
            where.append(" and l.at >= ?");
            args.add(java.sql.Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" and l.at < ?");
            args.add(java.sql.Timestamp.from(q.to()));
        }
        if (q.entity() != null) {
            where.append(" and l.subject_type = ?");
            args.add(q.entity().toUpperCase(Locale.ROOT));
            if (q.entityId() != null) {
                where.append(" and l.subject_id = ?");
                args.add(String.valueOf(q.entityId()));
            }
        }
        if (q.debtor() != null) {
            where.append(" and l.subject_type = 'CUSTOMER' and (l.tenant_id || '/' || l.subject_id) = any (?)");
            args.add(tenantCustomers);
        }
        args.add(limit);
        String select = access
                ? "l.id, l.tenant_id, l.at, l.actor, l.actor_username, l.purpose, l.endpoint, l.correlation_id, "
                        + "l.subject_type || ' ' || l.subject_id || ' read through ' || l.endpoint"
                : "l.id, l.tenant_id, l.at, l.actor, null, l.purpose, 'plugin:' || l.plugin_id, l.correlation_id, "
                        + "l.subject_type || ' ' || l.subject_id || ' fields ' || l.fields || ' to plugin ' || l.plugin_id";
        return jdbc.query("select " + select + ", c.seq, c.chain_pos, c.content_hash, c.prev_hash, c.entry_hash from " + table
                        + " l left join audit_chain c on c.entry_type = '" + type + "' and c.entry_ref = l.id where " + where
                        + " order by l.id desc limit ?",
                (rs, i) -> new Entry(type, rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        link(rs, 10, type, rs.getLong(1)), null),
                args.toArray());
    }

    private static void common(Query q, StringBuilder where, List<Object> args, String tenantCol, String actorCol, String usernameCol) {
        if ("-".equals(q.tenant())) {
            where.append(" and ").append(tenantCol).append(" is null"); // the hub-wide chain
        } else if (q.tenant() != null) {
            where.append(" and ").append(tenantCol).append(" = ?");
            args.add(q.tenant());
        }
        if (q.actor() != null) {
            where.append(" and (").append(actorCol).append(" = ? or ").append(usernameCol).append(" = ?)");
            args.add(q.actor());
            args.add(q.actor());
        }
    }

    private static Link link(java.sql.ResultSet rs, int col, String type, long ref) throws java.sql.SQLException {
        Object seq = rs.getObject(col);
        if (seq == null) {
            return null;
        }
        return new Link(((Number) seq).longValue(), rs.getLong(col + 1), type, ref, rs.getString(col + 2), rs.getString(col + 3),
                rs.getString(col + 4));
    }

    private List<ChainProof> proofs(List<Entry> entries) {
        Map<String, long[]> range = new LinkedHashMap<>(); // chain -> {min pos, max pos}
        for (Entry e : entries) {
            if (e.link() != null) {
                String c = e.tenantId() == null ? "" : e.tenantId();
                long[] r = range.computeIfAbsent(c, k -> new long[] {Long.MAX_VALUE, 0});
                r[0] = Math.min(r[0], e.link().chainPos());
                r[1] = Math.max(r[1], e.link().chainPos());
            }
        }
        List<ChainProof> out = new ArrayList<>();
        for (Map.Entry<String, long[]> r : range.entrySet()) {
            String c = r.getKey();
            Checkpoint cp = checkpointCovering(c, r.getValue()[1]);
            if (cp == null) {
                chain.checkpointNow(c.isEmpty() ? null : c);
                cp = checkpointCovering(c, r.getValue()[1]);
            }
            if (cp == null) {
                throw new IllegalStateException("the audit chain of " + AuditContent.chainName(c)
                        + " cannot be signed (it does not link): run GET /api/audit/verify");
            }
            long from = r.getValue()[0];
            if (cp.uptoPos() - from + 1 > MAX_LINKS) {
                throw new IllegalArgumentException("the results span " + (cp.uptoPos() - from + 1) + " entries of the chain of "
                        + AuditContent.chainName(c) + " (at most " + MAX_LINKS + " per export): narrow the time range");
            }
            List<Link> links = jdbc.query("""
                    select seq, chain_pos, entry_type, entry_ref, content_hash, prev_hash, entry_hash from audit_chain
                     where coalesce(tenant_id, '') = ? and chain_pos between ? and ? order by chain_pos""",
                    (rs, i) -> new Link(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                            rs.getString(7)), c, from, cp.uptoPos());
            out.add(new ChainProof(AuditContent.chainName(c), from, cp.uptoPos(), links, cp));
        }
        return out;
    }

    private Checkpoint checkpointCovering(String c, long pos) {
        List<Checkpoint> found = jdbc.query("""
                select upto_seq, upto_pos, entry_hash, signed_at, key_id, signature, tenant_id from audit_checkpoint
                 where coalesce(tenant_id, '') = ? and upto_pos >= ? order by upto_pos limit 1""", (rs, i) -> {
            java.time.OffsetDateTime at = rs.getObject(4, java.time.OffsetDateTime.class);
            String text = new String(AuditChain.checkpointMessage(rs.getString(7), rs.getLong(1), rs.getLong(2), rs.getString(3), at,
                    rs.getString(5)), java.nio.charset.StandardCharsets.UTF_8);
            return new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), AuditContent.utc(at), rs.getString(5), rs.getString(6),
                    text);
        }, c, pos);
        return found.isEmpty() ? null : found.get(0);
    }
}
