package br.com.recebiveishub.hub.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads Keycloak's realm roles ({@code realm_access.roles}, a nested claim Spring's own
 * property cannot reach) as {@code ROLE_<role>} authorities. The local issuer writes the same claim.
 */
public final class RealmRolesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        return roles(jwt).stream().filter(HubRoles.ALL::contains).<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }

    /** @return the realm roles in the token */
    public static List<String> roles(Jwt jwt) {
        Object realmAccess = jwt.getClaims().get("realm_access");
        List<String> out = new ArrayList<>();
        if (realmAccess instanceof Map<?, ?> m && m.get("roles") instanceof Collection<?> roles) {
            roles.forEach(r -> out.add(String.valueOf(r)));
        }
        return out;
    }
}
