package br.com.recebiveishub.hub.audit;

import java.util.List;
import java.util.UUID;

/**
 * Who is acting, for which tenant(s), why and through which path, for the code running on this
 * thread: an API request, a Camel exchange or a job. Read by the Envers revision listener and the
 * bulk writers (so every row version says who wrote it) and by the database session (so
 * PostgreSQL's row-level security shows only the tenants the scope may see).
 *
 * <p>Always used as {@code try (var s = AuditContext.open(...)) { ... }}. Scopes nest: closing an
 * inner scope restores the outer one, and closing the outermost leaves the thread with none, so
 * a scope never leaks to the next task run on a pooled thread.
 */
public final class AuditContext {

    /** The visibility that means every tenant: only for system jobs and cross-tenant roles, always logged. */
    public static final String ALL_TENANTS = "*";

    /**
     * The acting scope.
     *
     * @param actor          user (token subject) or system principal
     * @param username       human-readable user name, may be null
     * @param tenantId       tenant the action is for, null for hub-wide actions
     * @param visibleTenants tenants whose rows the database may show: {@link #ALL_TENANTS}, or ids
     * @param correlationId  ties audit rows, logs and reports together
     * @param reason         why, when the action needs one
     * @param source         {@code api}, {@code route:<id>}, {@code plugin:<id>}, {@code job:<name>}
     * @param clientAddress  caller's address for API calls, may be null
     * @param userAgent      caller's user agent for API calls, may be null
     */
    public record Scope(String actor, String username, String tenantId, List<String> visibleTenants, String correlationId,
                        String reason, String source, String clientAddress, String userAgent, Scope previous)
            implements AutoCloseable {

        /** @return the value PostgreSQL's policies read ({@code app.tenants}): '*' or comma-separated ids */
        public String rlsTenants() {
            return String.join(",", visibleTenants);
        }

        @Override
        public void close() {
            if (previous != null) {
                CURRENT.set(previous);
            } else {
                CURRENT.remove();
            }
        }
    }

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    private static final Scope NONE = new Scope("system", null, null, List.of(), null, null, "system", null, null, null);

    private AuditContext() {
    }

    /** Opens a scope acting for one tenant (the database shows that tenant only). */
    public static Scope open(String actor, String tenantId, String reason, String source) {
        return open(actor, null, tenantId, tenantId == null ? List.of() : List.of(tenantId), reason, source, null, null);
    }

    /** Opens a scope with every field; the correlation id is inherited from an enclosing scope. */
    public static Scope open(String actor, String username, String tenantId, List<String> visibleTenants, String reason,
                             String source, String clientAddress, String userAgent) {
        Scope outer = CURRENT.get();
        String correlation = outer != null && outer.correlationId() != null ? outer.correlationId() : UUID.randomUUID().toString();
        Scope scope = new Scope(actor, username, tenantId, List.copyOf(visibleTenants), correlation, reason, source,
                clientAddress, userAgent, outer);
        CURRENT.set(scope);
        return scope;
    }

    /**
     * Opens a scope for one tenant within the current one: same actor and caller, the given tenant,
     * reason and source. It may see that tenant's rows only if the enclosing scope could (so a
     * service cannot widen what its caller was allowed to see).
     */
    public static Scope narrow(String tenantId, String reason, String source) {
        Scope outer = current();
        boolean allowed = tenantId != null
                && (outer.visibleTenants().contains(ALL_TENANTS) || outer.visibleTenants().contains(tenantId));
        return open(outer.actor(), outer.username(), tenantId, allowed ? List.of(tenantId) : List.of(),
                reason != null ? reason : outer.reason(), source != null ? source : outer.source(), outer.clientAddress(),
                outer.userAgent());
    }

    /** Opens a system scope that sees every tenant (start-up, hub-wide jobs). */
    public static Scope system(String source) {
        return open("system", null, null, List.of(ALL_TENANTS), null, source, null, null);
    }

    /** @return the scope on this thread, or an empty system scope (which sees no tenant's rows) */
    public static Scope current() {
        Scope s = CURRENT.get();
        return s != null ? s : NONE;
    }
}
