package br.com.recebiveishub.hub.audit;

import java.util.Collection;
import java.util.TreeSet;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The data-sharing log: every hand-over of personal data to a plugin — which plugin, which subject,
 * which fields, for which purpose — the source of the LGPD sharing report (issue 3 item 6). Actor
 * and correlation id come from the current {@link AuditContext}. Every row joins the tenant's audit
 * hash chain ({@link AuditChain}).
 *
 * <p>Call it <i>before</i> handing the data over: the row is written in its own transaction
 * ({@code REQUIRES_NEW}), because the plugin has seen the data even if the caller's transaction
 * rolls back later.
 */
@Component
public class PluginDataShareLog {

    private final JdbcTemplate jdbc;

    public PluginDataShareLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records personal data of one subject handed to a plugin.
     *
     * @param tenantId    the tenant (null: the current scope's tenant)
     * @param pluginId    the receiving plugin
     * @param subjectType e.g. {@link AccessLog#CUSTOMER}
     * @param subjectId   the subject's id in the hub
     * @param fields      the fields handed over (stored sorted, comma-separated), e.g. documento, nome, endereco
     * @param purpose     why (e.g. {@code boleto issue})
     * @return the row id
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long record(String tenantId, String pluginId, String subjectType, String subjectId, Collection<String> fields, String purpose) {
        AuditContext.Scope s = AuditContext.current();
        return jdbc.queryForObject("""
                insert into plugin_data_share (at, tenant_id, plugin_id, subject_type, subject_id, fields, purpose, actor, correlation_id)
                values (clock_timestamp(),?,?,?,?,?,?,?,?) returning id""", Long.class,
                tenantId != null ? tenantId : s.tenantId(), AccessLog.require(pluginId, "pluginId"), AccessLog.require(subjectType, "subjectType"),
                AccessLog.require(subjectId, "subjectId"), fields(fields), Columns.cut(AccessLog.require(purpose, "purpose"), 200),
                s.actor(), s.correlationId());
    }

    /**
     * Records the same fields of many subjects handed to a plugin in one call (e.g. a batch of
     * boletos), one row per subject, in one statement.
     *
     * @return the number of rows written
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int recordAll(String tenantId, String pluginId, String subjectType, Collection<String> subjectIds, Collection<String> fields,
                         String purpose) {
        if (subjectIds.isEmpty()) {
            return 0;
        }
        AuditContext.Scope s = AuditContext.current();
        String[] ids = subjectIds.stream().map(id -> AccessLog.require(id, "subjectId")).toArray(String[]::new);
        return jdbc.execute((ConnectionCallback<Integer>) con -> {
            try (var ps = con.prepareStatement("""
                    insert into plugin_data_share (at, tenant_id, plugin_id, subject_type, subject_id, fields, purpose, actor, correlation_id)
                    select clock_timestamp(), ?, ?, ?, sid, ?, ?, ?, ? from unnest(?::varchar[]) with ordinality as u(sid, n) order by n""")) {
                ps.setString(1, tenantId != null ? tenantId : s.tenantId());
                ps.setString(2, AccessLog.require(pluginId, "pluginId"));
                ps.setString(3, AccessLog.require(subjectType, "subjectType"));
                ps.setString(4, fields(fields));
                ps.setString(5, Columns.cut(AccessLog.require(purpose, "purpose"), 200));
                ps.setString(6, s.actor());
                ps.setString(7, s.correlationId());
                ps.setArray(8, con.createArrayOf("varchar", ids));
                return ps.executeUpdate();
            }
        });
    }

    private static String fields(Collection<String> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("fields: name at least one field handed over");
        }
        return String.join(",", new TreeSet<>(fields));
    }
}
