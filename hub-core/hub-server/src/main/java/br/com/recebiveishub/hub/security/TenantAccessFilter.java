package br.com.recebiveishub.hub.security;

import br.com.recebiveishub.hub.audit.AuditContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tenant membership and the request's audit scope. A call to {@code /api/tenants/{t}/...} is
 * allowed only if the token lists {@code t} in its tenants claim, or carries a role granted
 * cross-tenant access (always logged). The request then runs in an {@link AuditContext} scope
 * (actor, tenant, client address, user agent, reason from {@code X-Reason}) whose visible tenants
 * are what PostgreSQL's row-level security will show: the path's tenant, the token's tenants for
 * hub-wide endpoints, or all of them for cross-tenant roles.
 */
@Component
public class TenantAccessFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(TenantAccessFilter.class);
    private static final Pattern TENANT_PATH = Pattern.compile("^/api/tenants/([^/]+)(/.*)?$");

    private final HubSecurityProperties props;

    public TenantAccessFilter(HubSecurityProperties props) {
        this.props = props;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken token)) {
            chain.doFilter(request, response); // public endpoints (OpenAPI, health)
            return;
        }
        Jwt jwt = token.getToken();
        List<String> roles = RealmRolesConverter.roles(jwt);
        List<String> memberOf = tenants(jwt);
        boolean crossTenant = roles.stream().anyMatch(props.crossTenantRoles()::contains);
        String username = jwt.getClaimAsString("preferred_username");
        Matcher m = TENANT_PATH.matcher(request.getRequestURI());
        String tenantId = m.matches() ? m.group(1) : null;
        List<String> visible;
        if (tenantId != null) {
            if (!memberOf.contains(tenantId)) {
                if (!crossTenant) {
                    log.warn("403 {} {}: user {} is not a member of tenant {}", request.getMethod(), request.getRequestURI(),
                            jwt.getSubject(), tenantId);
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getWriter().write("{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"not a member of this tenant\"}");
                    return;
                }
                log.info("cross-tenant access: user {} ({}) {} {} on tenant {}", jwt.getSubject(), roles, request.getMethod(),
                        request.getRequestURI(), tenantId);
            }
            visible = List.of(tenantId);
        } else {
            visible = crossTenant ? List.of(AuditContext.ALL_TENANTS) : memberOf;
        }
        try (AuditContext.Scope s = AuditContext.open(jwt.getSubject(), username, tenantId, visible, request.getHeader("X-Reason"),
                "api", request.getRemoteAddr(), request.getHeader("User-Agent"), null)) {
            chain.doFilter(request, response);
        }
    }

    private List<String> tenants(Jwt jwt) {
        Object claim = jwt.getClaims().get(props.tenantsClaim());
        List<String> out = new ArrayList<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else if (claim instanceof String s && !s.isBlank()) {
            out.add(s);
        }
        return out;
    }
}
