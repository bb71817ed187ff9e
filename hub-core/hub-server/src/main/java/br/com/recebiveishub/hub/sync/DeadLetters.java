package br.com.recebiveishub.hub.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dead-letter queue: what a sync or a write-back could not apply or deliver, with the reason,
 * until someone replays it. One open letter per thing (a sync, a record, a write-back), so a
 * failure that repeats does not pile up.
 */
@Component
class DeadLetters {

    enum Kind { SYNC_FAILED, SYNC_REJECTED_RECORD, WRITE_BACK_REFUSED, WRITE_BACK_UNKNOWN }

    /**
     * A dead letter as the API shows it.
     *
     * @param syncCursorSaved whether a cursor was saved with it (the replay reads from there); the cursor itself is the connector's
     */
    record Letter(long id, String tenantId, String pluginId, String kind, String reason, String stream, boolean syncCursorSaved,
                  String recordRef, Long importId, Long writeBackId, String status, Instant createdAt, Instant replayedAt,
                  String replayOutcome) {
    }

    private final JdbcTemplate jdbc;

    DeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void add(String tenantId, String pluginId, Kind kind, String reason, String stream, String cursor, String recordRef, Long importId,
             Long writeBackId) {
        jdbc.update("""
                insert into dead_letter (tenant_id, plugin_id, kind, reason, stream, sync_cursor, record_ref, import_id, write_back_id, status)
                values (?,?,?,?,?,?,?,?,?,'OPEN') on conflict do nothing""",
                tenantId, pluginId, kind.name(), cut(reason, 1000), stream, cursor, cut(recordRef, 120), importId, writeBackId);
    }

    @Transactional(readOnly = true)
    List<Letter> list(String tenantId, String status, int limit) {
        return jdbc.query("select * from dead_letter where tenant_id = ? and (cast(? as varchar) is null or status = ?) order by id desc limit ?",
                (rs, i) -> map(rs), tenantId, status, status, limit);
    }

    @Transactional(readOnly = true)
    Optional<Letter> get(String tenantId, long id) {
        return jdbc.query("select * from dead_letter where tenant_id = ? and id = ?", (rs, i) -> map(rs), tenantId, id).stream().findFirst();
    }

    /** @return the cursor a replay of a sync letter reads from (null: the sync's saved cursor or the account's start) */
    @Transactional(readOnly = true)
    String cursor(String tenantId, long id) {
        return jdbc.queryForObject("select sync_cursor from dead_letter where tenant_id = ? and id = ?", String.class, tenantId, id);
    }

    /** @return true when this call claimed the letter (it was OPEN): only the claimer replays it */
    @Transactional
    boolean claim(String tenantId, long id) {
        return jdbc.update("update dead_letter set status = 'REPLAYED', replayed_at = now(), replay_outcome = 'replaying' "
                + "where tenant_id = ? and id = ? and status = 'OPEN'", tenantId, id) == 1;
    }

    @Transactional
    void reopen(String tenantId, long id, String why) {
        jdbc.update("update dead_letter set status = 'OPEN', replayed_at = null, replay_outcome = ? where tenant_id = ? and id = ?",
                cut(why, 1000), tenantId, id);
    }

    @Transactional
    void outcome(String tenantId, long id, String outcome) {
        jdbc.update("update dead_letter set replay_outcome = ? where tenant_id = ? and id = ?", cut(outcome, 1000), tenantId, id);
    }

    private static Letter map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp replayed = rs.getTimestamp("replayed_at");
        return new Letter(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("plugin_id"), rs.getString("kind"), rs.getString("reason"),
                rs.getString("stream"), rs.getString("sync_cursor") != null, rs.getString("record_ref"), (Long) rs.getObject("import_id"),
                (Long) rs.getObject("write_back_id"), rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
                replayed == null ? null : replayed.toInstant(), rs.getString("replay_outcome"));
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
