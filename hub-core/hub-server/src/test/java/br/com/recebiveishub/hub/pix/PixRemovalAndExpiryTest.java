package br.com.recebiveishub.hub.pix;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.reconcile.ReconciliationService;
import br.com.recebiveishub.hub.tenant.BankAccountConfig;
import br.com.recebiveishub.hub.tenant.PluginConfigs;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.MovementKind;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.pix.PixPspSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Boleto and Pix on one receivable, the boleto paid first: the bank return's settlement asks for
 * the live cob's removal (REMOVAL_REQUESTED, in its revision) and the janitor PATCHes it at the PSP
 * simulator (API Pix, validated against the OpenAPI), through an outage, or settles the Pix that
 * was paid before the removal as an exception. An immediate cob past its expiration is EXPIRED; a
 * charge with a due date is a cobv with the bank account's fine (2 %) and interest (1 % a month).
 */
class PixRemovalAndExpiryTest extends HubIntegrationTest {

    private static final LocalDate DUE = LocalDate.of(2026, 12, 20);
    private static final AtomicInteger RETURNS = new AtomicInteger();
    private static String tenant;
    private static BankAccountConfig account;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantService tenants;
    @Autowired
    IngestService ingest;
    @Autowired
    PluginConfigs configs;
    @Autowired
    PixWebhooks webhooks;
    @Autowired
    PixJanitor janitor;
    @Autowired
    PixChargeService charges;
    @Autowired
    ReconciliationService reconciliation;
    @Autowired
    PluginRuntime plugins;

    private PixPspSimulator psp;

