package br.com.recebiveishub.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The hub as an OAuth2 resource server: every API call needs a JWT whose signature (JWKS),
 * issuer, audience and expiry check out; roles come from {@code realm_access.roles}; the matrix
 * of {@link AccessRules} decides per endpoint, anything else is denied; tenant membership is
 * checked by {@link TenantAccessFilter}. The same code path serves Keycloak and the local issuer:
 * only the {@code JwtDecoder} bean differs.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    /**
     * The PSP's webhook POSTs carry no bearer token (PSPs cannot get one): they are authenticated by
     * the tenant's random path token, checked by the endpoint itself against the stored hash (wrong or
     * missing: 401, logged without the token). Nothing under /webhooks/** reads or changes data on the
     * strength of the body alone: each Pix is read back from the PSP first, each card payment from the gateway after its
     * signature verified (docs/security.md).
     */
    @Bean
    @Order(0)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        http.securityMatcher("/webhooks/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable()) // no cookies, no session: nothing for CSRF to ride on
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, "/webhooks/pix/*/*/pix", "/webhooks/card/*/*").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> res.sendError(401)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, TenantAccessFilter tenantAccess) throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RealmRolesConverter());
        converter.setPrincipalClaimName("sub");
        AuthenticationEntryPoint entryPoint = loggingEntryPoint();
        http.securityMatcher("/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable()) // bearer tokens only, no cookies: nothing for CSRF to ride on
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health", "/error").permitAll();
                    for (AccessRules.Rule r : AccessRules.RULES) {
                        a.requestMatchers(r.method(), r.pattern()).hasAnyRole(r.roles().toArray(String[]::new));
                    }
                    a.anyRequest().denyAll();
                })
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(converter)).authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                .addFilterAfter(tenantAccess, AuthorizationFilter.class);
        return http.build();
    }

    /** Logs why a token was refused (never the token) and answers 401 as RFC 6750 says. */
    private static AuthenticationEntryPoint loggingEntryPoint() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, ex) -> {
            logRefusal(request, ex);
            bearer.commence(request, response, ex);
        };
    }

    private static void logRefusal(HttpServletRequest request, AuthenticationException ex) throws IOException {
        String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        // Nimbus messages name the failed check (signature, exp, aud, iss), never the token itself.
        log.warn("401 {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                reason.length() > 200 ? reason.substring(0, 200) : reason);
    }

    /** Issuer, expiry (with no clock skew beyond 30 s) and audience: the checks every decoder applies. */
    static OAuth2TokenValidator<Jwt> validators(String issuer, String audience) {
        OAuth2TokenValidator<Jwt> aud = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The aud claim does not contain " + audience, null));
        return new DelegatingOAuth2TokenValidator<>(List.of(JwtValidators.createDefaultWithIssuer(issuer), aud));
    }
}
