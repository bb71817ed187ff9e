package br.com.recebiveishub.hub.security;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.charge.ChargeService;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.reconcile.ReconciliationService;
import br.com.recebiveishub.hub.tenant.BankAccountConfig;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.MovementKind;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tenant with one of everything (debtor, receivables, a registered boleto, an issued boleto and
 * its remessa, a processed return with a payment and an exception), so every endpoint has real
 * ids to answer for. Built once per tenant id and JVM.
 */
final class SecurityFixture {

    /**
     * Ids of the tenant's rows, by name: customer, receivable, charge, import, remessa, returnImport, receivable3..5,
     * unmatchedPayment, issuedCharge (a printed boleto híbrido), statementImport.
     */
    record Ids(String tenant, Map<String, Long> ids) {
        long get(String name) {
            return ids.get(name);
        }
    }

    private static final Map<String, Ids> BUILT = new ConcurrentHashMap<>();
    private static volatile org.springframework.context.ApplicationContext context;

    /** A valid BR Code: the first static payload of shared/samples/pix/brcode-valid.txt (Banco Central example). */
    static final String PIX_CODE = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
            + "5913Fulano de Tal6008BRASILIA62070503***63041D3D";

    static final String STATEMENT = """
            OFXHEADER:100
            DATA:OFXSGML
            VERSION:102
            CHARSET:1252
            <OFX>
            <BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STMTRS><CURDEF>BRL
            <BANKACCTFROM><BANKID>104<BRANCHID>1234<ACCTID>43210-0<ACCTTYPE>CHECKING</BANKACCTFROM>
            <BANKTRANLIST><DTSTART>20261101<DTEND>20261130
            <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261210<TRNAMT>30.00<FITID>SEC-1<MEMO>TED RECEBIDA</STMTTRN>
            <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261111<TRNAMT>-3.50<FITID>SEC-2<MEMO>TARIFA</STMTTRN>
            </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>
            </OFX>
            """;

    private SecurityFixture() {
    }

    /**
     * Points the tenant's pay-pix settings at the test PSP simulator (no revision when unchanged), so
     * the Pix endpoints answer 2xx to the roles allowed to call them.
     */
    static Ids pixReady(Ids ids) {
        try (AuditContext.Scope s = AuditContext.system("test-fixture")) {
            br.com.recebiveishub.hub.pix.PixTestPsp.configure(ids.tenant(),
                    context.getBean(br.com.recebiveishub.hub.tenant.PluginConfigs.class), true);
        }
        return ids;
    }

    /**
     * Points the tenant's pay-card settings at the test Mercado Pago simulator (no revision when
     * unchanged), so the card endpoints answer 2xx to the roles allowed to call them.
     */
    static Ids cardReady(Ids ids) {
        try (AuditContext.Scope s = AuditContext.system("test-fixture")) {
            br.com.recebiveishub.hub.card.CardTestGateway.configure(ids.tenant(),
                    context.getBean(br.com.recebiveishub.hub.tenant.PluginConfigs.class));
        }
        return ids;
    }

