package br.com.recebiveishub.testkit.keycloak;

import java.util.List;

/**
 * The dev/test users of the {@code recebiveis-hub} realm in {@code config/keycloak/recebiveis-hub-realm.json}:
 * one per realm role, plus a second collector on another tenant.
 *
 * <p>Their passwords ({@code <username>-dev-password}) exist only for local testing; a production realm
 * has none of these users.
 */
public enum DevUser {
    ADMIN1("admin1", "hub-admin", List.of()),
    IMPL1("impl1", "implementer", List.of("tenant-a")),
    COLL1("coll1", "collector", List.of("tenant-a")),
    COLL2("coll2", "collector", List.of("tenant-b")),
    SUP1("sup1", "supervisor", List.of("tenant-a")),
    AUD1("aud1", "auditor", List.of("tenant-a", "tenant-b")),
    VIEWER1("viewer1", "client-viewer", List.of("tenant-b"));

    private final String username;
    private final String role;
    private final List<String> tenants;

    DevUser(String username, String role, List<String> tenants) {
        this.username = username;
        this.role = role;
        this.tenants = tenants;
    }

    public String username() {
        return username;
    }

    /** @return the password the realm file gives this user (local testing only) */
    public String password() {
        return username + "-dev-password";
    }

    /** @return the hub realm role the user has (besides Keycloak's default roles) */
    public String role() {
        return role;
    }

    /** @return the tenant ids in the user's {@code tenants} claim; empty when the claim is absent */
    public List<String> tenants() {
        return tenants;
    }
}
