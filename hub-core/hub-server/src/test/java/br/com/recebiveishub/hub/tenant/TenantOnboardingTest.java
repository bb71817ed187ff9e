package br.com.recebiveishub.hub.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Onboarding refuses, naming the field, what the hub could not charge or print; a repeated account is a conflict. */
class TenantOnboardingTest extends HubIntegrationTest {

    /** A user with every role: authorization itself is SecurityMatrixTest's. */
    @org.junit.jupiter.api.BeforeEach
    void signInAsEveryRole() {
        signIn(http, "it-all", "it-all-secret");
    }

    @org.junit.jupiter.api.AfterEach
    void signOutAfter() {
        signOut(http);
    }


    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void refusesABankNoStartedProviderServes() {
        String t = createTenant("ob-bank");

        assertRefused(t, account(Map.of("bankCode", "999")), "bankCode");
        assertRefused(t, account(Map.of("providerPluginId", "pay-nothing")), "providerPluginId");
        assertRefused(t, account(Map.of("providerPluginId", "erp-file")), "providerPluginId"); // started, but not a payment provider
        assertThat(accounts(t)).isEmpty();

        assertThat(post(t, account(Map.of("bankCode", "001"))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void capsTheFineAtTwoPercentAndTheInterestAtOnePercentAMonth() {
        String t = createTenant("ob-rates");

        assertRefused(t, account(Map.of("finePercent", 2.5)), "finePercent");
        assertRefused(t, account(Map.of("finePercent", -1)), "finePercent");
        assertRefused(t, account(Map.of("monthlyInterestPercent", 1.5)), "monthlyInterestPercent");
        assertRefused(t, account(Map.of("monthlyInterestPercent", -0.01)), "monthlyInterestPercent");
        assertThat(accounts(t)).isEmpty();

        ResponseEntity<JsonNode> ok = post(t, account(Map.of("finePercent", 2, "monthlyInterestPercent", 1)));
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(ok.getBody().path("finePercent").decimalValue()).isEqualByComparingTo("2");
        assertThat(ok.getBody().path("monthlyInterestPercent").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void keepsTheFirstNossoNumeroWithinFifteenDigits() {
        String t = createTenant("ob-nn");

        assertRefused(t, account(Map.of("firstNossoNumero", 0)), "firstNossoNumero");
        assertRefused(t, account(Map.of("firstNossoNumero", 1_000_000_000_000_000L)), "firstNossoNumero");

        ResponseEntity<JsonNode> ok = post(t, account(Map.of("firstNossoNumero", 999_999_999_999_999L)));
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(ok.getBody().path("nextNossoNumero").asLong()).isEqualTo(999_999_999_999_999L);
    }

    @Test
    void refusesFieldsLongerThanTheBankLayoutInsteadOfFailing() {
        String t = createTenant("ob-len");

        assertRefused(t, account(Map.of("agencia", "123456")), "agencia");
        assertRefused(t, account(Map.of("conta", "1234567890123")), "conta");
        assertRefused(t, account(Map.of("carteira", "1234")), "carteira");
        assertRefused(t, account(Map.of("contaDv", "12")), "contaDv");
        assertThat(accounts(t)).isEmpty();
    }

    @Test
    void aRepeatedAccountIsAConflict() {
        String t = createTenant("ob-dup");
        assertThat(post(t, account(Map.of())).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> again = post(t, account(Map.of("convenio", "999999", "firstNossoNumero", 5000)));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().path("detail").asText()).contains("already has");
        assertThat(accounts(t)).hasSize(1);
        // another carteira at the same agência and conta is another account
        assertThat(post(t, account(Map.of("carteira", "1"))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void keepsTheAddressComplementoAndChecksUfAndCep() {
        String id = newTenantId("ob-addr");
        Map<String, Object> endereco = new HashMap<>(Map.of("logradouro", "Avenida Paulista", "numero", "1000",
                "complemento", "conj. 101", "bairro", "Bela Vista", "municipio", "São Paulo", "uf", "SP", "cep", "01310-100"));

        ResponseEntity<JsonNode> created = http.postForEntity("/api/tenants", tenant(id, endereco), JsonNode.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode e = http.getForEntity("/api/tenants/{t}", JsonNode.class, id).getBody().path("endereco");
        assertThat(e.path("complemento").asText()).isEqualTo("conj. 101");
        assertThat(e.path("cep").asText()).isEqualTo("01310100");
        assertThat(e.path("uf").asText()).isEqualTo("SP");
        assertThat(jdbc.queryForObject("select complemento from tenant_aud where id = ?", String.class, id)).isEqualTo("conj. 101");

        endereco.put("uf", "XX");
        assertTenantRefused(tenant(newTenantId("ob-uf"), endereco), "endereco.uf");
        endereco.put("uf", "SP");
        endereco.put("cep", "0131010");
        assertTenantRefused(tenant(newTenantId("ob-cep"), endereco), "endereco.cep");
        endereco.put("cep", "01310-1000");
        assertTenantRefused(tenant(newTenantId("ob-cep"), endereco), "endereco.cep");
    }

    private void assertTenantRefused(Map<String, Object> body, String field) {
        ResponseEntity<JsonNode> res = http.postForEntity("/api/tenants", body, JsonNode.class);
        assertThat(res.getStatusCode()).as("%s", res.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(res.getBody().path("detail").asText()).startsWith(field + ":");
        assertThat(http.getForEntity("/api/tenants/{t}", JsonNode.class, body.get("id")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private void assertRefused(String tenant, Map<String, Object> account, String field) {
        ResponseEntity<JsonNode> res = post(tenant, account);
        assertThat(res.getStatusCode()).as("%s", res.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(res.getBody().path("detail").asText()).startsWith(field + ":");
    }

    private ResponseEntity<JsonNode> post(String tenant, Map<String, Object> account) {
        return http.postForEntity("/api/tenants/{t}/bank-accounts", account, JsonNode.class, tenant);
    }

    private JsonNode accounts(String tenant) {
        return http.getForEntity("/api/tenants/{t}/bank-accounts", JsonNode.class, tenant).getBody();
    }

    private static Map<String, Object> account(Map<String, Object> overrides) {
        Map<String, Object> a = new HashMap<>(Map.of("bankCode", "104", "agencia", "1234", "conta", "567890", "contaDv", "1",
                "carteira", "14", "convenio", "123456", "providerPluginId", "pay-boleto", "firstNossoNumero", 1000));
        a.putAll(overrides);
        return a;
    }

    private static Map<String, Object> tenant(String id, Map<String, Object> endereco) {
        return Map.of("id", id, "name", "Cliente Onboarding Ltda", "documento", "11.222.333/0001-81", "endereco", endereco);
    }

    private String createTenant(String prefix) {
        String id = newTenantId(prefix);
        ResponseEntity<JsonNode> res = http.postForEntity("/api/tenants", Map.of("id", id, "name", "Cliente Onboarding Ltda",
                "documento", "11.222.333/0001-81"), JsonNode.class);
        assertThat(res.getStatusCode()).as("%s", res.getBody()).isEqualTo(HttpStatus.CREATED);
        return id;
    }
}