    @BeforeEach
    void tenantWithBankAndPixAccounts() {
        psp = PixTestPsp.psp();
        if (tenant == null) {
            tenant = newTenantId("pixrm");
            tenants.create(tenant, "Cliente Boleto e Pix Ltda", "11222333000181", 30, null);
            account = tenants.addBankAccount(tenant, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14", "432100",
                    "pay-boleto", 1L, new BigDecimal("2.00"), new BigDecimal("1.00")));
            PixTestPsp.configure(tenant, configs, true);
        }
        // no webhook delivery: what happens here is the janitor's work
        webhooks.register(tenant, URI.create("https://127.0.0.1:9"));
    }

    @AfterEach
    void simulatorWroteOnlyWhatTheSpecAllows() {
        assertThat(psp.specViolations()).isEmpty();
    }

    /** A receivable of Ana Souza charged by a registered Caixa boleto (imported with the ERP export); returns its id. */
    private long receivableWithBoleto(String amount, String nossoNumero) throws Exception {
        String ext = "RM-" + System.nanoTime();
        Path csv = Files.createTempDirectory("pixrm").resolve(ext + ".csv");
        Files.writeString(csv, "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;banco;nosso_numero\n" + ext + ";01/11/2026;20/12/2026;"
                + amount + ";12345678909;Ana Souza;104;" + nossoNumero + "\n", StandardCharsets.UTF_8);
        ingest.importFile(tenant, new SourceFile(csv.getFileName().toString(), csv));
        return jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = ?", Long.class, tenant, ext);
    }

    private JsonNode issuePix(long receivableId, int expiresInSeconds) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.setBearerAuth(token(http, "it-all", "it-all-secret"));
        return http.exchange("/api/tenants/" + tenant + "/charges/pix", HttpMethod.POST,
                new HttpEntity<>(Map.of("receivableId", receivableId, "expiresInSeconds", expiresInSeconds), h), JsonNode.class).getBody();
    }

    /** The bank's return settling the boleto {@code nossoNumero} with {@code paid}. */
    private void boletoPaid(String nossoNumero, String paid) throws Exception {
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).get(0).extension();
        LocalDate paidOn = DUE.minusDays(2);
        SimulatedMovement settled = new SimulatedMovement(new IssuedCharge("104", nossoNumero, null, null, null), "S" + nossoNumero,
                MovementKind.SETTLED, DUE, new BigDecimal(paid), new BigDecimal(paid), new BigDecimal("1.25"), paidOn, paidOn.plusDays(1));
        int seq = RETURNS.incrementAndGet();
        Path f = Files.createTempDirectory("ret").resolve("ret" + seq + ".ret");
        Files.write(f, bank.simulateReturn(TenantService.toSdk(tenants.require(tenant), account), seq, paidOn, List.of(settled)));
        reconciliation.processReturn(tenant, new SourceFile(f.getFileName().toString(), f));
    }

    private String status(long chargeId) {
        return jdbc.queryForObject("select status from charge where id = ?", String.class, chargeId);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private static String nossoNumero() {
        return String.valueOf(100_000 + System.nanoTime() % 800_000);
    }

    @Test
    void aBoletoPaidFirstRemovesTheLiveCobAtThePspEvenThroughAnOutage() throws Exception {
        String nn = nossoNumero();
        long r = receivableWithBoleto("88,00", nn);
        JsonNode pix = issuePix(r, 3600);
        long pixCharge = pix.path("id").asLong();
        String txid = pix.path("txid").asText();
        assertThat(pix.path("status").asText()).isEqualTo("PENDING");

        boletoPaid(nn, "88.00");
        assertThat(jdbc.queryForObject("select status from receivable where id = ?", String.class, r)).isEqualTo("PAID");
        assertThat(status(pixCharge)).isEqualTo("REMOVAL_REQUESTED");
        long paymentRev = jdbc.queryForObject("select a.rev from payment_aud a join payment p on p.id = a.id where p.tenant_id = ? "
                + "and p.nosso_numero = ?", Long.class, tenant, nn);
        assertThat(count("select count(*) from charge_aud where id = ? and rev = ? and status = 'REMOVAL_REQUESTED'", pixCharge, paymentRev))
                .as("requested in the settlement's revision").isEqualTo(1);
        assertThat(psp.charge(txid).path("status").asText()).as("the PSP knows nothing yet").isEqualTo("ATIVA");

        // the PSP is down: the removal is not lost, it stays requested and is tried again
        psp.failNext(1, 503);
        try (AuditContext.Scope s = AuditContext.open("system", tenant, "pix janitor", "pix-janitor")) {
            PixChargeService.CheckResult during = charges.check(tenant, pixCharge);
            assertThat(during.statusAfter()).isEqualTo("REMOVAL_REQUESTED");
        }
        assertThat(psp.charge(txid).path("status").asText()).isEqualTo("ATIVA");
        assertThat(jdbc.queryForObject("select next_check_at > now() from charge where id = ?", Boolean.class, pixCharge)).isTrue();

        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofDays(1)))).anySatisfy(c -> {
            assertThat(c.chargeId()).isEqualTo(pixCharge);
            assertThat(c.statusAfter()).isEqualTo("CANCELLED");
        });
        JsonNode atPsp = psp.charge(txid);
        assertThat(atPsp.path("status").asText()).isEqualTo("REMOVIDA_PELO_USUARIO_RECEBEDOR");
        assertThat(atPsp.path("revisao").asInt()).isEqualTo(1);
        assertThat(psp.requestLog()).anyMatch(l -> l.startsWith("PATCH") && l.contains("/cob/" + txid) && l.endsWith(" 200"));
        assertThat(status(pixCharge)).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("select next_check_at is null from charge where id = ?", Boolean.class, pixCharge)).isTrue();
        // once only: a later run leaves it alone
        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofDays(2)))).noneMatch(c -> c.chargeId() == pixCharge);
        assertThat(count("select count(*) from allocation where receivable_id = ?", r)).isEqualTo(1);
    }

    @Test
    void aCobPaidBeforeItsRemovalIsSettledAsAnExceptionNeverLost() throws Exception {
        String nn = nossoNumero();
        long r = receivableWithBoleto("61,50", nn);
        JsonNode pix = issuePix(r, 3600);
        long pixCharge = pix.path("id").asLong();
        String txid = pix.path("txid").asText();
        String e2e = psp.pay(txid, new BigDecimal("61.50")); // the payer pays both; the webhook does not arrive
        boletoPaid(nn, "61.50");
        assertThat(status(pixCharge)).isEqualTo("REMOVAL_REQUESTED");

        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofDays(1)))).anySatisfy(c -> {
            assertThat(c.chargeId()).isEqualTo(pixCharge);
            assertThat(c.statusAfter()).isEqualTo("PAID");
            assertThat(c.settled()).isEqualTo(1);
        });
        assertThat(psp.charge(txid).path("status").asText()).isEqualTo("CONCLUIDA");
        Map<String, Object> payment = jdbc.queryForMap("select id, amount from payment where tenant_id = ? and idempotency_key = ?", tenant,
                "pix|" + e2e);
        assertThat(payment.get("amount")).isEqualTo(new BigDecimal("61.50"));
        assertThat(count("select count(*) from allocation where payment_id = ?", payment.get("id"))).as("not allocated").isZero();
        assertThat(count("select count(*) from allocation where receivable_id = ?", r)).as("the boleto's only").isEqualTo(1);
        assertThat(jdbc.queryForObject("select kind from reconciliation_exception where payment_id = ?", String.class, payment.get("id")))
                .isEqualTo("RECEIVABLE_NOT_OPEN");
        assertThat(jdbc.queryForObject("select open_balance from receivable where id = ?", BigDecimal.class, r)).isEqualByComparingTo("0");
    }

    @Test
    void aChargeWithADueDateIsACobvWithTheAccountsFineAndInterestAndTheDiscountGiven() throws Exception {
        long r = receivableWithBoleto("1500,00", nossoNumero());
        LocalDate due = LocalDate.now(java.time.ZoneId.of("America/Sao_Paulo")).plusDays(10);
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.setBearerAuth(token(http, "it-all", "it-all-secret"));
        var res = http.exchange("/api/tenants/" + tenant + "/charges/pix", HttpMethod.POST, new HttpEntity<>(Map.of("receivableId", r,
                "dueDate", due.toString(), "daysPayableAfterDue", 15, "discount", Map.of("until", due.minusDays(5).toString(),
                        "amount", "30.00")), h), JsonNode.class);
        assertThat(res.getStatusCode().value()).as("%s", res.getBody()).isEqualTo(201);
        JsonNode charge = res.getBody();
        assertThat(charge.path("status").asText()).isEqualTo("PENDING");
        assertThat(charge.path("dueDate").asText()).isEqualTo(due.toString());
        String txid = charge.path("txid").asText();
        long chargeId = charge.path("id").asLong();

        // what the PSP holds, in API Pix terms (CobVValor): multa modalidade 2 = percentual, juros 3 = percentual ao mês,
        // desconto 1 = valor fixo até a data informada
        JsonNode cobv = psp.charge(txid);
        assertThat(cobv.at("/calendario/dataDeVencimento").asText()).isEqualTo(due.toString());
        assertThat(cobv.at("/calendario/validadeAposVencimento").asInt()).isEqualTo(15);
        assertThat(cobv.at("/valor/original").asText()).isEqualTo("1500.00");
        assertThat(cobv.at("/valor/multa/modalidade").asInt()).isEqualTo(2);
        assertThat(cobv.at("/valor/multa/valorPerc").asText()).isEqualTo("2.00");
        assertThat(cobv.at("/valor/juros/modalidade").asInt()).isEqualTo(3);
        assertThat(cobv.at("/valor/juros/valorPerc").asText()).isEqualTo("1.00");
        assertThat(cobv.at("/valor/desconto/modalidade").asInt()).isEqualTo(1);
        assertThat(cobv.at("/valor/desconto/descontoDataFixa/0/data").asText()).isEqualTo(due.minusDays(5).toString());
        assertThat(cobv.at("/valor/desconto/descontoDataFixa/0/valorPerc").asText()).isEqualTo("30.00");
        assertThat(cobv.at("/devedor/cpf").asText()).isEqualTo("12345678909");
        assertThat(cobv.at("/loc/tipoCob").asText()).isEqualTo("cobv");
        assertThat(jdbc.queryForObject("select pix_with_due_date and pix_expires_at is null from charge where id = ?", Boolean.class,
                chargeId)).isTrue();

        // paid on the due date (original amount): the janitor reads it back as a cobv and settles it
        String e2e = psp.pay(txid, new BigDecimal("1500.00"));
        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofDays(1)))).anySatisfy(c -> {
            assertThat(c.chargeId()).isEqualTo(chargeId);
            assertThat(c.statusAfter()).isEqualTo("PAID");
        });
        assertThat(psp.requestLog()).anyMatch(l -> l.startsWith("GET") && l.contains("/cobv/" + txid));
        assertThat(count("select count(*) from payment where tenant_id = ? and idempotency_key = ?", tenant, "pix|" + e2e)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from receivable where id = ?", String.class, r)).isEqualTo("PAID");

        // a due date in the past is refused naming the field
        long r2 = receivableWithBoleto("10,00", nossoNumero());
        var past = http.exchange("/api/tenants/" + tenant + "/charges/pix", HttpMethod.POST, new HttpEntity<>(Map.of("receivableId", r2,
                "dueDate", due.minusDays(30).toString()), h), JsonNode.class);
        assertThat(past.getStatusCode().value()).isEqualTo(400);
        assertThat(past.getBody().path("detail").asText()).startsWith("dueDate: ").contains("in the past");
        assertThat(count("select count(*) from charge where receivable_id = ? and method = 'PIX'", r2)).isZero();

        // a discount as large as the receivable is refused before anything is written (the fresh-user trial found the row
        // left UNKNOWN as a cobv, and the next, immediate request then created a cob the hub read back under /cobv: never settled)
        var tooMuch = http.exchange("/api/tenants/" + tenant + "/charges/pix", HttpMethod.POST, new HttpEntity<>(Map.of("receivableId", r2,
                "dueDate", due.toString(), "discount", Map.of("until", due.minusDays(1).toString(), "amount", "10.00")), h), JsonNode.class);
        assertThat(tooMuch.getStatusCode().value()).isEqualTo(400);
        assertThat(tooMuch.getBody().path("detail").asText()).startsWith("discount.amount: must be less than the charge's amount 10.00");
        assertThat(count("select count(*) from charge where receivable_id = ? and method = 'PIX'", r2)).isZero();
        var immediate = http.exchange("/api/tenants/" + tenant + "/charges/pix", HttpMethod.POST, new HttpEntity<>(Map.of("receivableId", r2),
                h), JsonNode.class);
        assertThat(immediate.getStatusCode().value()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select pix_with_due_date from charge where id = ?", Boolean.class,
                immediate.getBody().path("id").asLong())).isFalse();
        assertThat(psp.charge(immediate.getBody().path("txid").asText()).at("/loc/tipoCob").asText()).isEqualTo("cob");

        // an unknown create is repeated only as the same request: asking for the other kind meanwhile is refused (409)
        long r3 = receivableWithBoleto("20,00", nossoNumero());
        psp.failNext(1, 503);
        var unknown = http.exchange("/api/tenants/" + tenant + "/charges/pix", HttpMethod.POST, new HttpEntity<>(Map.of("receivableId", r3,
                "dueDate", due.toString()), h), JsonNode.class);
        assertThat(unknown.getBody().path("status").asText()).as("%s", unknown.getBody()).isEqualTo("UNKNOWN");
        var otherKind = http.exchange("/api/tenants/" + tenant + "/charges/pix", HttpMethod.POST, new HttpEntity<>(Map.of("receivableId", r3),
                h), JsonNode.class);
        assertThat(otherKind.getStatusCode().value()).isEqualTo(409);
        assertThat(otherKind.getBody().path("detail").asText()).contains("with due date " + due, "repeat that request");
        var repeated = http.exchange("/api/tenants/" + tenant + "/charges/pix", HttpMethod.POST, new HttpEntity<>(Map.of("receivableId", r3,
                "dueDate", due.toString()), h), JsonNode.class);
        assertThat(repeated.getBody().path("status").asText()).isEqualTo("PENDING");
        assertThat(psp.charge(repeated.getBody().path("txid").asText()).at("/loc/tipoCob").asText()).isEqualTo("cobv");
    }

    @Test
    void anImmediateCobPastItsExpirationUnpaidBecomesExpired() throws Exception {
        long r = receivableWithBoleto("20,00", nossoNumero());
        JsonNode pix = issuePix(r, 60);
        long pixCharge = pix.path("id").asLong();
        String txid = pix.path("txid").asText();
        JsonNode atPsp = psp.charge(txid);
        Instant criacao = OffsetDateTime.parse(atPsp.path("calendario").path("criacao").asText()).toInstant();
        Instant expiresAt = jdbc.queryForObject("select pix_expires_at from charge where id = ?", java.sql.Timestamp.class, pixCharge)
                .toInstant();
        assertThat(expiresAt).as("criacao + calendario.expiracao (60 s)").isEqualTo(criacao.plusSeconds(60));

        // not yet expired: a check leaves it PENDING and comes back right after the expiration, not after the backoff
        try (AuditContext.Scope s = AuditContext.open("system", tenant, "pix janitor", "pix-janitor")) {
            assertThat(charges.check(tenant, pixCharge).statusAfter()).isEqualTo("PENDING");
        }
        Instant next = jdbc.queryForObject("select next_check_at from charge where id = ?", java.sql.Timestamp.class, pixCharge).toInstant();
        assertThat(next).isBeforeOrEqualTo(expiresAt.plusSeconds(1));

        // the expiration passes (moved back instead of waiting a minute)
        jdbc.update("update charge set pix_expires_at = now() - interval '1 second' where id = ?", pixCharge);
        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofDays(1)))).anySatisfy(c -> {
            assertThat(c.chargeId()).isEqualTo(pixCharge);
            assertThat(c.statusAfter()).isEqualTo("EXPIRED");
        });
        assertThat(jdbc.queryForObject("select failure_reason from charge where id = ?", String.class, pixCharge)).startsWith("expired at");
        assertThat(jdbc.queryForObject("select status from receivable where id = ?", String.class, r)).isEqualTo("OPEN");
        assertThat(janitor.runOnce(Instant.now().plus(Duration.ofDays(2)))).noneMatch(c -> c.chargeId() == pixCharge);
    }
}
