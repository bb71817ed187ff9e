package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The authorization matrix as the tests expect it, written independently of the code's
 * AccessRules (it is the table of docs/security.md): for every endpoint, the roles that may call
 * it. {@link #walk} calls every endpoint with every role and without a token.
 */
final class AuthorizationMatrix {

    static final String ADM = "hub-admin";
    static final String IMP = "implementer";
    static final String COL = "collector";
    static final String SUP = "supervisor";
    static final String AUD = "auditor";
    static final String VIE = "client-viewer";
    static final List<String> ALL = List.of(ADM, IMP, COL, SUP, AUD, VIE);

    /** One endpoint: method, path template (for the OpenAPI cross-check), concrete path, body, allowed roles. */
    record Endpoint(HttpMethod method, String template, Function<SecurityFixture.Ids, String> path,
                    Function<SecurityFixture.Ids, HttpEntity<?>> body, Set<String> allowed, boolean pathToken) {
        Endpoint(HttpMethod method, String template, Function<SecurityFixture.Ids, String> path,
                 Function<SecurityFixture.Ids, HttpEntity<?>> body, Set<String> allowed) {
            this(method, template, path, body, allowed, false);
        }
    }

    static final String T = "/api/tenants/{tenantId}";

    /** A valid PSP account for the pay-pix plugin (secrets included: the PUT repeats; the GET never shows them). */
    static final Map<String, Object> PIX_SETTINGS = Map.of("apiBaseUrl", "https://psp.example.com.br/api/v2",
            "tokenUrl", "https://psp.example.com.br/oauth/token", "clientId", "hub-client", "clientSecret", "s3cr3t-do-psp",
            "keystore", "/etc/hub/psp-client.p12", "keystorePassword", "senha-do-p12",
            "pixKey", "11222333000181", "merchantName", "CLIENTE LTDA", "merchantCity", "SAO PAULO");

    static List<Endpoint> endpoints() {
        List<Endpoint> e = new ArrayList<>();
        e.add(get("/api/plugins", ids -> "/api/plugins", ADM, IMP, AUD));
        // The lifecycle on a plugin of its own (a copy of bank-ofx named matrix-ofx, a newer version each call).
        e.add(new Endpoint(HttpMethod.POST, "/api/plugins", ids -> "/api/plugins?fileName=matrix-ofx.zip",
                ids -> octets(renamedPlugin("bank-ofx", "matrix-ofx", "1.0." + System.nanoTime())), Set.of(ADM)));
        e.add(new Endpoint(HttpMethod.POST, "/api/plugins/{pluginId}/disable", ids -> "/api/plugins/matrix-ofx/disable",
                ids -> HttpEntity.EMPTY, Set.of(ADM)));
        e.add(new Endpoint(HttpMethod.POST, "/api/plugins/{pluginId}/enable", ids -> "/api/plugins/matrix-ofx/enable",
                ids -> HttpEntity.EMPTY, Set.of(ADM)));
        e.add(new Endpoint(HttpMethod.DELETE, "/api/plugins/{pluginId}", ids -> "/api/plugins/matrix-ofx",
                ids -> HttpEntity.EMPTY, Set.of(ADM)));
        e.add(get("/api/plugins/{pluginId}/config-schema", ids -> "/api/plugins/pay-pix/config-schema", ADM, IMP));
        e.add(get("/api/tenants", ids -> "/api/tenants", ALL.toArray(String[]::new)));
        e.add(new Endpoint(HttpMethod.POST, "/api/tenants", ids -> "/api/tenants",
                ids -> json(Map.of("id", "new-" + UUID.randomUUID().toString().substring(0, 8), "name", "Novo Cliente Ltda",
                        "documento", "11222333000181")), Set.of(ADM, IMP)));
        e.add(get(T, ids -> "/api/tenants/" + ids.tenant(), ALL.toArray(String[]::new)));
        e.add(get(T + "/bank-accounts", ids -> t(ids) + "/bank-accounts", ADM, IMP, SUP, AUD));
        e.add(new Endpoint(HttpMethod.POST, T + "/bank-accounts", ids -> t(ids) + "/bank-accounts",
                ids -> json(Map.of("bankCode", "001", "agencia", "1234", "conta", String.valueOf(System.nanoTime() % 100000000),
                        "carteira", "17", "convenio", "1234567", "providerPluginId", "pay-boleto")), Set.of(ADM, IMP)));
        e.add(get(T + "/plugins/{pluginId}/config", ids -> t(ids) + "/plugins/pay-pix/config", IMP, SUP));
        e.add(new Endpoint(HttpMethod.PUT, T + "/plugins/{pluginId}/config", ids -> t(ids) + "/plugins/pay-pix/config",
                // every secret a tenant may hold given again: these settings move the PSP's address, and a stored secret is
                // never kept for a new address (PluginConfigs)
                ids -> {
                    Map<String, Object> body = new java.util.HashMap<>(PIX_SETTINGS);
                    body.put("truststorePassword", "senha-da-cadeia");
                    return json(body);
                }, Set.of(IMP)));
        // Onboarding an ERP API connector (the test plugin erp-memory, enabled and configured by the fixture).
        e.add(get(T + "/plugins", ids -> t(ids) + "/plugins", ADM, IMP, SUP, AUD));
        e.add(new Endpoint(HttpMethod.PUT, T + "/plugins/{pluginId}/enablement", ids -> t(ids) + "/plugins/erp-memory/enablement",
                ids -> json(Map.of("enabled", true)), Set.of(IMP)));
        e.add(new Endpoint(HttpMethod.POST, T + "/plugins/{pluginId}/check", ids -> t(ids) + "/plugins/erp-memory/check",
                ids -> HttpEntity.EMPTY, Set.of(IMP)));
        e.add(new Endpoint(HttpMethod.PUT, T + "/syncs/{pluginId}", ids -> t(ids) + "/syncs/erp-memory",
                ids -> json(Map.of("intervalMinutes", 1440, "enabled", false)), Set.of(IMP)));
        e.add(new Endpoint(HttpMethod.POST, T + "/syncs/{pluginId}/run", ids -> t(ids) + "/syncs/erp-memory/run",
                ids -> HttpEntity.EMPTY, Set.of(IMP, SUP)));
        e.add(new Endpoint(HttpMethod.POST, T + "/syncs/{pluginId}/dry-run", ids -> t(ids) + "/syncs/erp-memory/dry-run",
                ids -> HttpEntity.EMPTY, Set.of(IMP)));
        e.add(get(T + "/syncs", ids -> t(ids) + "/syncs", ADM, IMP, SUP, AUD));
        e.add(get(T + "/syncs/{pluginId}", ids -> t(ids) + "/syncs/erp-memory", ADM, IMP, SUP, AUD));
        e.add(get(T + "/dead-letters", ids -> t(ids) + "/dead-letters", IMP, SUP, AUD));
        e.add(new Endpoint(HttpMethod.POST, T + "/dead-letters/{id}/replay", ids -> t(ids) + "/dead-letters/" + ids.get("deadLetter") + "/replay",
                ids -> HttpEntity.EMPTY, Set.of(IMP, SUP)));
        e.add(get(T + "/write-backs", ids -> t(ids) + "/write-backs", IMP, SUP, AUD));
        e.add(get(T + "/imports", ids -> t(ids) + "/imports", ADM, IMP, SUP, AUD));
        e.add(get(T + "/imports/{id}", ids -> t(ids) + "/imports/" + ids.get("import"), ADM, IMP, SUP, AUD));
        e.add(new Endpoint(HttpMethod.POST, T + "/imports", ids -> t(ids) + "/imports?fileName=matrix.csv",
                ids -> octets(("id_titulo;emissao;vencimento;valor;cpf_cnpj;nome\nM-" + UUID.randomUUID()
                        + ";01/11/2026;01/12/2026;10,00;12345678909;Ana Souza\n").getBytes(StandardCharsets.UTF_8)), Set.of(IMP)));
        e.add(get(T + "/receivables", ids -> t(ids) + "/receivables", ADM, IMP, COL, SUP, AUD, VIE));
        e.add(get(T + "/receivables/{id}", ids -> t(ids) + "/receivables/" + ids.get("receivable"), ADM, IMP, COL, SUP, AUD, VIE));
        // Sensitive writes: each on a receivable of its own; repeating one (the next allowed role) changes nothing and answers 200.
        e.add(new Endpoint(HttpMethod.POST, T + "/receivables/{id}/cancellation",
                ids -> t(ids) + "/receivables/" + ids.get("receivable3") + "/cancellation",
                ids -> json(Map.of("reason", "emitido em duplicidade pelo ERP")), Set.of(SUP)));
        e.add(new Endpoint(HttpMethod.POST, T + "/receivables/{id}/write-off",
                ids -> t(ids) + "/receivables/" + ids.get("receivable4") + "/write-off",
                ids -> json(Map.of("reason", "devedor em recuperação judicial")), Set.of(SUP)));
        e.add(new Endpoint(HttpMethod.PATCH, T + "/receivables/{id}", ids -> t(ids) + "/receivables/" + ids.get("receivable5"),
                ids -> json(Map.of("reason", "número da NF corrigido pelo cliente", "documentNumber", "NF-5-CORR")), Set.of(IMP, SUP)));
        e.add(new Endpoint(HttpMethod.POST, T + "/allocations", ids -> t(ids) + "/allocations",
                ids -> {
                    HttpHeaders h = new HttpHeaders();
                    h.setContentType(MediaType.APPLICATION_JSON);
                    h.set("Idempotency-Key", "matrix-" + ids.tenant());
                    return new HttpEntity<>(Map.of("paymentId", ids.get("unmatchedPayment"), "receivableId", ids.get("receivable5"),
                            "amount", "0.01", "reason", "depósito identificado pelo cliente"), h);
                }, Set.of(COL, SUP)));
        e.add(get(T + "/customers/{id}", ids -> t(ids) + "/customers/" + ids.get("customer"), IMP, COL, SUP, AUD));
        e.add(get(T + "/charges", ids -> t(ids) + "/charges", ADM, IMP, COL, SUP, AUD));
        e.add(get(T + "/charges/{id}", ids -> t(ids) + "/charges/" + ids.get("charge"), ADM, IMP, COL, SUP, AUD));
        e.add(new Endpoint(HttpMethod.POST, T + "/charges/boletos", ids -> t(ids) + "/charges/boletos",
                ids -> json(Map.of("bankAccountId", ids.get("bankAccount"))), Set.of(IMP, COL, SUP)));
        e.add(new Endpoint(HttpMethod.POST, T + "/charges/{id}/cancellation", ids -> t(ids) + "/charges/" + ids.get("liveCharge")
                + "/cancellation", ids -> json(Map.of("reason", "cliente pagou por depósito")), Set.of(SUP)));
        // Pix: the fixture tenant's PSP account is (re)pointed at the test PSP simulator before each call
        // (the PUT .../plugins/pay-pix/config row above saves a fake PSP).
        e.add(new Endpoint(HttpMethod.POST, T + "/charges/pix", ids -> t(ids) + "/charges/pix",
                ids -> json(Map.of("receivableId", SecurityFixture.pixReady(ids).get("receivable2"))), Set.of(IMP, COL, SUP)));
        e.add(new Endpoint(HttpMethod.POST, T + "/pix/webhook", ids -> t(ids) + "/pix/webhook",
                ids -> json(Map.of("tenant", SecurityFixture.pixReady(ids).tenant())), Set.of(IMP)));
        // The PSP's webhook: no bearer token is looked at; without the registered path token everyone gets 401.
        e.add(new Endpoint(HttpMethod.POST, "/webhooks/pix/{tenantId}/{token}/pix",
                ids -> "/webhooks/pix/" + ids.tenant() + "/not-the-registered-token-0123456789/pix",
                ids -> json(Map.of("pix", List.of())), Set.of(), true));
        e.add(get(T + "/charges/{id}/boleto.pdf", ids -> t(ids) + "/charges/" + ids.get("issuedCharge") + "/boleto.pdf", IMP, COL, SUP));
        // Card charges and links against the Mercado Pago simulator (the fixture saves the tenant's pay-card settings). Every
        // role sends the same Idempotency-Key (a payment left in review): the first makes the charge (201), the others get it
        // back (200) — a new key while it is in review is refused, as it would charge the payer twice; a link repeated
        // returns the live one (200).
        e.add(new Endpoint(HttpMethod.POST, T + "/charges/card", ids -> t(ids) + "/charges/card", ids -> {
            SecurityFixture.Ids ready = SecurityFixture.cardReady(ids);
            HttpHeaders h = new HttpHeaders();
            h.setContentType(MediaType.APPLICATION_JSON);
            h.set("Idempotency-Key", "matrix-card-" + ready.tenant());
            return new HttpEntity<>(Map.of("receivableId", ready.get("receivable2"), "cardToken",
                    br.com.recebiveishub.hub.card.CardTestGateway.gateway().cardToken("CONT")), h);
        }, Set.of(IMP, COL, SUP)));
        e.add(new Endpoint(HttpMethod.POST, T + "/charges/payment-link", ids -> t(ids) + "/charges/payment-link",
                ids -> json(Map.of("receivableId", SecurityFixture.cardReady(ids).get("receivable2"))), Set.of(IMP, COL, SUP)));
        e.add(new Endpoint(HttpMethod.POST, T + "/card/webhook", ids -> t(ids) + "/card/webhook",
                ids -> json(Map.of("tenant", SecurityFixture.cardReady(ids).tenant())), Set.of(IMP)));
        // A refund of 0.01 of a paid card charge, a new Idempotency-Key each call (supervisors only: money goes back).
        e.add(new Endpoint(HttpMethod.POST, T + "/charges/{id}/refunds", ids -> t(ids) + "/charges/" + SecurityFixture.paidCardCharge(ids)
                + "/refunds", ids -> {
            HttpHeaders h = new HttpHeaders();
            h.setContentType(MediaType.APPLICATION_JSON);
            h.set("Idempotency-Key", UUID.randomUUID().toString());
            return new HttpEntity<>(Map.of("amount", "0.01", "reason", "matriz de autorizacao: devolucao de teste"), h);
        }, Set.of(SUP)));
        // The gateway's webhook: no bearer token; a path token that is not the tenant's is 401 for everyone.
        e.add(new Endpoint(HttpMethod.POST, "/webhooks/card/{tenantId}/{token}",
                ids -> "/webhooks/card/" + ids.tenant() + "/not-the-registered-token-0123456789",
                ids -> json(Map.of("type", "payment")), Set.of(), true));
        e.add(get(T + "/charges/{id}/pix-qr.png", ids -> t(ids) + "/charges/" + ids.get("issuedCharge") + "/pix-qr.png", IMP, COL, SUP));
        e.add(get(T + "/remessas", ids -> t(ids) + "/remessas", IMP, SUP, AUD));
        e.add(get(T + "/remessas/{id}/file", ids -> t(ids) + "/remessas/" + ids.get("remessa") + "/file", IMP, SUP, AUD));
        e.add(get(T + "/payments", ids -> t(ids) + "/payments", IMP, COL, SUP, AUD));
        e.add(new Endpoint(HttpMethod.POST, T + "/returns", ids -> t(ids) + "/returns?fileName=vazio.ret",
                ids -> octets("nada".getBytes(StandardCharsets.UTF_8)), Set.of(IMP, SUP)));
        e.add(get(T + "/returns/{importId}", ids -> t(ids) + "/returns/" + ids.get("returnImport"), IMP, COL, SUP, AUD));
        e.add(new Endpoint(HttpMethod.POST, T + "/statements", ids -> t(ids) + "/statements?fileName=vazio.ofx",
                ids -> octets("nada".getBytes(StandardCharsets.UTF_8)), Set.of(IMP, SUP)));
        e.add(get(T + "/statements/{importId}", ids -> t(ids) + "/statements/" + ids.get("statementImport"), IMP, COL, SUP, AUD));
        e.add(get(T + "/exceptions", ids -> t(ids) + "/exceptions", IMP, COL, SUP, AUD));
        e.add(get(T + "/kpis", ids -> t(ids) + "/kpis", ALL.toArray(String[]::new)));
        e.add(get(T + "/audit/receivables/{id}/history", ids -> t(ids) + "/audit/receivables/" + ids.get("receivable") + "/history", AUD, SUP));
        e.add(get(T + "/audit/revisions", ids -> t(ids) + "/audit/revisions?format=csv", AUD));
        e.add(get("/api/audit/search", ids -> "/api/audit/search?tenant=" + ids.tenant() + "&debtor=12345678909&format=csv", AUD));
        e.add(get("/api/audit/verify", ids -> "/api/audit/verify?tenant=" + ids.tenant(), AUD, ADM));
        e.add(get("/api/audit/public-key", ids -> "/api/audit/public-key", AUD, ADM));
        return e;
    }

    private static String t(SecurityFixture.Ids ids) {
        return "/api/tenants/" + ids.tenant();
    }

    private static Endpoint get(String template, Function<SecurityFixture.Ids, String> path, String... roles) {
        return new Endpoint(HttpMethod.GET, template, path, ids -> HttpEntity.EMPTY, Set.of(roles));
    }

    private static HttpEntity<?> json(Object body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, h);
    }

    /** A bundled plugin's zip with another id and version in its plugin.properties. */
    static byte[] renamedPlugin(String bundledId, String newId, String version) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                java.nio.file.Files.newInputStream(java.nio.file.Path.of("target/plugins", bundledId + "-plugin.zip")));
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                byte[] content = in.readAllBytes();
                if (e.getName().equals("plugin.properties")) {
                    content = new String(content, StandardCharsets.ISO_8859_1)
                            .replaceAll("(?m)^plugin.id=.*$", "plugin.id=" + newId)
                            .replaceAll("(?m)^plugin.version=.*$", "plugin.version=" + version).getBytes(StandardCharsets.ISO_8859_1);
                }
                out.write(content);
                out.closeEntry();
            }
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    private static HttpEntity<?> octets(byte[] body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        return new HttpEntity<>(body, h);
    }

    /**
     * Calls every endpoint without a token (401), and with each role's token: 2xx for an allowed
     * role, 403 otherwise.
     *
     * @param tokens a token per role, for users who are members of {@code ids.tenant()}
     */
    static void walk(TestRestTemplate http, SecurityFixture.Ids ids, Map<String, String> tokens) {
        Map<String, SecurityFixture.Ids> perRole = new java.util.HashMap<>();
        ALL.forEach(r -> perRole.put(r, ids));
        walk(http, perRole, tokens);
    }

    /** As {@link #walk(TestRestTemplate, SecurityFixture.Ids, Map)}, each role on a tenant it is a member of. */
    static void walk(TestRestTemplate http, Map<String, SecurityFixture.Ids> idsPerRole, Map<String, String> tokens) {
        List<String> failures = new ArrayList<>();
        SecurityFixture.Ids any = idsPerRole.get(IMP);
        for (Endpoint e : endpoints()) {
            String anonymousPath = e.path().apply(any);
            ResponseEntity<String> anonymous = http.exchange(anonymousPath, e.method(), withToken(e.body().apply(any), null), String.class);
            if (anonymous.getStatusCode().value() != 401) {
                failures.add(e.method() + " " + anonymousPath + " without token: " + anonymous.getStatusCode().value());
            }
            for (String role : ALL) {
                SecurityFixture.Ids ids = idsPerRole.get(role);
                String path = e.path().apply(ids);
                ResponseEntity<String> res = http.exchange(path, e.method(), withToken(e.body().apply(ids), tokens.get(role)), String.class);
                int code = res.getStatusCode().value();
                boolean ok = e.pathToken() ? code == 401 : e.allowed().contains(role) ? code >= 200 && code < 300 : code == 403;
                if (!ok) {
                    failures.add(e.method() + " " + path + " as " + role + ": " + code + " (expected "
                            + (e.pathToken() ? "401" : e.allowed().contains(role) ? "2xx" : "403") + ") " + String.valueOf(res.getBody()).substring(0, Math.min(200, String.valueOf(res.getBody()).length())));
                }
            }
        }
        assertThat(failures).as("authorization matrix violations").isEmpty();
    }

    static HttpEntity<?> withToken(HttpEntity<?> entity, String token) {
        HttpHeaders h = new HttpHeaders();
        h.putAll(entity.getHeaders());
        if (token != null) {
            h.setBearerAuth(token);
        }
        return new HttpEntity<>(entity.getBody(), h);
    }
}
