package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;

/**
 * Tokens the hub must refuse with 401 — forged signature, expired, wrong audience, wrong issuer —
 * and a control token that passes; the refusal is logged without the token's content.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenValidationTest extends HubIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Value("${hub.security.local.issuer}")
    String issuer;

    /** The local issuer's own signing key (what a real attacker does not have). */
    RSAKey issuerKey() throws Exception {
        token(http, "it-all", "it-all-secret"); // make sure the issuer has written its key
        return RSAKey.parse(Files.readString(Path.of("target/it-hub/keys/local-issuer.jwk.json")));
    }

    String mint(RSAKey key, String iss, List<String> aud, Instant exp) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(iss).subject("it-all").audience(aud)
                .issueTime(Date.from(Instant.now().minusSeconds(60))).expirationTime(Date.from(exp))
                .claim("realm_access", Map.of("roles", List.of("hub-admin", "auditor")))
                .claim("tenants", List.of()).claim("preferred_username", "it-all").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    int call(String token) {
        return http.exchange("/api/tenants", HttpMethod.GET, AuthorizationMatrix.withToken(HttpEntity.EMPTY, token), String.class)
                .getStatusCode().value();
    }

    @Test
    void refusesForgedExpiredAndMisaddressedTokensWithoutLoggingThem(CapturedOutput output) throws Exception {
        RSAKey real = issuerKey();
        Instant later = Instant.now().plusSeconds(600);
        String control = mint(real, issuer, List.of("hub-api"), later);
        assertThat(call(control)).isEqualTo(200);

        RSAKey attacker = new RSAKeyGenerator(2048).keyID(real.getKeyID()).generate();
        String forged = mint(attacker, issuer, List.of("hub-api"), later);
        String expired = mint(real, issuer, List.of("hub-api"), Instant.now().minusSeconds(120));
        String wrongAudience = mint(real, issuer, List.of("another-api"), later);
        String wrongIssuer = mint(real, issuer.replace("127.0.0.1", "localhost"), List.of("hub-api"), later);
        for (String bad : List.of(forged, expired, wrongAudience, wrongIssuer, "not-a-jwt")) {
            assertThat(call(bad)).isEqualTo(401);
        }
        assertThat(output.getAll()).contains("401 GET /api/tenants")
                .doesNotContain(forged).doesNotContain(expired).doesNotContain(wrongAudience)
                .doesNotContain(forged.substring(forged.lastIndexOf('.') + 1));
    }
}
