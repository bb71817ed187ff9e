package br.com.recebiveishub.hub.security;

import java.util.List;

/** The realm roles of the hub (see docs/security.md for what each may do). */
public final class HubRoles {

    /** Runs the hub: tenants, plugins; may act on any tenant (logged). No purpose to read debtors' data. */
    public static final String HUB_ADMIN = "hub-admin";
    /** Onboards clients: tenants, bank accounts, imports, returns. */
    public static final String IMPLEMENTER = "implementer";
    /** Collection operator: receivables, charges, payments, exceptions. */
    public static final String COLLECTOR = "collector";
    /** Collection supervisor: what collectors do, plus remessas and returns. */
    public static final String SUPERVISOR = "supervisor";
    /** Auditor / DPO: reads everything, changes nothing; may act on any tenant (logged). */
    public static final String AUDITOR = "auditor";
    /** The client's manager: its own portfolio and KPIs, read-only. */
    public static final String CLIENT_VIEWER = "client-viewer";

    /** Every role. */
    public static final List<String> ALL = List.of(HUB_ADMIN, IMPLEMENTER, COLLECTOR, SUPERVISOR, AUDITOR, CLIENT_VIEWER);

    private HubRoles() {
    }
}
