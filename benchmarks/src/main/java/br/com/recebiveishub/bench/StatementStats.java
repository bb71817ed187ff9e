package br.com.recebiveishub.bench;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Time per SQL statement as the server measured it, without touching the hub's code: the
 * benchmark's PostgreSQL runs with {@code pg_stat_statements} preloaded (see
 * {@link HubBench#start}), the counters are reset at the start of a phase and read at its end,
 * so a phase's figures say which of the hub's statements its server time went to (planning and
 * execution; COPY, TRUNCATE and COMMIT included). The benchmark's own polling session does not
 * track its statements.
 */
final class StatementStats {

    /** Server time of one normalised statement in a phase. */
    record Stat(String sql, long calls, double totalMs, double planMs, double maxMs, long rows) {
    }

    private final JdbcTemplate jdbc;

    StatementStats(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("create extension if not exists pg_stat_statements");
    }

    /** Forgets what was collected: call at the start of a phase. */
    void reset() {
        jdbc.execute("select pg_stat_statements_reset()");
    }

    /** @return the statements run in the hub's database since {@link #reset()}, most expensive first */
    List<Stat> snapshot() {
        return jdbc.query("""
                select s.query, s.calls, s.total_exec_time + s.total_plan_time, s.total_plan_time, s.max_exec_time, s.rows
                  from pg_stat_statements s
                 where s.dbid = (select oid from pg_database where datname = current_database())
                   and s.query not like '%pg_stat_statements%'
                 order by 3 desc""",
                (rs, i) -> new Stat(rs.getString(1).strip().replaceAll("\\s+", " "), rs.getLong(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getLong(6)));
    }
}
