package br.com.recebiveishub.hub.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity settings ({@code hub.security.*}).
 *
 * @param issuerUri        the OIDC issuer (Keycloak realm URL, e.g. {@code http://127.0.0.1:8180/realms/recebiveis-hub});
 *                         empty: the hub runs its own local issuer
 * @param audience         the audience every token must carry
 * @param tenantsClaim     the claim listing the tenants a user belongs to
 * @param crossTenantRoles roles that may act on any tenant (always logged)
 * @param local            the local issuer's users (local mode only)
 */
@ConfigurationProperties(prefix = "hub.security")
public record HubSecurityProperties(String issuerUri, String audience, String tenantsClaim, List<String> crossTenantRoles,
                                    Local local) {

    public HubSecurityProperties {
        audience = audience == null || audience.isBlank() ? "hub-api" : audience;
        tenantsClaim = tenantsClaim == null || tenantsClaim.isBlank() ? "tenants" : tenantsClaim;
        crossTenantRoles = crossTenantRoles == null ? List.of(HubRoles.HUB_ADMIN, HubRoles.AUDITOR) : List.copyOf(crossTenantRoles);
        local = local == null ? new Local(null, List.of()) : local;
    }

    /** @return whether the hub is its own issuer */
    public boolean localIssuer() {
        return issuerUri == null || issuerUri.isBlank();
    }

    /**
     * The local issuer.
     *
     * @param issuer the issuer string it writes into tokens (and the decoder requires)
     * @param users  who may obtain tokens (client credentials: username and password)
     */
    public record Local(String issuer, List<LocalUser> users) {
        public Local {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    /**
     * A local user.
     *
     * @param username name, also the OAuth2 client id
     * @param password secret (for a loopback-only development hub)
     * @param roles    realm roles
     * @param tenants  tenant ids
     */
    public record LocalUser(String username, String password, List<String> roles, List<String> tenants) {
        public LocalUser {
            roles = roles == null ? List.of() : List.copyOf(roles);
            tenants = tenants == null ? List.of() : List.copyOf(tenants);
        }
    }
}
