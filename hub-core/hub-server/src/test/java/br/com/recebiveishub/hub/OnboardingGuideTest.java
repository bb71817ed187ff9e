package br.com.recebiveishub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** docs/onboarding.md quotes what the hub really answers, and does not send the reader to ids of other tenants. */
class OnboardingGuideTest extends HubIntegrationTest {

    /** A user with every role: authorization itself is SecurityMatrixTest's. */
    @org.junit.jupiter.api.BeforeEach
    void signInAsEveryRole() {
        signIn(http, "it-all", "it-all-secret");
    }

    @org.junit.jupiter.api.AfterEach
    void signOutAfter() {
        signOut(http);
    }


    static final Path GUIDE = Path.of("../../docs/onboarding.md");

    @Autowired
    TestRestTemplate http;

    @Test
    void quotesTheRejectionReasonsTheConnectorGives() throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        String t = newTenantId("guide");
        assertThat(http.postForEntity("/api/tenants", Map.of("id", t, "name", "Acme Distribuidora Ltda (teste)",
                "documento", "11.222.333/0001-81"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String csv = String.join("\r\n",
                "id_titulo;documento;emissao;vencimento;valor;cpf_cnpj;nome",
                "G-1;NF 1/1;10/03/2025;10/04/2025;1234.56;529.982.247-25;Maria da Conceição",
                "G-2;NF 2/1;10/03/2025;10/02/2025;100,00;529.982.247-25;Maria da Conceição",
                "G-3;NF 3/1;10/03/2025;10/04/2025;100,00;529.982.247-26;José Errado",
                "");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        ResponseEntity<JsonNode> res = http.postForEntity("/api/tenants/{t}/imports?fileName=titulos.csv",
                new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers), JsonNode.class, t);

        Map<String, String> reasons = new HashMap<>();
        res.getBody().path("rejections").forEach(r -> reasons.put(r.path("field").asText(), r.path("reason").asText()));
        assertThat(reasons).containsOnlyKeys("valor", "vencimento", "cpf_cnpj");
        reasons.forEach((field, reason) -> assertThat(guide).as(field).contains("`" + field + "` | `" + reason + "`"));
    }

    @Test
    void createsTheRehearsalTenantAndUsesReturnedIds() throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);

        assertThat(guide.indexOf("\"id\": \"acme-teste\"")).isPositive().isLessThan(guide.indexOf("/api/tenants/acme-teste/imports"));
        assertThat(guide).doesNotContain("imports/1 ").doesNotContain("\"bankAccountId\": 1}");
        assertThat(guide).contains("CNAB240_").contains("leaves nothing in `done/` or `error/`");
    }
}