    private static final Map<String, Long> PAID_CARD = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A card charge of the tenant paid at the gateway simulator (on a receivable of its own, so no
     * other row's receivable changes), for the refund row: each allowed call refunds 0.01 of it.
     */
    static long paidCardCharge(Ids ids) {
        return PAID_CARD.computeIfAbsent(ids.tenant(), t -> {
            cardReady(ids);
            try (AuditContext.Scope s = AuditContext.system("test-fixture")) {
                Path csv = Files.createTempDirectory("fixture-card").resolve("carteira-" + t + "-card.csv");
                Files.writeString(csv, "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome\n" + t + "-card;01/11/2026;20/12/2026;60,00;"
                        + "12345678909;Ana Souza\n", StandardCharsets.UTF_8);
                context.getBean(IngestService.class).importFile(t, new SourceFile(csv.getFileName().toString(), csv));
                long receivable = context.getBean(JdbcTemplate.class).queryForObject(
                        "select id from receivable where tenant_id = ? and external_id = ?", Long.class, t, t + "-card");
                return context.getBean(br.com.recebiveishub.hub.card.CardChargeService.class).charge(t, "fixture-" + t + "-card",
                        new br.com.recebiveishub.hub.card.CardChargeService.CardRequest(receivable,
                                br.com.recebiveishub.hub.card.CardTestGateway.gateway().cardToken("APRO"), "visa", null, 1)).id();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Builds (once) the tenant's data with the services of the running hub. */
    static Ids ensure(String tenant, org.springframework.context.ApplicationContext hub) {
        context = hub;
        return BUILT.computeIfAbsent(tenant, t -> build(t, hub.getBean(TenantService.class), hub.getBean(IngestService.class),
                hub.getBean(ChargeService.class), hub.getBean(ReconciliationService.class), hub.getBean(PluginRuntime.class),
                hub.getBean(JdbcTemplate.class), hub));
    }

    private static Ids build(String t, TenantService tenants, IngestService ingest, ChargeService charges,
                             ReconciliationService reconciliation, PluginRuntime plugins, JdbcTemplate jdbc,
                             org.springframework.context.ApplicationContext hub) {
        try (AuditContext.Scope s = AuditContext.system("test-fixture")) {
            Path dir = Files.createTempDirectory("fixture-" + t);
            if (tenants.list().stream().noneMatch(x -> x.getId().equals(t))) {
                // with the creditor address every collection document shows (CDC Art. 42-A), so boletos can be printed
                tenants.create(t, "Cliente " + t + " Ltda", "11222333000181", 30, new br.com.recebiveishub.sdk.model.Endereco(
                        "Rua Exemplo", "100", null, "Centro", "São Paulo", "SP", "01001000"));
            }
            BankAccountConfig account = tenants.bankAccounts(t).isEmpty()
                    ? tenants.addBankAccount(t, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14", "432100",
                    "pay-boleto", 500L, null, null))
                    : tenants.bankAccounts(t).get(0);
            Path csv = dir.resolve("carteira-" + t + ".csv");
            Files.writeString(csv, """
                    id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;email;banco;nosso_numero
                    %s-1;01/11/2026;20/11/2026;100,00;12345678909;Ana Souza;ana@example.com;104;9001
                    %s-2;01/11/2026;20/12/2026;200,00;11144477735;Bruno Lima;;;
                    %s-6;01/11/2026;20/12/2026;60,00;11144477735;Bruno Lima;;;
                    """.formatted(t, t, t), StandardCharsets.UTF_8);
            long importId = ingest.importFile(t, new SourceFile(csv.getFileName().toString(), csv)).id();
            ChargeService.IssueResult issue = charges.issueBoletos(t, account.getId());
            BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).get(0).extension();
            LocalDate d = LocalDate.of(2026, 11, 19);
            byte[] ret = bank.simulateReturn(TenantService.toSdk(tenants.require(t), account), 1, d, List.of(
                    new SimulatedMovement(new IssuedCharge("104", "9001", null, null, null), "S1", MovementKind.SETTLED, d.plusDays(1),
                            new BigDecimal("100.00"), new BigDecimal("100.00"), new BigDecimal("1.25"), d, d.plusDays(1)),
                    new SimulatedMovement(new IssuedCharge("104", "88888", null, null, null), "S2", MovementKind.SETTLED, d,
                            new BigDecimal("10.00"), new BigDecimal("10.00"), new BigDecimal("1.25"), d, d.plusDays(1))));
            Path retFile = dir.resolve("retorno-" + t + ".ret");
            Files.write(retFile, ret);
            long returnImport = reconciliation.processReturn(t, new SourceFile(retFile.getFileName().toString(), retFile))
                    .importReport().id();
            // Receivables for the sensitive writes, imported after the issue run so no boleto charges them.
            Path later = dir.resolve("carteira-" + t + "-2.csv");
            Files.writeString(later, """
                    id_titulo;emissao;vencimento;valor;cpf_cnpj;nome
                    %s-3;01/11/2026;20/12/2026;30,00;12345678909;Ana Souza
                    %s-4;01/11/2026;20/12/2026;40,00;12345678909;Ana Souza
                    %s-5;01/11/2026;20/12/2026;50,00;11144477735;Bruno Lima
                    """.formatted(t, t, t), StandardCharsets.UTF_8);
            ingest.importFile(t, new SourceFile(later.getFileName().toString(), later));
            Map<String, Long> ids = new java.util.HashMap<>(Map.of(
                    "customer", jdbc.queryForObject("select min(id) from customer where tenant_id = ?", Long.class, t),
                    "receivable", jdbc.queryForObject("select min(id) from receivable where tenant_id = ?", Long.class, t),
                    "charge", jdbc.queryForObject("select min(id) from charge where tenant_id = ?", Long.class, t),
                    "import", importId,
                    "remessa", issue.remessaId() != null ? issue.remessaId()
                            : jdbc.queryForObject("select min(id) from remessa where tenant_id = ?", Long.class, t),
                    "returnImport", returnImport,
                    "bankAccount", account.getId()));
            for (int n = 2; n <= 5; n++) {
                ids.put("receivable" + n, jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = ?",
                        Long.class, t, t + "-" + n));
            }
            // The boleto the fixture issued for receivable -2 (REGISTRATION_PENDING): live at the bank, cancellable.
            ids.put("liveCharge", jdbc.queryForObject("select ch.id from charge ch join receivable r on r.id = ch.receivable_id "
                    + "where r.tenant_id = ? and r.external_id = ?", Long.class, t, t + "-2"));
            // The bank paid 10.00 on a nosso número the hub never issued: an unmatched payment to allocate by hand.
            ids.put("unmatchedPayment", jdbc.queryForObject("select id from payment where tenant_id = ? and nosso_numero = '88888'",
                    Long.class, t));
            // The boleto the issue run printed for receivable -6, made a boleto híbrido (a valid BR Code of shared/samples/pix)
            // for the Pix QR: not the live charge the cancellation row cancels (payer documents need a charge that can be paid).
            long issued = jdbc.queryForObject("select ch.id from charge ch join receivable r on r.id = ch.receivable_id "
                    + "where r.tenant_id = ? and r.external_id = ?", Long.class, t, t + "-6");
            jdbc.update("update charge set pix_code = ? where id = ? and tenant_id = ?", PIX_CODE, issued, t);
            ids.put("issuedCharge", issued);
            // A bank statement: a credit of 30.00 ten days before receivable3 falls due (0.70: an exception with that
            // suggestion, not applied) and a debit.
            Path ofx = dir.resolve("extrato-" + t + ".ofx");
            Files.writeString(ofx, STATEMENT, StandardCharsets.UTF_8);
            ids.put("statementImport", hub.getBean(br.com.recebiveishub.hub.reconcile.StatementService.class)
                    .importStatement(t, new SourceFile(ofx.getFileName().toString(), ofx)).importReport().id());
            // An ERP API connector (the test plugin erp-memory) enabled and configured, and a failed sync of it in the
            // dead-letter queue as the sync engine records one, for the onboarding endpoints.
            if (!plugins.isStarted("erp-memory")) {
                plugins.install(br.com.recebiveishub.hub.TestErpPlugins.zipFile("memory", "1.0.0"));
            }
            hub.getBean(br.com.recebiveishub.hub.tenant.PluginEnablement.class).set(t, "erp-memory", true);
            hub.getBean(br.com.recebiveishub.hub.tenant.PluginConfigs.class).put(t, "erp-memory",
                    new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of("token", "good", "records", 6)));
            ids.put("deadLetter", jdbc.queryForObject("insert into dead_letter (tenant_id, plugin_id, kind, reason, stream, status) "
                    + "values (?, 'erp-memory', 'SYNC_FAILED', 'the ERP was unavailable past the connector''s retries: HTTP 503', "
                    + "'receivables', 'OPEN') returning id", Long.class, t));
            return new Ids(t, Map.copyOf(ids));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
