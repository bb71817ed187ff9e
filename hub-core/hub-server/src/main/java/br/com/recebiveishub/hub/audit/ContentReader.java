package br.com.recebiveishub.hub.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * Reads the audited rows behind chain entries and computes their content hashes (the canonical
 * content is described in {@link AuditContent} and docs/audit-guide.md). Used both by the appender,
 * when an entry joins the chain, and by the verifier, which recomputes every hash from the rows as
 * they are now. Call inside a transaction so large revisions stream through a cursor.
 *
 * <p>Content of an entry, as UTF-8 text hashed with SHA-256:
 * <pre>
 * REVISION n                      ACCESS n                         SHARE n
 * hub_revision {json}             access_log {json}                plugin_data_share {json}
 * &lt;t&gt;_aud {json}    (each version written at revision n, without revend; tables by name, rows by id)
 * &lt;t&gt;_aud closes {"id":..,"rev":..}  (each earlier version this revision closed: revend = n; after that table's rows)
 * </pre>
 */
final class ContentReader {

    /** An audited row and its content hash, as one chain entry sees it. */
    record Source(String type, long id, String tenantId, long micros, String contentHash) {
    }

    /** An Envers audit table ({@code *_aud} with a {@code rev} column). */
    record AudTable(String name, boolean textId) {
    }

    static final String REVISION = "REVISION";
    static final String ACCESS = "ACCESS";
    static final String SHARE = "SHARE";

    private static final Set<String> NO_COLUMNS = Set.of();
    private static final Set<String> REVEND = Set.of("revend");

    private final JdbcTemplate jdbc;
    private volatile List<AudTable> audTables;

    ContentReader(JdbcTemplate streamingJdbc) {
        this.jdbc = streamingJdbc;
    }

    /** @return the table an entry type refers to */
    static String table(String type) {
        return switch (type) {
            case REVISION -> "hub_revision";
            case ACCESS -> "access_log";
            case SHARE -> "plugin_data_share";
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** @return the audit tables, sorted by name */
    List<AudTable> audTables() {
        List<AudTable> t = audTables;
        if (t == null) {
            t = jdbc.query("""
                    select c.table_name, (select data_type from information_schema.columns i where i.table_schema = c.table_schema
                           and i.table_name = c.table_name and i.column_name = 'id') as id_type
                      from information_schema.columns c
                     where c.table_schema = current_schema() and c.column_name = 'rev' and c.table_name like '%\\_aud'
                    """, (rs, n) -> new AudTable(rs.getString(1), !"bigint".equals(rs.getString(2)) && !"integer".equals(rs.getString(2))));
            t = new ArrayList<>(t);
            t.sort((a, b) -> a.name().compareTo(b.name()));
            t = List.copyOf(t);
            audTables = t;
        }
        return t;
    }

    /**
     * Reads entries of one type by a condition on the base table ({@code where} uses alias-free
     * column names; {@code args} bind its parameters; a {@code Long[]} binds as a bigint array).
     */
    List<Source> read(String type, String where, Object... args) {
        return read(type, where, null, args);
    }

    /** @return the canonical content texts of entries of one type, by reference; a row that is gone has none */
    Map<Long, String> contentTexts(String type, Collection<Long> refs) {
        Map<Long, StringBuilder> text = new LinkedHashMap<>();
        if (!refs.isEmpty()) {
            read(type, "id = any(?)", text, (Object) refs.toArray(Long[]::new));
        }
        Map<Long, String> out = new LinkedHashMap<>();
        text.forEach((id, t) -> out.put(id, t.toString()));
        return out;
    }

    private List<Source> read(String type, String where, Map<Long, StringBuilder> text, Object... args) {
        String table = table(type);
        Map<Long, MessageDigest> digests = new LinkedHashMap<>();
        List<long[]> keys = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        StringBuilder line = new StringBuilder(512);
        jdbc.query("select * from " + table + " where " + where, ps -> bind(ps, args), (ResultSetExtractor<Void>) rs -> {
            AuditContent.Layout layout = layoutOf(rs, NO_COLUMNS);
            while (rs.next()) {
                long id = rs.getLong("id");
                long micros = REVISION.equals(type) ? rs.getLong("timestamp") * 1000
                        : toMicros(rs.getObject("at", OffsetDateTime.class));
                MessageDigest d = AuditContent.digest();
                digests.put(id, d);
                keys.add(new long[] {id, micros});
                tenants.add(rs.getString("tenant_id"));
                line.setLength(0);
                line.append(type).append(' ').append(id).append('\n');
                AuditContent.row(line, table, rs, layout);
                emit(d, text, id, line);
            }
            return null;
        });
        if (digests.isEmpty()) {
            return List.of();
        }
        if (REVISION.equals(type)) {
            revisionVersions(digests, text, line);
        }
        List<Source> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            long id = keys.get(i)[0];
            out.add(new Source(type, id, tenants.get(i), keys.get(i)[1], AuditContent.hex(digests.get(id).digest())));
        }
        return out;
    }

    /** Adds, per revision, its row versions and the versions it closed, table by table. */
    private void revisionVersions(Map<Long, MessageDigest> digests, Map<Long, StringBuilder> text, StringBuilder line) {
        Long[] revs = digests.keySet().toArray(Long[]::new);
        for (AudTable t : audTables()) {
            String idOrder = t.textId() ? "id collate \"C\"" : "id";
            jdbc.query("select * from " + t.name() + " where rev = any(?) order by rev, " + idOrder, ps -> bind(ps, new Object[] {revs}), (ResultSetExtractor<Void>) rs -> {
                AuditContent.Layout layout = layoutOf(rs, REVEND);
                while (rs.next()) {
                    long rev = rs.getLong("rev");
                    line.setLength(0);
                    AuditContent.row(line, t.name(), rs, layout);
                    emit(digests.get(rev), text, rev, line);
                }
                return null;
            });
            String pid = t.textId() ? "p.id collate \"C\"" : "p.id";
            jdbc.query("select p.revend as closed_by, p.id, p.rev from " + t.name() + " n join " + t.name()
                    + " p on p.id = n.id and p.revend = n.rev where n.rev = any(?) order by p.revend, " + pid + ", p.rev",
                    ps -> bind(ps, new Object[] {revs}), (ResultSetExtractor<Void>) rs -> {
                        AuditContent.Layout layout = layoutOf(rs, Set.of("closed_by"));
                        while (rs.next()) {
                            long rev = rs.getLong("closed_by");
                            line.setLength(0);
                            line.append(t.name()).append(" closes ");
                            AuditContent.json(line, rs, layout);
                            line.append('\n');
                            emit(digests.get(rev), text, rev, line);
                        }
                        return null;
                    });
        }
    }

    private static AuditContent.Layout layoutOf(ResultSet rs, Set<String> excluded) throws SQLException {
        return new AuditContent.Layout(rs.getMetaData(), excluded);
    }

    private static void emit(MessageDigest d, Map<Long, StringBuilder> text, long id, StringBuilder line) {
        if (d == null) {
            return;
        }
        d.update(line.toString().getBytes(StandardCharsets.UTF_8));
        if (text != null) {
            text.computeIfAbsent(id, k -> new StringBuilder()).append(line);
        }
    }

    static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Long[] arr) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("bigint", arr));
            } else if (a instanceof Collection<?> c) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("bigint", c.toArray()));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    static long toMicros(OffsetDateTime t) {
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, t.toInstant());
    }
}
