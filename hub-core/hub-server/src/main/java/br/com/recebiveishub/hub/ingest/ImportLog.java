package br.com.recebiveishub.hub.ingest;

import br.com.recebiveishub.sdk.model.RecordRejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of every file the hub was given (ERP exports and bank returns) and its outcome. The
 * content hash makes a file idempotent: the same bytes are applied once per tenant and kind.
 */
@Component
public class ImportLog {

    /** Kinds of imported files. */
    public enum Kind { ERP_FILE, BANK_RETURN, BANK_STATEMENT, ERP_API }

    private final JdbcTemplate jdbc;

    public ImportLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the hex SHA-256 of a file's bytes */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the import that already applied this content, if any */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> appliedBefore(String tenantId, Kind kind, String sha256) {
        return jdbc.query("select id from import_batch where tenant_id = ? and kind = ? and sha256 = ? and status = 'PROCESSED'",
                (rs, i) -> rs.getLong(1), tenantId, kind.name(), sha256).stream().findFirst();
    }

    /** Opens an import as PROCESSED; the caller's transaction makes it visible only with its effects. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long begin(String tenantId, Kind kind, String fileName, String sha256, String pluginId, Instant startedAt) {
        return jdbc.queryForObject("insert into import_batch (tenant_id, kind, file_name, sha256, plugin_id, status, started_at, finished_at) "
                + "values (?,?,?,?,?,'PROCESSED',?,?) returning id", Long.class, tenantId, kind.name(), fileName, sha256, pluginId,
                Timestamp.from(startedAt), Timestamp.from(startedAt));
    }

    /** Stores the counts and the rejections of an open import. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finish(long importId, String tenantId, int read, int created, int updated, int unchanged, List<RecordRejection> rejections) {
        jdbc.update("update import_batch set records_read = ?, created = ?, updated = ?, unchanged = ?, rejected = ?, finished_at = ? where id = ?",
                read, created, updated, unchanged, rejections.size(), Timestamp.from(Instant.now()), importId);
        jdbc.batchUpdate("insert into import_rejection (tenant_id, import_id, line, record, field, reason) values (?,?,?,?,?,?)",
                rejections, 1000, (ps, r) -> {
                    ps.setString(1, tenantId);
                    ps.setLong(2, importId);
                    ps.setLong(3, r.line());
                    ps.setString(4, truncate(r.record(), 120));
                    ps.setString(5, truncate(r.field(), 120));
                    ps.setString(6, truncate(r.reason(), 1000));
                });
    }

    /** Records a file that was not applied (FAILED) or whose content was applied before (DUPLICATE). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long recordNotApplied(String tenantId, Kind kind, String fileName, String sha256, String pluginId, String status,
                                 Long duplicateOf, String error, Instant startedAt) {
        return jdbc.queryForObject("insert into import_batch (tenant_id, kind, file_name, sha256, plugin_id, status, duplicate_of, error, "
                + "started_at, finished_at) values (?,?,?,?,?,?,?,?,?,?) returning id", Long.class, tenantId, kind.name(), fileName,
                sha256, pluginId, status, duplicateOf, truncate(error, 2000), Timestamp.from(startedAt), Timestamp.from(Instant.now()));
    }

    /** @return the imports of a tenant, newest first */
    @Transactional(readOnly = true)
    public List<ImportReport> list(String tenantId, int limit) {
        return jdbc.query("select * from import_batch where tenant_id = ? order by id desc limit ?", (rs, i) -> map(rs, List.of()),
                tenantId, limit);
    }

    /** @return one import of a tenant with its rejections */
    @Transactional(readOnly = true)
    public Optional<ImportReport> get(String tenantId, long id) {
        List<RecordRejection> rejections = jdbc.query(
                "select b.file_name, r.line, r.record, r.field, r.reason from import_rejection r join import_batch b on b.id = r.import_id "
                        + "where r.import_id = ? and r.tenant_id = ? order by r.line, r.id",
                (rs, i) -> new RecordRejection(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                id, tenantId);
        return jdbc.query("select * from import_batch where tenant_id = ? and id = ?", (rs, i) -> map(rs, rejections), tenantId, id)
                .stream().findFirst();
    }

    private static ImportReport map(ResultSet rs, List<RecordRejection> rejections) throws SQLException {
        Long dup = (Long) rs.getObject("duplicate_of");
        return new ImportReport(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("kind"), rs.getString("file_name"),
                rs.getString("sha256"), rs.getString("plugin_id"), rs.getString("status"), dup,
                rs.getInt("records_read"), rs.getInt("created"), rs.getInt("updated"), rs.getInt("unchanged"), rs.getInt("rejected"),
                rs.getString("error"), rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(), rejections);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
