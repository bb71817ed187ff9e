package br.com.recebiveishub.hub.audit;

import java.util.UUID;

/**
 * Who is acting, for which tenant, why and through which path, for the code running on this
 * thread: an API request, a Camel exchange or a job. Read by the Envers revision listener and by
 * the bulk writers, so every row version says who wrote it.
 *
 * <p>Always used as {@code try (var s = AuditContext.open(...)) { ... }} so a scope never leaks to
 * the next task run on a pooled thread.
 */
public final class AuditContext {

    /**
     * The acting scope.
     *
     * @param actor         user or system principal
     * @param tenantId      tenant the action is for, null for hub-wide actions
     * @param correlationId ties audit rows, logs and reports together
     * @param reason        why, when the action needs one
     * @param source        {@code api}, {@code route:<id>}, {@code plugin:<id>}, {@code job:<name>}
     */
    public record Scope(String actor, String tenantId, String correlationId, String reason, String source)
            implements AutoCloseable {

        @Override
        public void close() {
            CURRENT.remove();
        }
    }

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    private static final Scope SYSTEM = new Scope("system", null, null, null, "system");

    private AuditContext() {
    }

    /** Opens a scope on this thread; close it (try-with-resources) when the work ends. */
    public static Scope open(String actor, String tenantId, String reason, String source) {
        Scope scope = new Scope(actor, tenantId, UUID.randomUUID().toString(), reason, source);
        CURRENT.set(scope);
        return scope;
    }

    /** @return the scope on this thread, or the system scope when none is open */
    public static Scope current() {
        Scope s = CURRENT.get();
        return s != null ? s : SYSTEM;
    }
}
