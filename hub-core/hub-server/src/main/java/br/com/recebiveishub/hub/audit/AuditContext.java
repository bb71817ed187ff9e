package br.com.recebiveishub.hub.audit;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is acting, for which tenant, why and through which path, for the code running on this
 * thread: an API request, a Camel exchange or a job. Read by the Envers revision listener, by the
 * bulk writers and by the access and data-sharing logs, so every audit record says who did it.
 *
 * <p>Always used as {@code try (var s = AuditContext.open(...)) { ... }} so a scope never leaks to
 * the next task run on a pooled thread. Scopes nest: closing an inner scope restores the outer one.
 * An inner scope opened with the short {@link #open(String, String, String, String)} form keeps the
 * request details of the scope it is opened in (username, client address, user agent and
 * correlation id) when it is for the same actor, so an import started by an API call is recorded
 * with that call's origin.
 */
public final class AuditContext {

    /** The acting scope: the accessors are the audit fields (the class was a record before). */
    public static final class Scope implements AutoCloseable {

        private final String actor;
        private final String tenantId;
        private final String correlationId;
        private final String reason;
        private final String source;
        private final String username;
        private final String clientAddress;
        private final String userAgent;
        private final List<String> visibleTenants;
        private final Scope previous;

        Scope(String actor, String tenantId, String correlationId, String reason, String source,
              String username, String clientAddress, String userAgent, List<String> visibleTenants, Scope previous) {
            this.visibleTenants = List.copyOf(visibleTenants);
            this.actor = actor;
            this.tenantId = tenantId;
            this.correlationId = correlationId;
            this.reason = reason;
            this.source = source;
            this.username = username;
            this.clientAddress = clientAddress;
            this.userAgent = userAgent;
            this.previous = previous;
        }

        /** @return user or system principal (the token's subject for a person) */
        public String actor() {
            return actor;
        }

        /** @return tenant the action is for, null for hub-wide actions */
        public String tenantId() {
            return tenantId;
        }

        /** @return ties audit rows, logs and reports together */
        public String correlationId() {
            return correlationId;
        }

        /** @return why, when the action needs one */
        public String reason() {
            return reason;
        }

        /** @return {@code api}, {@code route:<id>}, {@code plugin:<id>}, {@code job:<name>} */
        public String source() {
            return source;
        }

        /** @return the person's username (e.g. the token's preferred_username), null for systems */
        public String username() {
            return username;
        }

        /** @return the client's address for an API request, else null */
        public String clientAddress() {
            return clientAddress;
        }

        /** @return the client's user agent for an API request, else null */
        public String userAgent() {
            return userAgent;
        }

        /** @return tenants whose rows the database may show this scope: {@link #ALL_TENANTS}, or ids */
        public List<String> visibleTenants() {
            return visibleTenants;
        }

        /** @return the value PostgreSQL's row-level security policies read ({@code app.tenants}) */
        public String rlsTenants() {
            return String.join(",", visibleTenants);
        }

        /**
         * Ends this scope and restores the one it was opened in; inner scopes left open are ended
         * with it. Closing a scope that is not open on this thread changes nothing.
         */
        @Override
        public void close() {
            for (Scope s = CURRENT.get(); s != null; s = s.previous) {
                if (s == this) {
                    if (previous != null) {
                        CURRENT.set(previous);
                    } else {
                        CURRENT.remove();
                    }
                    return;
                }
            }
        }

        @Override
        public String toString() {
            return "Scope[actor=" + actor + ", tenantId=" + tenantId + ", correlationId=" + correlationId + ", reason=" + reason
                    + ", source=" + source + ", username=" + username + "]";
        }
    }

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    /** The visibility that means every tenant: only for system jobs and cross-tenant roles, always logged. */
    public static final String ALL_TENANTS = "*";

    /** No scope open: acts as "system" for the audit fields, and sees no tenant's rows. */
    private static final Scope SYSTEM = new Scope("system", null, null, null, "system", null, null, null, List.of(), null);

    private AuditContext() {
    }

    /**
     * Opens a scope on this thread; close it (try-with-resources) when the work ends. Inside a scope
     * of the same actor, the request details (username, client address, user agent, correlation
     * id) carry over; otherwise a new correlation id is drawn.
     */
    public static Scope open(String actor, String tenantId, String reason, String source) {
        Scope outer = CURRENT.get();
        if (outer != null && Objects.equals(outer.actor, actor)) {
            return push(new Scope(actor, tenantId, outer.correlationId != null ? outer.correlationId : newCorrelationId(),
                    reason, source, outer.username, outer.clientAddress, outer.userAgent, only(tenantId), outer));
        }
        return push(new Scope(actor, tenantId, newCorrelationId(), reason, source, null, null, null, only(tenantId), outer));
    }

    /**
     * Opens a scope with every detail, typically for an API request (subject and username from the
     * token, client address and user agent from the request).
     *
     * @param correlationId the request's correlation id, or null to draw a new one
     */
    public static Scope open(String actor, String username, String tenantId, String reason, String source,
                             String clientAddress, String userAgent, String correlationId) {
        return open(actor, username, tenantId, only(tenantId), reason, source, clientAddress, userAgent, correlationId);
    }

    /**
     * Opens a scope with every detail and an explicit set of visible tenants (what row-level
     * security will show): the request filter uses it for hub-wide endpoints and cross-tenant roles.
     */
    public static Scope open(String actor, String username, String tenantId, List<String> visibleTenants, String reason,
                             String source, String clientAddress, String userAgent, String correlationId) {
        return push(new Scope(actor, tenantId, correlationId != null ? correlationId : newCorrelationId(), reason, source,
                username, clientAddress, userAgent, visibleTenants, CURRENT.get()));
    }

    /**
     * Opens a scope for one tenant within the current one: same actor and request details, the
     * given tenant, reason and source. It may see that tenant's rows only if the enclosing scope
     * could, so a service cannot widen what its caller was allowed to see.
     */
    public static Scope narrow(String tenantId, String reason, String source) {
        Scope outer = current();
        boolean allowed = tenantId != null
                && (outer.visibleTenants.contains(ALL_TENANTS) || outer.visibleTenants.contains(tenantId));
        return push(new Scope(outer.actor, tenantId, outer.correlationId != null ? outer.correlationId : newCorrelationId(),
                reason != null ? reason : outer.reason, source != null ? source : outer.source, outer.username,
                outer.clientAddress, outer.userAgent, allowed ? List.of(tenantId) : List.of(), CURRENT.get()));
    }

    /** Opens a scope that sees every tenant, for the hub's own jobs (start-up, the audit chain). */
    public static Scope system(String source) {
        return push(new Scope("system", null, newCorrelationId(), null, source, null, null, null, List.of(ALL_TENANTS), CURRENT.get()));
    }

    private static List<String> only(String tenantId) {
        return tenantId == null ? List.of() : List.of(tenantId);
    }

    /** @return the scope on this thread, or the system scope (which sees no tenant's rows) when none is open */
    public static Scope current() {
        Scope s = CURRENT.get();
        return s != null ? s : SYSTEM;
    }

    private static Scope push(Scope scope) {
        CURRENT.set(scope);
        return scope;
    }

    private static String newCorrelationId() {
        return UUID.randomUUID().toString();
    }
}
