package br.com.recebiveishub.hub.audit;

import java.util.Collection;
import java.util.Objects;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read-access log: who viewed which debtor's personal data, for which tenant, through which
 * endpoint and for which purpose (issue 3 item 6; LGPD Art. 37). Actor, username, client address,
 * user agent and correlation id come from the current {@link AuditContext}. Every row joins the
 * tenant's audit hash chain ({@link AuditChain}).
 *
 * <p>Call it <i>before</i> returning the data: the row is written in its own transaction
 * ({@code REQUIRES_NEW}, so it works inside read-only transactions and stays recorded even if the
 * read fails later), and a failure to record fails the read.
 */
@Component
public class AccessLog {

    /** Subject type of a debtor (customer). */
    public static final String CUSTOMER = "CUSTOMER";

    private final JdbcTemplate jdbc;

    public AccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records one read of a subject's personal data.
     *
     * @param tenantId    the tenant whose data was read (null: the current scope's tenant)
     * @param subjectType e.g. {@link #CUSTOMER}
     * @param subjectId   the subject's id in the hub (e.g. the customer id), never the CPF itself
     * @param endpoint    e.g. {@code GET /api/tenants/{tenantId}/customers/{id}}
     * @param purpose     why the data is read (e.g. {@code collection}, {@code dispute}, {@code audit})
     * @return the access-log id
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long record(String tenantId, String subjectType, String subjectId, String endpoint, String purpose) {
        AuditContext.Scope s = AuditContext.current();
        return jdbc.queryForObject("""
                insert into access_log (at, actor, actor_username, tenant_id, subject_type, subject_id, endpoint, purpose,
                                        client_address, user_agent, correlation_id)
                values (clock_timestamp(),?,?,?,?,?,?,?,?,?,?) returning id""", Long.class,
                s.actor(), Columns.cut(s.username(), 200), tenant(tenantId, s), require(subjectType, "subjectType"),
                require(subjectId, "subjectId"), Columns.cut(require(endpoint, "endpoint"), 300), Columns.cut(require(purpose, "purpose"), 200),
                Columns.cut(s.clientAddress(), 100), Columns.cut(s.userAgent(), 500), s.correlationId());
    }

    /**
     * Records one read that exposed several subjects (a list or search result), one row each, in
     * one statement.
     *
     * @return the number of rows written
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int recordAll(String tenantId, String subjectType, Collection<String> subjectIds, String endpoint, String purpose) {
        if (subjectIds.isEmpty()) {
            return 0;
        }
        AuditContext.Scope s = AuditContext.current();
        String[] ids = subjectIds.stream().map(id -> require(id, "subjectId")).toArray(String[]::new);
        return jdbc.execute((ConnectionCallback<Integer>) con -> {
            try (var ps = con.prepareStatement("""
                    insert into access_log (at, actor, actor_username, tenant_id, subject_type, subject_id, endpoint, purpose,
                                            client_address, user_agent, correlation_id)
                    select clock_timestamp(), ?, ?, ?, ?, sid, ?, ?, ?, ?, ? from unnest(?::varchar[]) with ordinality as u(sid, n) order by n""")) {
                ps.setString(1, s.actor());
                ps.setString(2, Columns.cut(s.username(), 200));
                ps.setString(3, tenant(tenantId, s));
                ps.setString(4, require(subjectType, "subjectType"));
                ps.setString(5, Columns.cut(require(endpoint, "endpoint"), 300));
                ps.setString(6, Columns.cut(require(purpose, "purpose"), 200));
                ps.setString(7, Columns.cut(s.clientAddress(), 100));
                ps.setString(8, Columns.cut(s.userAgent(), 500));
                ps.setString(9, s.correlationId());
                ps.setArray(10, con.createArrayOf("varchar", ids));
                return ps.executeUpdate();
            }
        });
    }

    private static String tenant(String tenantId, AuditContext.Scope s) {
        return tenantId != null ? tenantId : s.tenantId();
    }

    static String require(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }
}
