package br.com.recebiveishub.hub.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Tokens from an external issuer (Keycloak): keys from its JWKS, issuer string matched exactly. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${hub.security.issuer-uri:}'.isEmpty()")
class ExternalIssuerConfig {

    @Bean
    JwtDecoder jwtDecoder(HubSecurityProperties props) {
        String issuer = props.issuerUri().replaceAll("/+$", "");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/protocol/openid-connect/certs").build();
        decoder.setJwtValidator(SecurityConfig.validators(issuer, props.audience()));
        return decoder;
    }
}
