package br.com.recebiveishub.hub.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What auditors read of a tenant's history: every version of a receivable with who changed it,
 * when, why and through which path; and the tenant's revisions filtered by actor and time, as JSON
 * or CSV. Verification of the trail itself is {@link AuditController}'s.
 */
@RestController
@RequestMapping("/api/tenants/{tenantId}/audit")
@Tag(name = "audit")
public class AuditTrailController {

    /** One version of a receivable. */
    public record ReceivableVersion(long rev, Instant at, String actor, String username, String reason, String source,
                                    String correlationId, String change, String status, BigDecimal originalAmount,
                                    BigDecimal openBalance, LocalDate dueDate, Long closedByRev) {
    }

    /** One revision (a change set). */
    public record Revision(long id, Instant at, String actor, String username, String reason, String source, String correlationId,
                           String clientAddress, String userAgent) {
    }

    private final JdbcTemplate jdbc;

    public AuditTrailController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/receivables/{id}/history")
    @Operation(summary = "Every version of a receivable, oldest first, with who, when, why and through which path")
    @Transactional(readOnly = true)
    public List<ReceivableVersion> receivableHistory(@PathVariable String tenantId, @PathVariable long id) {
        List<ReceivableVersion> versions = jdbc.query("""
                select a.rev, h.timestamp, h.actor, h.actor_username, h.reason, h.source, h.correlation_id, a.revtype, a.status,
                       a.original_amount, a.open_balance, a.due_date, a.revend
                  from receivable_aud a join hub_revision h on h.id = a.rev
                 where a.id = ? and a.tenant_id = ? order by a.rev
                """, (rs, i) -> new ReceivableVersion(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                switch (rs.getInt(8)) { case 0 -> "CREATED"; case 1 -> "CHANGED"; default -> "DELETED"; },
                rs.getString(9), rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getObject(12, LocalDate.class),
                (Long) rs.getObject(13)), id, tenantId);
        if (versions.isEmpty()) {
            throw new NoSuchElementException("receivable " + id + " has no history in this tenant");
        }
        return versions;
    }

    @GetMapping("/revisions")
    @Operation(summary = "The tenant's revisions, newest first, filtered by actor and time; format=csv for a spreadsheet")
    @Transactional(readOnly = true)
    public ResponseEntity<?> revisions(@PathVariable String tenantId, @RequestParam(required = false) String actor,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                       @RequestParam(defaultValue = "json") String format,
                                       @RequestParam(defaultValue = "1000") int limit) {
        List<Object> args = new ArrayList<>(List.of(tenantId));
        StringBuilder where = new StringBuilder("tenant_id = ?");
        if (actor != null && !actor.isBlank()) {
            where.append(" and (actor = ? or actor_username = ?)");
            args.add(actor);
            args.add(actor);
        }
        if (from != null) {
            where.append(" and timestamp >= ?");
            args.add(from.toEpochMilli());
        }
        if (to != null) {
            where.append(" and timestamp < ?");
            args.add(to.toEpochMilli());
        }
        args.add(Math.min(Math.max(limit, 1), 100_000));
        List<Revision> revs = jdbc.query("select id, timestamp, actor, actor_username, reason, source, correlation_id, client_address, "
                        + "user_agent from hub_revision where " + where + " order by id desc limit ?",
                (rs, i) -> new Revision(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)), args.toArray());
        if (!"csv".equalsIgnoreCase(format)) {
            return ResponseEntity.ok(revs);
        }
        StringBuilder csv = new StringBuilder("id;at;actor;username;reason;source;correlation_id;client_address;user_agent\r\n");
        for (Revision r : revs) {
            csv.append(r.id()).append(';').append(r.at()).append(';').append(cell(r.actor())).append(';').append(cell(r.username()))
                    .append(';').append(cell(r.reason())).append(';').append(cell(r.source())).append(';').append(cell(r.correlationId()))
                    .append(';').append(cell(r.clientAddress())).append(';').append(cell(r.userAgent())).append("\r\n");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"revisions-" + tenantId + ".csv\"").body(csv.toString());
    }

    /** Quotes a CSV cell; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = v.matches("^[=+\\-@].*") ? "'" + v : v;
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
