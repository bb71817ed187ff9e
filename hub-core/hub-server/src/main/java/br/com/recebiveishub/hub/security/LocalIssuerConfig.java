package br.com.recebiveishub.hub.security;

import br.com.recebiveishub.hub.platform.HubProperties;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The local identity, when no external issuer is configured: an embedded OAuth2 / OIDC issuer
 * (Spring Authorization Server) that mints tokens with Keycloak's shape — {@code realm_access.roles},
 * the tenants claim, {@code preferred_username}, the hub's audience — so one authorization code
 * path serves both. Users come from {@code hub.security.local.users} and obtain tokens with the
 * client-credentials grant (username as client id, password as secret). Its RSA key is kept in the
 * data directory so tokens survive a restart.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${hub.security.issuer-uri:}'.isEmpty()")
class LocalIssuerConfig {

    private static final Logger log = LoggerFactory.getLogger(LocalIssuerConfig.class);

    @Bean
    @Order(1)
    SecurityFilterChain localIssuer(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer as = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(as.getEndpointsMatcher())
                .with(as, c -> c.oidc(o -> { }))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.ignoringRequestMatchers(as.getEndpointsMatcher()));
        return http.build();
    }

    @Bean
    RegisteredClientRepository localUsers(HubSecurityProperties props) {
        List<RegisteredClient> clients = props.local().users().stream().map(u -> RegisteredClient.withId(UUID.nameUUIDFromBytes(
                        u.username().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .clientId(u.username())
                .clientSecret("{noop}" + u.password())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
                .build()).toList();
        if (clients.isEmpty()) {
            // SAS needs at least one client; a disabled placeholder keeps the issuer up with nobody able to log in.
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId("none").clientId("none")
                    .clientSecret("{noop}" + UUID.randomUUID()).authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build());
        }
        log.info("Local identity: {} users ({}); tokens at POST /oauth2/token", clients.size(),
                props.local().users().stream().map(HubSecurityProperties.LocalUser::username).toList());
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> keycloakShapedClaims(HubSecurityProperties props) {
        return ctx -> {
            String user = ctx.getRegisteredClient().getClientId();
            props.local().users().stream().filter(u -> u.username().equals(user)).findFirst().ifPresent(u -> {
                ctx.getClaims().audience(List.of(props.audience()));
                ctx.getClaims().claim("realm_access", Map.of("roles", u.roles()));
                ctx.getClaims().claim(props.tenantsClaim(), u.tenants());
                ctx.getClaims().claim("preferred_username", u.username());
                ctx.getClaims().subject(u.username());
            });
        };
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${hub.security.local.issuer}") String issuer) {
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }

    @Bean
    JWKSource<SecurityContext> localIssuerKeys(HubProperties hub) {
        Path file = hub.dataDir().resolve("keys").resolve("local-issuer.jwk.json");
        try {
            RSAKey key;
            if (Files.exists(file)) {
                key = RSAKey.parse(Files.readString(file));
            } else {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                var pair = gen.generateKeyPair();
                key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                        .keyID(UUID.randomUUID().toString()).build();
                Files.createDirectories(file.getParent());
                Files.writeString(file, key.toJSONString());
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not POSIX: the data directory's permissions protect it
                }
            }
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the local issuer key " + file, e);
        } catch (NoSuchAlgorithmException | ParseException e) {
            throw new IllegalStateException("Cannot load the local issuer key " + file, e);
        }
    }

    /** Verifies tokens with the issuer's own keys (no HTTP round trip), with the same checks as for Keycloak. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, HubSecurityProperties props,
                          @Value("${hub.security.local.issuer}") String issuer) {
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        decoder.setJwtValidator(SecurityConfig.validators(issuer, props.audience()));
        return decoder;
    }
}
