package br.com.recebiveishub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.reconcile.ReconciliationResult;
import br.com.recebiveishub.hub.reconcile.ReconciliationService;
import br.com.recebiveishub.hub.tenant.BankAccountConfig;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.MovementKind;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import br.com.recebiveishub.sdk.model.SourceFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Bad query parameters are the client's 400 without Java internals; another tenant's return is a 404. */
class ApiErrorsTest extends HubIntegrationTest {

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
    TenantService tenants;
    @Autowired
    ReconciliationService reconciliation;
    @Autowired
    PluginRuntime plugins;
    @TempDir
    Path tmp;

    @Test
    void aPageBeyondTheLastRowAnIntCanAddressIsABadRequest() {
        String t = tenant("err-page");

        for (String path : List.of("/api/tenants/{t}/receivables?page=99999999", "/api/tenants/{t}/charges?page=99999999",
                "/api/tenants/{t}/receivables?page=2147483647&size=500")) {
            ResponseEntity<JsonNode> res = http.getForEntity(path, JsonNode.class, t);
            assertThat(res.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(res.getBody().path("detail").asText()).startsWith("page:");
        }
        assertThat(http.getForEntity("/api/tenants/{t}/receivables?page=3", JsonNode.class, t).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static org.springframework.http.HttpHeaders octets() {
        org.springframework.http.HttpHeaders h = new org.springframework.http.HttpHeaders();
        h.setContentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM);
        return h;
    }

    @Test
    void anInvalidParameterIsNamedWithoutJavaClassNames() {
        String t = tenant("err-param");

        ResponseEntity<JsonNode> status = http.getForEntity("/api/tenants/{t}/receivables?status=FOO", JsonNode.class, t);
        assertThat(status.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(status.getBody().path("detail").asText())
                .isEqualTo("parameter status: invalid value (one of OPEN, PARTIALLY_PAID, PAID, CANCELLED, WRITTEN_OFF)");

        ResponseEntity<JsonNode> page = http.getForEntity("/api/tenants/{t}/charges?page=abc", JsonNode.class, t);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getBody().path("detail").asText()).isEqualTo("parameter page: invalid value (a number)");

        ResponseEntity<JsonNode> date = http.getForEntity("/api/tenants/{t}/receivables?dueFrom=31/12/2026", JsonNode.class, t);
        assertThat(date.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(date.getBody().path("detail").asText()).startsWith("parameter dueFrom: invalid value");

        ResponseEntity<JsonNode> missing = http.exchange("/api/tenants/{t}/statements", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(new byte[] {1}, octets()), JsonNode.class, t);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody().path("detail").asText()).isEqualTo("parameter fileName: required");

        for (ResponseEntity<JsonNode> r : List.of(status, page, date)) {
            assertThat(r.getBody().toString()).doesNotContain("java.").doesNotContain("br.com.").doesNotContain("ReceivableStatus")
                    .doesNotContain("FOO").doesNotContain("abc");
        }
    }

    @Test
    void aReturnIsReadOnlyByItsTenant() throws Exception {
        String t = tenant("err-ret");
        BankAccountConfig account = tenants.addBankAccount(t, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14",
                "432100", "pay-boleto", 1L, null, null));
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).get(0).extension();
        LocalDate day = LocalDate.of(2026, 11, 19);
        Path file = tmp.resolve("ret.ret");
        Files.write(file, bank.simulateReturn(TenantService.toSdk(tenants.require(t), account), 1, day, List.of(
                new SimulatedMovement(new IssuedCharge("104", "777777", null, null, null), "AVULSO", MovementKind.SETTLED, day,
                        new BigDecimal("50.00"), new BigDecimal("50.00"), new BigDecimal("1.25"), day, day.plusDays(1)))));
        ReconciliationResult r = reconciliation.processReturn(t, new SourceFile("ret.ret", file));
        long id = r.importReport().id();

        ResponseEntity<JsonNode> own = http.getForEntity("/api/tenants/{t}/returns/{id}", JsonNode.class, t, id);
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(own.getBody().path("importReport").path("id").asLong()).isEqualTo(id);

        String other = tenant("err-other");
        ResponseEntity<JsonNode> foreign = http.getForEntity("/api/tenants/{t}/returns/{id}", JsonNode.class, other, id);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.getBody().path("detail").asText()).isEqualTo("return import " + id + " not found");

        ResponseEntity<JsonNode> unknown = http.getForEntity("/api/tenants/{t}/returns/{id}", JsonNode.class, t, Long.MAX_VALUE);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().path("detail").asText()).isEqualTo("return import " + Long.MAX_VALUE + " not found");

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        byte[] csv = "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome\r\nE1;01/11/2026;20/11/2026;10,00;12345678909;Ana Souza\r\n"
                .getBytes(StandardCharsets.UTF_8);
        long erpImport = http.postForEntity("/api/tenants/{t}/imports?fileName=e.csv", new HttpEntity<>(csv, headers), JsonNode.class, t)
                .getBody().path("id").asLong();
        assertThat(http.getForEntity("/api/tenants/{t}/returns/{id}", JsonNode.class, t, erpImport).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private String tenant(String prefix) {
        String id = newTenantId(prefix);
        tenants.create(id, "Cliente Erros Ltda", "11222333000181", 30, null);
        return id;
    }
}
