package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import br.com.recebiveishub.testkit.keycloak.DevUser;
import br.com.recebiveishub.testkit.keycloak.KeycloakServer;
import br.com.recebiveishub.testkit.keycloak.KeycloakTokenException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The realm in {@code config/keycloak/recebiveis-hub-realm.json}, checked on a real Keycloak: every
 * dev user's token and hub-machine's carry exactly the claims the hub relies on (issuer, audience
 * {@code hub-api}, the realm role, the {@code tenants} array, a 300 s lifetime) under a signature
 * that verifies against the realm's JWKS; wrong credentials are refused; the console client
 * requires PKCE S256 and loopback redirect URIs.
 */
class KeycloakRealmTest {

    private static final Set<String> HUB_ROLES =
            Set.of("hub-admin", "implementer", "collector", "supervisor", "auditor", "client-viewer");

    private static KeycloakServer keycloak;
    private static JWKSet jwks;

    @BeforeAll
    static void startKeycloak() throws Exception {
        keycloak = KeycloakServer.shared();
        jwks = JWKSet.load(URI.create(keycloak.jwksUri()).toURL());
    }

    @Test
    void issuerIsTheLoopbackAddressExactly() {
        assertThat(keycloak.issuer()).isEqualTo("http://127.0.0.1:" + keycloak.port() + "/realms/recebiveis-hub");
        assertThat(keycloak.jwksUri()).startsWith(keycloak.issuer() + "/");
    }

    @ParameterizedTest
    @EnumSource(DevUser.class)
    void passwordTokenOfEachDevUser(DevUser user) throws Exception {
        String token = keycloak.passwordToken(user);

        Map<String, Object> claims = verifiedClaims(token);
        assertHubToken(claims, user.role(), user.tenants());
        assertThat(claims.get("preferred_username")).isEqualTo(user.username());
        assertThat(claims.get("azp")).isEqualTo(KeycloakServer.TEST_CLIENT_ID);
    }

    @Test
    void clientCredentialsTokenOfHubMachine() throws Exception {
        String token = keycloak.clientCredentialsToken(KeycloakServer.MACHINE_CLIENT_ID, KeycloakServer.MACHINE_CLIENT_SECRET);

        Map<String, Object> claims = verifiedClaims(token);
        assertHubToken(claims, KeycloakServer.MACHINE_ROLE, KeycloakServer.MACHINE_TENANTS);
        assertThat(claims.get("azp")).isEqualTo(KeycloakServer.MACHINE_CLIENT_ID);
        assertThat(claims.get("preferred_username")).isEqualTo("service-account-hub-machine");
    }

    @Test
    void cachedTokenIsHandedOutAgainWhileFresh() {
        String first = keycloak.cachedPasswordToken(DevUser.SUP1);

        assertThat(keycloak.cachedPasswordToken(DevUser.SUP1)).isSameAs(first);
        assertThat(keycloak.cachedPasswordToken(DevUser.AUD1)).isNotEqualTo(first);
    }

    @Test
    void wrongPasswordIsRefusedWith401() {
        KeycloakTokenException refused = catchThrowableOfType(KeycloakTokenException.class,
                () -> keycloak.passwordToken("coll1", "not-the-password"));

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.getMessage()).contains("HTTP 401", "coll1").doesNotContain("not-the-password");
    }

    @Test
    void wrongClientSecretIsRefusedWith401() {
        KeycloakTokenException refused = catchThrowableOfType(KeycloakTokenException.class,
                () -> keycloak.clientCredentialsToken(KeycloakServer.MACHINE_CLIENT_ID, "not-the-secret"));

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.getMessage()).doesNotContain("not-the-secret");
    }

    @Test
    void alteredTokenFailsTheSignatureCheck() throws Exception {
        String token = keycloak.passwordToken(DevUser.COLL1);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"tenant-a\"", "\"tenant-b\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(KeycloakServer.decodeClaims(forged).get("tenants")).isEqualTo(List.of("tenant-b"));
        SignedJWT jwt = SignedJWT.parse(forged);
        assertThat(jwt.verify(verifierFor(jwt))).isFalse();
    }

    @Test
    void consoleClientRequiresPkceS256AndLoopbackRedirects() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

        HttpResponse<String> noPkce = http.send(authorize("http://127.0.0.1:8123/callback", null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noPkce.statusCode()).isEqualTo(302);
        assertThat(noPkce.headers().firstValue("Location")).get().asString()
                .startsWith("http://127.0.0.1:8123/callback?error=invalid_request")
                .contains("code_challenge_method");

        HttpResponse<String> withPkce = http.send(authorize("http://localhost:5173/callback", challenge),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withPkce.statusCode()).as("login page").isEqualTo(200);

        HttpResponse<String> foreignRedirect = http.send(authorize("http://example.org/callback", challenge),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreignRedirect.statusCode()).isEqualTo(400);
    }

    private static HttpRequest authorize(String redirectUri, String challenge) {
        String query = "client_id=hub-console&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + (challenge == null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=S256");
        return HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/auth?" + query))
                .GET().build();
    }

    /** Checks the RS256 signature against the realm's JWKS and returns the claims. */
    private static Map<String, Object> verifiedClaims(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(verifierFor(jwt))).as("signature verifies against " + keycloak.jwksUri()).isTrue();
        Map<String, Object> claims = KeycloakServer.decodeClaims(token);
        assertThat(claims).containsEntry("sub", jwt.getJWTClaimsSet().getSubject());
        return claims;
    }

    private static JWSVerifier verifierFor(SignedJWT jwt) throws Exception {
        JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("key " + jwt.getHeader().getKeyID() + " in the JWKS").isInstanceOf(RSAKey.class);
        return new RSASSAVerifier(key.toRSAKey());
    }

    @SuppressWarnings("unchecked")
    private static void assertHubToken(Map<String, Object> claims, String role, List<String> tenants) {
        assertThat(claims.get("iss")).isEqualTo(keycloak.issuer());
        Object aud = claims.get("aud");
        Collection<Object> audiences = aud instanceof Collection<?> c ? (Collection<Object>) c : List.of(aud);
        assertThat(audiences).contains(KeycloakServer.AUDIENCE);

        Map<String, Object> realmAccess = (Map<String, Object>) claims.get("realm_access");
        assertThat(realmAccess).as("realm_access").isNotNull();
        List<String> roles = (List<String>) realmAccess.get("roles");
        assertThat(roles).contains(role);
        assertThat(roles.stream().filter(HUB_ROLES::contains)).as("hub roles").containsExactly(role);

        Object tenantsClaim = claims.getOrDefault("tenants", List.of());
        assertThat(tenantsClaim).as("tenants claim (a JSON array)").isInstanceOf(List.class);
        assertThat((List<String>) tenantsClaim).isEqualTo(tenants);

        long iat = ((Number) claims.get("iat")).longValue();
        long exp = ((Number) claims.get("exp")).longValue();
        assertThat(exp - iat).as("access token lifespan").isEqualTo(300);
    }
}
