package br.com.recebiveishub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The REST API of the running hub, over real HTTP. */
class ApiTest extends HubIntegrationTest {

    @Autowired
    TestRestTemplate http;

    @Autowired
    Environment env;

    @LocalServerPort
    int port;

    /** Every call of this test carries a token of a user holding every role (authorization itself is SecurityMatrixTest's). */
    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        http.getRestTemplate().getInterceptors().removeIf(i -> i instanceof BearerInterceptor);
        String bearer = token(http, "it-all", "it-all-secret");
        http.getRestTemplate().getInterceptors().add(new BearerInterceptor(bearer));
    }

    @org.junit.jupiter.api.AfterEach
    void forget() {
        http.getRestTemplate().getInterceptors().removeIf(i -> i instanceof BearerInterceptor);
    }

    record BearerInterceptor(String token) implements org.springframework.http.client.ClientHttpRequestInterceptor {
        @Override
        public org.springframework.http.client.ClientHttpResponse intercept(org.springframework.http.HttpRequest request, byte[] body,
                org.springframework.http.client.ClientHttpRequestExecution execution) throws IOException {
            request.getHeaders().setBearerAuth(token);
            return execution.execute(request, body);
        }
    }

    @Test
    void servesTheOpenApiDocumentWithEveryResource() {
        ResponseEntity<JsonNode> res = http.getForEntity("/v3/api-docs", JsonNode.class);

        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> paths = new ArrayList<>();
        res.getBody().path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains(
                "/api/tenants",
                "/api/plugins",
                "/api/tenants/{tenantId}/receivables",
                "/api/tenants/{tenantId}/charges",
                "/api/tenants/{tenantId}/payments",
                "/api/tenants/{tenantId}/exceptions",
                "/api/tenants/{tenantId}/kpis",
                "/api/tenants/{tenantId}/imports");
        assertThat(res.getBody().path("paths").path("/api/tenants").has("post")).isTrue();
    }

    @Test
    void servesTheSwaggerUi() {
        ResponseEntity<String> res = http.getForEntity("/swagger-ui/index.html", String.class);

        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(res.getBody()).containsIgnoringCase("swagger");
    }

    @Test
    void refusesATenantWithAnInvalidCnpjNamingTheField() {
        ResponseEntity<JsonNode> res = http.postForEntity("/api/tenants",
                tenantBody(newTenantId("bad-cnpj"), "11.222.333/0001-00"), JsonNode.class);

        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(res.getBody().path("detail").asText()).startsWith("documento");
    }

    @Test
    void refusesATenantIdThatIsNotAPlainIdentifier() {
        ResponseEntity<JsonNode> res = http.postForEntity("/api/tenants", tenantBody("../x", "11.222.333/0001-81"), JsonNode.class);

        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(res.getBody().path("detail").asText()).startsWith("id");
        assertThat(http.getForEntity("/api/tenants/x", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void answersNotFoundForAnUnknownTenant() {
        String unknown = newTenantId("nobody");

        ResponseEntity<JsonNode> res = http.getForEntity("/api/tenants/{t}", JsonNode.class, unknown);

        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(res.getBody().path("detail").asText()).contains(unknown);
        assertThat(http.getForEntity("/api/tenants/{t}/receivables", JsonNode.class, unknown).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void createsATenantAndABankAccount() {
        String t = createTenant("api");

        ResponseEntity<JsonNode> tenant = http.getForEntity("/api/tenants/{t}", JsonNode.class, t);
        assertThat(tenant.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tenant.getBody().path("name").asText()).isEqualTo("Cliente API Ltda");
        assertThat(tenant.getBody().path("documento").asText()).isEqualTo("11222333000181");
        assertThat(tenant.getBody().path("defaultTermDays").asInt()).isEqualTo(30);

        Map<String, Object> account = Map.of("bankCode", "104", "agencia", "1234", "conta", "567890", "contaDv", "1",
                "carteira", "14", "convenio", "123456", "providerPluginId", "pay-boleto", "firstNossoNumero", 1000);
        ResponseEntity<JsonNode> created = http.postForEntity("/api/tenants/{t}/bank-accounts", account, JsonNode.class, t);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long id = created.getBody().path("id").asLong();

        ResponseEntity<JsonNode> list = http.getForEntity("/api/tenants/{t}/bank-accounts", JsonNode.class, t);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getBody()).hasSize(1);
        JsonNode a = list.getBody().get(0);
        assertThat(a.path("id").asLong()).isEqualTo(id);
        assertThat(a.path("bankCode").asText()).isEqualTo("104");
        assertThat(a.path("agencia").asText()).isEqualTo("1234");
        assertThat(a.path("conta").asText()).isEqualTo("567890");
        assertThat(a.path("convenio").asText()).isEqualTo("123456");
        assertThat(a.path("providerPluginId").asText()).isEqualTo("pay-boleto");
        assertThat(a.path("nextNossoNumero").asLong()).isEqualTo(1000);

        ResponseEntity<JsonNode> all = http.getForEntity("/api/tenants", JsonNode.class);
        assertThat(all.getBody().findValuesAsText("id")).contains(t);
    }

    @Test
    void refusesABankAccountWithABadBankCode() {
        String t = createTenant("api-bank");
        Map<String, Object> account = Map.of("bankCode", "1044", "agencia", "1234", "conta", "567890", "carteira", "14",
                "convenio", "123456", "providerPluginId", "pay-boleto");

        ResponseEntity<JsonNode> res = http.postForEntity("/api/tenants/{t}/bank-accounts", account, JsonNode.class, t);

        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(res.getBody().path("detail").asText()).startsWith("bankCode");
        assertThat(http.getForEntity("/api/tenants/{t}/bank-accounts", JsonNode.class, t).getBody()).isEmpty();
    }

    @Test
    void listsTheBundledPluginsStarted() {
        ResponseEntity<JsonNode> res = http.getForEntity("/api/plugins", JsonNode.class);

        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(plugin(res.getBody(), "erp-file")).hasValueSatisfying(p -> {
            assertThat(p.path("state").asText()).isEqualTo("STARTED");
            assertThat(texts(p.path("extensions"))).containsExactlyInAnyOrder("ErpConnector", "SourceFileGenerator");
        });
        assertThat(plugin(res.getBody(), "pay-boleto")).hasValueSatisfying(p -> {
            assertThat(p.path("state").asText()).isEqualTo("STARTED");
            assertThat(texts(p.path("extensions"))).containsExactlyInAnyOrder("PaymentProvider", "BankReturnSimulator",
                    "PayerDocumentRenderer", "PixQrRenderer");
        });
        assertThat(plugin(res.getBody(), "bank-ofx")).hasValueSatisfying(p -> {
            assertThat(p.path("state").asText()).isEqualTo("STARTED");
            assertThat(texts(p.path("extensions"))).containsExactlyInAnyOrder("StatementReader");
        });
        assertThat(plugin(res.getBody(), "pay-card")).hasValueSatisfying(p -> {
            assertThat(p.path("state").asText()).isEqualTo("STARTED");
            assertThat(texts(p.path("extensions"))).containsExactlyInAnyOrder("CardPaymentProvider");
        });
        assertThat(plugin(res.getBody(), "channel-email")).hasValueSatisfying(p -> {
            assertThat(p.path("state").asText()).isEqualTo("STARTED");
            assertThat(texts(p.path("extensions"))).containsExactlyInAnyOrder("MessageChannel");
        });
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
        // The check below is meaningful only if the port answers on loopback.
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            assertThat(s.isConnected()).isTrue();
        }
        Optional<InetAddress> external = nonLoopbackIpv4();
        if (external.isPresent()) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(external.get(), port), 2000);
                }
            }).as("port %d must not answer on %s", port, external.get())
                    .isInstanceOfAny(ConnectException.class, SocketTimeoutException.class);
        }
    }

    @Test
    void importsAnErpCsvAndQuarantinesTheBadRow() {
        String t = createTenant("api-import");
        String csv = String.join("\r\n",
                "id_titulo;documento;emissao;vencimento;valor;cpf_cnpj;nome",
                "CR-1;NF 10/1;10/03/2025;10/04/2025;1.234,56;529.982.247-25;Maria da Conceição",
                "CR-2;NF 10/2;10/03/2025;20/04/2025;75,00;529.982.247-26;José Errado",
                "CR-3;NF 11/1;2025-03-10;2025-05-10;980,00;11.222.333/0001-81;Padaria Pão Quente Ltda",
                "");

        ResponseEntity<JsonNode> res = upload(t, "titulos.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode report = res.getBody();
        assertThat(report.path("status").asText()).isEqualTo("PROCESSED");
        assertThat(report.path("pluginId").asText()).isEqualTo("erp-file");
        assertThat(report.path("fileName").asText()).isEqualTo("titulos.csv");
        assertThat(report.path("read").asInt()).isEqualTo(3);
        assertThat(report.path("created").asInt()).isEqualTo(2);
        assertThat(report.path("rejected").asInt()).isEqualTo(1);
        assertRejectedLine3(report.path("rejections"));
        long importId = report.path("id").asLong();

        JsonNode open = http.getForEntity("/api/tenants/{t}/receivables?status=OPEN", JsonNode.class, t).getBody();
        assertThat(open.path("total").asLong()).isEqualTo(2);
        JsonNode items = open.path("items");
        assertThat(texts(items.findValues("externalId"))).containsExactly("CR-1", "CR-3");
        assertThat(items.get(0).path("originalAmount").decimalValue()).isEqualByComparingTo(new BigDecimal("1234.56"));
        assertThat(items.get(0).path("openBalance").decimalValue()).isEqualByComparingTo(new BigDecimal("1234.56"));
        assertThat(items.get(0).path("dueDate").asText()).isEqualTo("2025-04-10");
        assertThat(items.get(0).path("documentNumber").asText()).isEqualTo("NF 10/1");
        assertThat(items.get(1).path("originalAmount").decimalValue()).isEqualByComparingTo(new BigDecimal("980.00"));
        assertThat(items.get(1).path("dueDate").asText()).isEqualTo("2025-05-10");
        assertThat(items.findValues("importId")).allSatisfy(id -> assertThat(id.asLong()).isEqualTo(importId));

        JsonNode april = http.getForEntity("/api/tenants/{t}/receivables?dueFrom=2025-04-01&dueTo=2025-04-30", JsonNode.class, t)
                .getBody();
        assertThat(texts(april.path("items").findValues("externalId"))).containsExactly("CR-1");
        JsonNode fromMay = http.getForEntity("/api/tenants/{t}/receivables?dueFrom=2025-05-10", JsonNode.class, t).getBody();
        assertThat(texts(fromMay.path("items").findValues("externalId"))).containsExactly("CR-3");
        JsonNode untilApril9 = http.getForEntity("/api/tenants/{t}/receivables?dueTo=2025-04-09", JsonNode.class, t).getBody();
        assertThat(untilApril9.path("total").asLong()).isZero();
        assertThat(http.getForEntity("/api/tenants/{t}/receivables?status=PAID", JsonNode.class, t).getBody().path("total").asLong())
                .isZero();

        ResponseEntity<JsonNode> again = http.getForEntity("/api/tenants/{t}/imports/{id}", JsonNode.class, t, importId);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().path("status").asText()).isEqualTo("PROCESSED");
        assertRejectedLine3(again.getBody().path("rejections"));

        // Another tenant cannot read this import.
        String other = createTenant("api-other");
        assertThat(http.getForEntity("/api/tenants/{t}/imports/{id}", JsonNode.class, other, importId).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void refusesAnUploadNameThatIsAPath() {
        String t = createTenant("api-traversal");

        ResponseEntity<JsonNode> res = upload(t, "../../etc/passwd", "id_titulo\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(res.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(res.getBody().path("detail").asText()).startsWith("fileName");
        assertThat(http.getForEntity("/api/tenants/{t}/imports", JsonNode.class, t).getBody()).isEmpty();
    }

    private static void assertRejectedLine3(JsonNode rejections) {
        assertThat(rejections).hasSize(1);
        JsonNode r = rejections.get(0);
        assertThat(r.path("line").asLong()).isEqualTo(3);
        assertThat(r.path("field").asText()).isEqualTo("cpf_cnpj");
        assertThat(r.path("record").asText()).contains("CR-2");
        assertThat(r.path("reason").asText()).isNotBlank().doesNotContain("52998224726");
    }

    private ResponseEntity<JsonNode> upload(String tenant, String fileName, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        return http.postForEntity("/api/tenants/{t}/imports?fileName={f}", new HttpEntity<>(body, headers), JsonNode.class,
                tenant, fileName);
    }

    private String createTenant(String prefix) {
        String id = newTenantId(prefix);
        ResponseEntity<JsonNode> res = http.postForEntity("/api/tenants", tenantBody(id, "11.222.333/0001-81"), JsonNode.class);
        assertThat(res.getStatusCode()).as("%s", res.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(res.getBody().path("id").asText()).isEqualTo(id);
        return id;
    }

    private static Map<String, Object> tenantBody(String id, String documento) {
        return Map.of("id", id, "name", "Cliente API Ltda", "documento", documento);
    }

    private static Optional<JsonNode> plugin(JsonNode list, String id) {
        for (JsonNode p : list) {
            if (id.equals(p.path("id").asText())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Optional<InetAddress> nonLoopbackIpv4() throws SocketException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
