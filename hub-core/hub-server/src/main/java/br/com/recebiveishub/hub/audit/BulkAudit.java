package br.com.recebiveishub.hub.audit;

import java.sql.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Audit history for set-based writes. The ingest, charge and reconciliation engines write
 * thousands of rows per statement instead of one entity at a time (see docs/architecture.md,
 * "bulk writes"); they take one revision per batch here and record the new versions of the rows
 * they touched, in the same shape Envers writes (validity strategy: {@code rev} opens a version,
 * {@code revend} closes the previous one), so the history reads the same whichever path wrote it.
 */
@Component
public class BulkAudit {

    /** Envers' revision types. */
    public enum RevType {
        ADD(0), MOD(1), DEL(2);

        final int code;

        RevType(int code) {
            this.code = code;
        }
    }

    private static final Set<String> AUDITED = Set.of("tenant", "bank_account", "customer", "receivable", "charge", "payment", "allocation",
            "plugin_config", "plugin_enablement", "erp_sync");

    private final JdbcTemplate jdbc;
    private final Map<String, String> columns = new ConcurrentHashMap<>();

    public BulkAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates a revision for the current {@link AuditContext}, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long newRevision() {
        AuditContext.Scope s = AuditContext.current();
        Long id = jdbc.queryForObject("select nextval('hub_revision_seq')", Long.class);
        jdbc.update("insert into hub_revision (id, timestamp, actor, tenant_id, correlation_id, reason, source, actor_username, "
                        + "client_address, user_agent) values (?,?,?,?,?,?,?,?,?,?)",
                id, System.currentTimeMillis(), s.actor(), s.tenantId(), s.correlationId(), s.reason(), s.source(),
                Columns.cut(s.username(), 200), Columns.cut(s.clientAddress(), 100), Columns.cut(s.userAgent(), 500));
        return id;
    }

    /**
     * Records the current state of the given rows as their new version at revision {@code rev},
     * closing each row's previous version.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String table, long rev, RevType type, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        if (!AUDITED.contains(table)) {
            throw new IllegalArgumentException("not an audited table: " + table);
        }
        String cols = columns.computeIfAbsent(table, this::auditedColumns);
        Long[] idArray = ids.toArray(Long[]::new);
        jdbc.execute((ConnectionCallback<Void>) con -> {
            Array arr = con.createArrayOf("bigint", idArray);
            // A row changed twice in one revision (a debtor corrected later in the same file) keeps one
            // version for that revision, holding its latest state: earlier versions are closed, not this one.
            try (var close = con.prepareStatement("update " + table + "_aud a set revend = ? from unnest(?::bigint[]) u(id) "
                    + "where a.id = u.id and a.revend is null and a.rev <> ?")) {
                close.setLong(1, rev);
                close.setArray(2, arr);
                close.setLong(3, rev);
                close.executeUpdate();
            }
            // Each id is looked up by primary key (lateral, limit 1): the rows were written by this
            // transaction, so the planner has no statistics for them and would otherwise scan the table.
            String set = java.util.Arrays.stream(cols.split(", ")).map(c -> c + " = excluded." + c)
                    .collect(java.util.stream.Collectors.joining(", "));
            try (var ins = con.prepareStatement("insert into " + table + "_aud (id, rev, revtype, " + cols + ") select t.id, ?, ?, "
                    + prefixed(cols) + " from unnest(?::bigint[]) u(id) join lateral (select * from " + table
                    + " x where x.id = u.id limit 1) t on true on conflict (id, rev) do update set " + set)) {
                ins.setLong(1, rev);
                ins.setShort(2, (short) type.code);
                ins.setArray(3, arr);
                ins.executeUpdate();
            }
            arr.free();
            return null;
        });
    }

    private static String prefixed(String cols) {
        return java.util.Arrays.stream(cols.split(", ")).map(c -> "t." + c).collect(java.util.stream.Collectors.joining(", "));
    }

    private String auditedColumns(String table) {
        List<String> cols = jdbc.queryForList(
                "select column_name from information_schema.columns where table_schema = current_schema() and table_name = ? "
                        + "and column_name not in ('id', 'rev', 'revtype', 'revend') order by ordinal_position",
                String.class, table + "_aud");
        if (cols.isEmpty()) {
            throw new IllegalStateException("no audit table for " + table);
        }
        return String.join(", ", cols);
    }
}
