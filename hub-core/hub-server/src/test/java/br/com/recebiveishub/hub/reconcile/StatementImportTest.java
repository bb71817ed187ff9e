package br.com.recebiveishub.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.SharedSamples;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Bank statements: the real Banco do Brasil OFX of shared/samples and hand-written OFX files,
 * imported into tenants whose receivables and charges were built so that each entry's fate is
 * known in advance. Expected values are read from the files by hand (the BB file: one DEP of
 * 239.55 posted 2015-11-03, FITID 20151103023955, account 001 / 455000-5, on line 43).
 */
class StatementImportTest extends HubIntegrationTest {

    @Autowired
    TenantService tenants;
    @Autowired
    IngestService ingest;
    @Autowired
    StatementService statements;
    @Autowired
    StatementController controller;
    @Autowired
    ReconciliationController reconciliation;
    @Autowired
    TenantDirectories dirs;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ManualAllocations allocations;
    @TempDir
    Path tmp;

    private Path bb() {
        return SharedSamples.sample("ofx/extrato-banco-do-brasil.ofx");
    }

    private String tenantWith(String prefix, String csvRows) throws Exception {
        String t = newTenantId(prefix);
        tenants.create(t, "Cliente Extrato Ltda", "11222333000181", 30, null);
        // the accounts the statements below are of: Banco do Brasil's sample (ACCTID 455000-5, no BRANCHID) and the
        // Bradesco account of the hand-written ones (BRANCHID 0123, ACCTID 98765-4)
        tenants.addBankAccount(t, new TenantService.NewBankAccount("001", "3456", "", "455000", "5", "17", "1234567", "pay-boleto",
                null, null, null));
        tenants.addBankAccount(t, new TenantService.NewBankAccount("237", "0123", "0", "98765", "4", "09", "7654321", "pay-boleto",
                null, null, null));
        Path csv = tmp.resolve(t + ".csv");
        Files.writeString(csv, "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome\n" + csvRows, StandardCharsets.UTF_8);
        ingest.importFile(t, new SourceFile(csv.getFileName().toString(), csv));
        return t;
    }

    private long receivable(String tenant, String externalId) {
        return jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = ?", Long.class, tenant, externalId);
    }

    private StatementResult importFile(String tenant, Path file) {
        return statements.importStatement(tenant, new SourceFile(file.getFileName().toString(), file));
    }

    private Path ofx(String name, String transactions) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, """
                OFXHEADER:100
                DATA:OFXSGML
                VERSION:102
                CHARSET:1252
                <OFX>
                <BANKMSGSRSV1>
                <STMTTRNRS>
                <TRNUID>1
                <STMTRS>
                <CURDEF>BRL
                <BANKACCTFROM>
                <BANKID>237
                <BRANCHID>0123
                <ACCTID>98765-4
                <ACCTTYPE>CHECKING
                </BANKACCTFROM>
                <BANKTRANLIST>
                <DTSTART>20260301
                <DTEND>20260331
                """ + transactions + """
                </BANKTRANLIST>
                </STMTRS>
                </STMTTRNRS>
                </BANKMSGSRSV1>
                </OFX>
                """, StandardCharsets.UTF_8);
        return f;
    }

    private static String trn(String type, String date, String amount, String fitId, String memo) {
        return "<STMTTRN>\n<TRNTYPE>" + type + "\n<DTPOSTED>" + date + "\n<TRNAMT>" + amount + "\n<FITID>" + fitId + "\n<MEMO>" + memo
                + "\n</STMTTRN>\n";
    }

    private int count(String table, String tenant) {
        return jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Integer.class, tenant);
    }

    @Test
    void theBancoDoBrasilCreditMatchesTheReceivableDueThatDayAndAReimportChangesNothing() throws Exception {
        // 239.55 due on the posting day (0.60 + 0.30 = 0.90, unique): applied; the other 239.55 is due 47 days later
        // (outside the 30-day window) and 100.00 has another amount: neither is a candidate.
        String t = tenantWith("stmt-bb", """
                BB1;01/10/2015;03/11/2015;239,55;12345678909;Ana Souza
                BB2;01/10/2015;20/12/2015;239,55;11144477735;Bruno Lima
                BB3;01/10/2015;03/11/2015;100,00;11144477735;Bruno Lima
                """);

        StatementResult r = importFile(t, bb());

        assertThat(r.importReport().status()).isEqualTo("PROCESSED");
        assertThat(r.entries()).isEqualTo(1);
        assertThat(r.matched()).isEqualTo(1);
        assertThat(r.matchedAmount()).isEqualByComparingTo("239.55");
        assertThat(r.suggested() + r.unmatched() + r.duplicates() + r.rejected()).isZero();
        StatementResult.Entry e = r.newEntries().get(0);
        assertThat(e.line()).isEqualTo(43);
        assertThat(e.fitId()).isEqualTo("20151103023955");
        assertThat(e.bankCode()).isEqualTo("001");
        assertThat(e.account()).isEqualTo("455000-5");
        assertThat(e.postedOn()).hasToString("2015-11-03");
        assertThat(e.amount()).isEqualByComparingTo("239.55");
        assertThat(e.outcome()).isEqualTo("MATCHED");
        assertThat(e.confidence()).isEqualByComparingTo("0.90");
        assertThat(e.rule()).isEqualTo("AMOUNT_DATE");
        assertThat(e.receivableId()).isEqualTo(receivable(t, "BB1"));
        assertThat(e.candidates()).singleElement().satisfies(c -> assertThat(c.receivableId()).isEqualTo(receivable(t, "BB1")));

        Map<String, Object> bb1 = jdbc.queryForMap("select status, open_balance, version from receivable where id = ?", receivable(t, "BB1"));
        assertThat(bb1).containsEntry("status", "PAID");
        assertThat((BigDecimal) bb1.get("open_balance")).isEqualByComparingTo("0.00");
        assertThat(jdbc.queryForObject("select status from receivable where id = ?", String.class, receivable(t, "BB2"))).isEqualTo("OPEN");
        Map<String, Object> payment = jdbc.queryForMap("select id, amount, payment_date, idempotency_key from payment where tenant_id = ?", t);
        assertThat(payment).containsEntry("idempotency_key", "extrato|001||455000-5|20151103023955");
        assertThat(payment.get("payment_date")).hasToString("2015-11-03");
        assertThat(jdbc.queryForMap("select payment_id, receivable_id, amount from allocation where tenant_id = ?", t))
                .containsEntry("payment_id", payment.get("id")).containsEntry("receivable_id", receivable(t, "BB1"));
        // audited as reconciliation does: the payment, the allocation and the receivable's new version
        assertThat(jdbc.queryForObject("select count(*) from payment_aud where id = ?", Integer.class, payment.get("id"))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from receivable_aud where id = ? and revtype = 1", Integer.class, receivable(t, "BB1")))
                .isEqualTo(1);
        assertThat(reconciliation.exceptions(t, "OPEN", 500)).isEmpty();

        // The same file again, and a copy with different bytes (an overlapping statement): nothing changes.
        int payments = count("payment", t);
        int allocations = count("allocation", t);
        StatementResult again = importFile(t, bb());
        assertThat(again.importReport().status()).isEqualTo("DUPLICATE");
        assertThat(again.duplicates()).isEqualTo(1);
        Path overlapping = tmp.resolve("extrato-bb-de-novo.ofx");
        Files.writeString(overlapping, Files.readString(bb(), StandardCharsets.UTF_8).replace("<DTEND>20151130", "<DTEND>20151231"),
                StandardCharsets.UTF_8);
        StatementResult overlap = importFile(t, overlapping);
        assertThat(overlap.importReport().status()).isEqualTo("PROCESSED");
        assertThat(overlap.duplicates()).isEqualTo(1);
        assertThat(overlap.matched() + overlap.suggested() + overlap.unmatched()).isZero();
        assertThat(overlap.newEntries()).isEmpty();
        assertThat(count("payment", t)).isEqualTo(payments);
        assertThat(count("allocation", t)).isEqualTo(allocations);
        assertThat(count("statement_entry", t)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select version from receivable where id = ?", Long.class, receivable(t, "BB1")))
                .isEqualTo(((Number) bb1.get("version")).longValue());
        assertThat(reconciliation.exceptions(t, "OPEN", 500)).isEmpty();
    }

    @Test
    void aLowConfidenceCreditBecomesAnExceptionWithItsSuggestionsAndIsNotApplied() throws Exception {
        // 239.55 due 7 days after the posting (0.60 + 0.10 = 0.70): below 0.90; an ambiguous pair in another tenant.
        String t = tenantWith("stmt-low", """
                L1;01/10/2015;10/11/2015;239,55;12345678909;Ana Souza
                """);
        String two = tenantWith("stmt-two", """
                D1;01/10/2015;03/11/2015;239,55;12345678909;Ana Souza
                D2;01/10/2015;03/11/2015;239,55;11144477735;Bruno Lima
                """);

        StatementResult r = importFile(t, bb());

        assertThat(r.matched()).isZero();
        assertThat(r.suggested()).isEqualTo(1);
        List<ReconciliationController.ExceptionView> open = reconciliation.exceptions(t, "OPEN", 500);
        assertThat(open).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo("STATEMENT_LOW_CONFIDENCE");
            assertThat(x.reason()).contains("line 43", "239.55", "20151103023955", "0.70", "0.90");
            assertThat(x.statementEntryId()).isEqualTo(r.newEntries().get(0).id());
            assertThat(x.paymentId()).isNotNull();
            assertThat(x.suggestions()).singleElement().satisfies(s -> {
                assertThat(s.receivableId()).isEqualTo(receivable(t, "L1"));
                assertThat(s.score()).isEqualByComparingTo("0.70");
                assertThat(s.rule()).isEqualTo("AMOUNT_DATE");
            });
        });
        assertThat(jdbc.queryForObject("select status from receivable where id = ?", String.class, receivable(t, "L1"))).isEqualTo("OPEN");
        assertThat(count("allocation", t)).isZero();
        // recorded as money received, unallocated: a person allocates it by hand
        assertThat(jdbc.queryForObject("select amount from payment where tenant_id = ?", BigDecimal.class, t)).isEqualByComparingTo("239.55");

        StatementResult ambiguous = importFile(two, bb());
        assertThat(ambiguous.matched()).isZero();
        assertThat(reconciliation.exceptions(two, "OPEN", 500)).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo("STATEMENT_LOW_CONFIDENCE");
            assertThat(x.reason()).contains("2 candidates score at least 0.90");
            assertThat(x.suggestions()).extracting(ReconciliationController.Suggestion::receivableId)
                    .containsExactlyInAnyOrder(receivable(two, "D1"), receivable(two, "D2"));
            assertThat(x.suggestions()).allSatisfy(s -> assertThat(s.score()).isEqualByComparingTo("0.90"));
        });
        assertThat(count("allocation", two)).isZero();
    }

    @Test
    void identifiersInTheMemoWinAndAnotherTenantsChargesAreNeverMatchedOrSuggested() throws Exception {
        String t = tenantWith("stmt-pix", """
                X1;01/03/2026;10/03/2026;150,00;12345678909;Ana Souza
                X2;01/01/2026;01/02/2026;321,00;11144477735;Bruno Lima
                X3;01/03/2026;05/03/2026;88,10;11144477735;Bruno Lima
                X4;01/03/2026;20/03/2026;500,00;11144477735;Bruno Lima
                """);
        String other = tenantWith("stmt-other", """
                O1;01/03/2026;15/03/2026;777,00;12345678909;Ana Souza
                O2;01/03/2026;15/03/2026;64,00;12345678909;Ana Souza
                """);
        String txid = "Cob2026Hub0000000000000001X";
        String foreignTxid = "Cob2026Hub0000000000000002Y";
        jdbc.update("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, amount, due_date, status, pix_txid, pix_code)
                values (?, ?, 'PIX', 'pay-pix', 321.00, '2026-02-01', 'REGISTERED', ?, null)""", t, receivable(t, "X2"), txid);
        jdbc.update("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, bank_code, nosso_numero, amount, due_date, status)
                values (?, ?, 'BOLETO', 'pay-boleto', '104', '14000000012345678', 88.10, '2026-03-05', 'REGISTERED')""", t, receivable(t, "X3"));
        jdbc.update("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, amount, due_date, status, pix_txid)
                values (?, ?, 'PIX', 'pay-pix', 64.00, '2026-03-15', 'REGISTERED', ?)""", other, receivable(other, "O2"), foreignTxid);

        Path file = ofx("extrato-itau.ofx",
                // txid of X2's Pix charge: 1.00 although the due date is 56 days before
                trn("PIX", "20260328", "321.00", "F1", "PIX RECEBIDO " + txid)
                // nosso número of X3's boleto (leading zeros aside): 0.95
                + trn("CREDIT", "20260329", "88.10", "F2", "LIQUIDACAO COBRANCA 00014000000012345678")
                // amount, 10 days from X1's due date and the payer's CPF: 0.60 + 0.10 + 0.30 = 1.00, capped at 0.94
                + trn("TED", "20260320", "150.00", "F3", "TED RECEBIDA 123.456.789-09")
                // another tenant's receivable has this amount, date and CPF: nothing here
                + trn("CREDIT", "20260315", "777.00", "F4", "TED 123.456.789-09")
                // another tenant's Pix txid: nothing here
                + trn("PIX", "20260315", "64.00", "F5", "PIX RECEBIDO " + foreignTxid)
                + trn("DEBIT", "20260316", "-12.90", "F6", "TARIFA PACOTE")
                + trn("CREDIT", "20261332", "10.00", "F7", "DATA RUIM"));

        StatementResult r = importFile(t, file);

        assertThat(r.importReport().status()).isEqualTo("PROCESSED");
        assertThat(r.matched()).isEqualTo(3);
        assertThat(r.matchedAmount()).isEqualByComparingTo("559.10");
        assertThat(r.unmatched()).isEqualTo(2);
        assertThat(r.recorded()).isEqualTo(1);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.importReport().rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.field()).isEqualTo("STMTTRN/DTPOSTED");
            assertThat(rej.line()).isGreaterThan(0);
        });
        Map<String, StatementResult.Entry> byFit = new java.util.HashMap<>();
        r.newEntries().forEach(e -> byFit.put(e.fitId(), e));
        assertThat(byFit.get("F1")).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("MATCHED");
            assertThat(e.rule()).isEqualTo("PIX_TXID");
            assertThat(e.confidence()).isEqualByComparingTo("1.00");
            assertThat(e.receivableId()).isEqualTo(receivable(t, "X2"));
            assertThat(e.chargeId()).isNotNull();
        });
        assertThat(byFit.get("F2")).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("MATCHED");
            assertThat(e.rule()).isEqualTo("NOSSO_NUMERO");
            assertThat(e.confidence()).isEqualByComparingTo("0.95");
            assertThat(e.receivableId()).isEqualTo(receivable(t, "X3"));
        });
        assertThat(byFit.get("F3")).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("MATCHED");
            assertThat(e.rule()).isEqualTo("AMOUNT_DATE");
            assertThat(e.confidence()).isEqualByComparingTo("0.94");
            assertThat(e.receivableId()).isEqualTo(receivable(t, "X1"));
        });
        for (String f : List.of("F4", "F5")) {
            assertThat(byFit.get(f).outcome()).as(f).isEqualTo("UNMATCHED");
            assertThat(byFit.get(f).candidates()).as(f).isEmpty();
        }
        assertThat(byFit.get("F6").outcome()).isEqualTo("RECORDED");
        assertThat(byFit.get("F6").paymentId()).isNull();
        assertThat(jdbc.queryForList("select status from charge where tenant_id = ? order by id", String.class, t))
                .containsExactly("PAID", "PAID");
        assertThat(jdbc.queryForList("select status from receivable where tenant_id = ? order by external_id", String.class, t))
                .containsExactly("PAID", "PAID", "PAID", "OPEN");
        // the other tenant is untouched and never a candidate
        assertThat(jdbc.queryForObject("select count(*) from statement_candidate c join receivable r on r.id = c.receivable_id "
                + "where c.tenant_id = ? and r.tenant_id <> ?", Integer.class, t, t)).isZero();
        assertThat(jdbc.queryForList("select status from receivable where tenant_id = ?", String.class, other)).containsOnly("OPEN");
        assertThat(count("payment", other)).isZero();
        List<ReconciliationController.ExceptionView> open = reconciliation.exceptions(t, "OPEN", 500);
        assertThat(open).extracting(ReconciliationController.ExceptionView::kind)
                .containsExactlyInAnyOrder("STATEMENT_UNMATCHED", "STATEMENT_UNMATCHED", "UNREADABLE_RECORD");
        assertThat(open).allSatisfy(x -> assertThat(x.suggestions()).isEmpty());
        // no personal data in the reasons
        assertThat(open).allSatisfy(x -> assertThat(x.reason()).doesNotContain("123.456.789-09", "12345678909"));
    }

    @Test
    void aShortNossoNumeroWrittenWithZerosMatchesAndAnAmountTheModelCannotHoldIsOneRejection() throws Exception {
        String t = tenantWith("stmt-short", """
                S1;01/03/2026;10/03/2026;603,07;12345678909;Ana Souza
                """);
        // the hub's own sequence numbers are short (the demo's boletos are 1, 2, 3...)
        jdbc.update("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, bank_code, nosso_numero, amount, due_date, status)
                values (?, ?, 'BOLETO', 'pay-boleto', '104', '9', 603.07, '2026-03-10', 'REGISTERED')""", t, receivable(t, "S1"));
        StatementResult r = importFile(t, ofx("curto.ofx",
                trn("CREDIT", "20260323", "603.07", "K1", "PAGTO BOLETO 000000000000009")
                + trn("CREDIT", "20260324", "99999999999999999999.99", "K2", "VALOR ABSURDO")));
        assertThat(r.importReport().status()).isEqualTo("PROCESSED");
        assertThat(r.newEntries()).singleElement().satisfies(e -> {
            assertThat(e.fitId()).isEqualTo("K1");
            assertThat(e.rule()).isEqualTo("NOSSO_NUMERO");
            assertThat(e.confidence()).isEqualByComparingTo("0.95");
            assertThat(e.outcome()).isEqualTo("MATCHED");
        });
        assertThat(r.importReport().rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.field()).isEqualTo("TRNAMT");
            assertThat(rej.reason()).startsWith("amount beyond what the model holds");
        });
    }

    @Test
    void anUnreadableFileIsKeptAndReportedAndAppliesNothing() throws Exception {
        String t = tenantWith("stmt-bad", "B1;01/03/2026;10/03/2026;150,00;12345678909;Ana Souza\n");
        byte[] broken = "OFXHEADER:100\nDATA:OFXSGML\n<OFX>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n".getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setContent(broken);

        StatementResult r = controller.upload(t, "truncado.ofx", request);

        assertThat(r.importReport().status()).isEqualTo("FAILED");
        assertThat(r.importReport().error()).isNotBlank();
        assertThat(count("statement_entry", t)).isZero();
        assertThat(count("payment", t)).isZero();
        Path kept = dirs.statementInbox(t).resolve("error").resolve(r.importReport().id() + "-truncado.ofx");
        assertThat(kept).exists().hasBinaryContent(broken);
        assertThat(kept.resolveSibling(kept.getFileName() + ".report.txt")).content().contains("FAILED");
        assertThat(controller.result(t, r.importReport().id()).importReport().status()).isEqualTo("FAILED");
    }

    @Test
    void aStatementOfAnAccountTheTenantHasNotRegisteredIsRefusedKeptAndAppliesNothing() throws Exception {
        String t = tenantWith("stmt-foreign", "F1;01/03/2026;10/03/2026;150,00;12345678909;Ana Souza\n");
        // the same Bradesco agência, another conta: another client's statement uploaded to this tenant
        byte[] foreign = Files.readString(ofx("alheio.ofx", trn("CREDIT", "20260310", "150.00", "F-1", "TED ANA SOUZA")),
                StandardCharsets.UTF_8).replace("<ACCTID>98765-4", "<ACCTID>11111-1").getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setContent(foreign);

        StatementResult r = controller.upload(t, "alheio.ofx", request);

        assertThat(r.importReport().status()).isEqualTo("FAILED");
        assertThat(r.importReport().error()).isEqualTo("statement of bank 237 agência 0123 conta 11111-1, which is none of this "
                + "tenant's registered bank accounts: is it another client's file? nothing applied");
        assertThat(count("statement_entry", t)).isZero();
        assertThat(count("payment", t)).isZero();
        assertThat(count("reconciliation_exception", t)).isZero();
        assertThat(jdbc.queryForObject("select status from receivable where tenant_id = ?", String.class, t)).isEqualTo("OPEN");
        Path kept = dirs.statementInbox(t).resolve("error").resolve(r.importReport().id() + "-alheio.ofx");
        assertThat(kept).exists().hasBinaryContent(foreign);
        assertThat(kept.resolveSibling(kept.getFileName() + ".report.txt")).content().contains("none of this tenant's registered");

        // another agência with the right conta is not the tenant's either
        Path otherBranch = tmp.resolve("outra-agencia.ofx");
        Files.writeString(otherBranch, Files.readString(ofx("base.ofx", trn("CREDIT", "20260310", "150.00", "F-2", "TED")),
                StandardCharsets.UTF_8).replace("<BRANCHID>0123", "<BRANCHID>0999"), StandardCharsets.UTF_8);
        assertThat(importFile(t, otherBranch).importReport().status()).isEqualTo("FAILED");
        // a tenant without any registered account: refused, saying what to do
        String bare = newTenantId("stmt-bare");
        tenants.create(bare, "Sem Conta Ltda", "11222333000181", 30, null);
        StatementResult none = importFile(bare, bb());
        assertThat(none.importReport().status()).isEqualTo("FAILED");
        assertThat(none.importReport().error()).startsWith("statement of bank 001 conta 455000-5, but this tenant has no registered "
                + "bank account");
        // and the registered account, with the agência given with its check digit, is applied
        Path ours = tmp.resolve("nosso.ofx");
        Files.writeString(ours, Files.readString(ofx("base2.ofx", trn("CREDIT", "20260310", "150.00", "F-3", "TED")),
                StandardCharsets.UTF_8).replace("<BRANCHID>0123", "<BRANCHID>0123-0"), StandardCharsets.UTF_8);
        assertThat(importFile(t, ours).importReport().status()).isEqualTo("PROCESSED");
    }

    @Test
    void aStatementDroppedInTheTenantInboxIsImported() throws Exception {
        String t = tenantWith("stmt-inbox", "I1;01/10/2015;03/11/2015;239,55;12345678909;Ana Souza\n");
        Path inbox = dirs.statementInbox(t);
        Path hidden = inbox.resolve(".extrato.ofx");
        Files.copy(bb(), hidden);
        Files.move(hidden, inbox.resolve("extrato.ofx"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline
                && !"PAID".equals(jdbc.queryForObject("select status from receivable where tenant_id = ?", String.class, t))) {
            Thread.sleep(200);
        }
        assertThat(jdbc.queryForObject("select status from receivable where tenant_id = ?", String.class, t)).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("select kind from import_batch where tenant_id = ? order by id desc limit 1", String.class, t))
                .isEqualTo("BANK_STATEMENT");
    }

    /** A live boleto and a live Pix cob of {@code receivable}; returns their charge ids. */
    private long[] liveBoletoAndCob(String tenant, long receivable, String amount, String due, String nossoNumero, String txid) {
        long boleto = jdbc.queryForObject("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, bank_code, nosso_numero, amount, due_date, status)
                values (?, ?, 'BOLETO', 'pay-boleto', '237', ?, ?::numeric, ?::date, 'REGISTERED') returning id""", Long.class,
                tenant, receivable, nossoNumero, amount, due);
        long cob = jdbc.queryForObject("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, amount, due_date, status, pix_txid)
                values (?, ?, 'PIX', 'pay-pix', ?::numeric, ?::date, 'PENDING', ?) returning id""", Long.class,
                tenant, receivable, amount, due, txid);
        return new long[] {boleto, cob};
    }

    private String chargeStatus(long id) {
        return jdbc.queryForObject("select status from charge where id = ?", String.class, id);
    }

    @Test
    void aReceivablePaidThroughTheStatementOrByHandStopsItsLiveBoletoAndCobButAPartPaidOneKeepsThem() throws Exception {
        String t = tenantWith("stmt-retire", """
                W1;01/03/2026;10/03/2026;150,00;12345678909;Ana Souza
                W2;01/03/2026;12/03/2026;99,00;11144477735;Bruno Lima
                """);
        long w1 = receivable(t, "W1");
        long w2 = receivable(t, "W2");
        long[] first = liveBoletoAndCob(t, w1, "150.00", "2026-03-10", "9000001", "Cob2026Retire000000000000001A");
        long[] second = liveBoletoAndCob(t, w2, "99.00", "2026-03-12", "9000002", "Cob2026Retire000000000000002B");

        StatementResult r = importFile(t, ofx("extrato-retire.ofx",
                // W1's amount on its due date with its payer's CPF: applied by amount and date (0.94)
                trn("TED", "20260310", "150.00", "R1", "TED RECEBIDA 123.456.789-09")
                // nobody's amount, 40 days after W2's due date: recorded unallocated, for a person
                + trn("CREDIT", "20260421", "40.00", "R2", "DEPOSITO")
                + trn("CREDIT", "20260421", "59.00", "R3", "DEPOSITO")));

        assertThat(r.matched()).isEqualTo(1);
        assertThat(chargeStatus(first[0])).as("W1's boleto: a baixa in the next remessa").isEqualTo("CANCEL_REQUESTED");
        assertThat(chargeStatus(first[1])).as("W1's cob: removed by the Pix janitor").isEqualTo("REMOVAL_REQUESTED");
        long statementRev = jdbc.queryForObject("select max(rev) from receivable_aud where id = ?", Long.class, w1);
        assertThat(jdbc.queryForObject("select count(*) from charge_aud where id = any(?) and rev = ?", Integer.class,
                new Long[] {first[0], first[1]}, statementRev)).as("in the statement's revision").isEqualTo(2);
        assertThat(chargeStatus(second[0])).isEqualTo("REGISTERED");
        assertThat(chargeStatus(second[1])).isEqualTo("PENDING");

        Map<String, Long> paymentOf = new java.util.HashMap<>();
        r.newEntries().forEach(e -> paymentOf.put(e.fitId(), e.paymentId()));
        try (AuditContext.Scope s = AuditContext.open("collector", t, "test", "api")) {
            allocations.allocate(t, paymentOf.get("R2"), w2, new BigDecimal("40.00"), "deposit identified by phone call", "retire-1");
            assertThat(jdbc.queryForObject("select status from receivable where id = ?", String.class, w2)).isEqualTo("PARTIALLY_PAID");
            assertThat(chargeStatus(second[0])).as("59.00 still owed: the boleto stays payable").isEqualTo("REGISTERED");
            assertThat(chargeStatus(second[1])).isEqualTo("PENDING");

            allocations.allocate(t, paymentOf.get("R3"), w2, new BigDecimal("59.00"), "deposit identified by phone call", "retire-2");
        }
        assertThat(jdbc.queryForObject("select status from receivable where id = ?", String.class, w2)).isEqualTo("PAID");
        assertThat(chargeStatus(second[0])).isEqualTo("CANCEL_REQUESTED");
        assertThat(chargeStatus(second[1])).isEqualTo("REMOVAL_REQUESTED");
        assertThat(jdbc.queryForObject("select next_check_at is not null from charge where id = ?", Boolean.class, second[1]))
                .as("the janitor picks the removal up").isTrue();
    }

    @Test
    void aCreditOfMoneyTheRailAlreadyReportedIsLinkedToThatPaymentNotRecordedTwice() throws Exception {
        String t = tenantWith("stmt-known", """
                K1;01/03/2026;10/03/2026;321,00;12345678909;Ana Souza
                K2;01/03/2026;12/03/2026;88,10;11144477735;Bruno Lima
                """);
        String txid = "Cob2026Known000000000000001K";
        long pix = jdbc.queryForObject("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, amount, due_date, status, pix_txid)
                values (?, ?, 'PIX', 'pay-pix', 321.00, '2026-03-10', 'PAID', ?) returning id""", Long.class, t, receivable(t, "K1"), txid);
        long boleto = jdbc.queryForObject("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, bank_code, nosso_numero, amount, due_date, status)
                values (?, ?, 'BOLETO', 'pay-boleto', '237', '14000000099887766', 88.10, '2026-03-12', 'PAID') returning id""", Long.class,
                t, receivable(t, "K2"));
        // what the PSP's webhook and the bank's return recorded: the Pix for its amount, the boleto with a fee of 1.25
        long pixPayment = jdbc.queryForObject("""
                insert into payment (tenant_id, charge_id, amount, fee, net_credit, payment_date, idempotency_key)
                values (?, ?, 321.00, 0, 321.00, '2026-03-09', 'pix|E00000000202603091200abcdef123456') returning id""", Long.class, t, pix);
        long boletoPayment = jdbc.queryForObject("""
                insert into payment (tenant_id, charge_id, bank_code, nosso_numero, amount, fee, net_credit, payment_date, idempotency_key)
                values (?, ?, '237', '14000000099887766', 88.10, 1.25, 86.85, '2026-03-11', 'retorno|237|14000000099887766|06')
                returning id""", Long.class, t, boleto);
        int paymentsBefore = count("payment", t);

        Path file = ofx("extrato-known.ofx",
                trn("PIX", "20260309", "321.00", "Q1", "PIX RECEBIDO " + txid)
                // the bank credits the boleto net of its fee
                + trn("CREDIT", "20260312", "86.85", "Q2", "LIQUIDACAO COBRANCA 14000000099887766")
                // the same nosso número again in another line: the first line is that money, this one waits for a person
                + trn("CREDIT", "20260312", "86.85", "Q3", "LIQUIDACAO COBRANCA 14000000099887766"));
        StatementResult r = importFile(t, file);

        assertThat(r.alreadyRecorded()).isEqualTo(2);
        assertThat(r.matched()).isZero();
        Map<String, StatementResult.Entry> byFit = new java.util.HashMap<>();
        r.newEntries().forEach(e -> byFit.put(e.fitId(), e));
        assertThat(byFit.get("Q1")).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("ALREADY_RECORDED");
            assertThat(e.paymentId()).isEqualTo(pixPayment);
            assertThat(e.chargeId()).isEqualTo(pix);
            assertThat(e.rule()).isEqualTo("PIX_TXID");
        });
        assertThat(byFit.get("Q2")).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("ALREADY_RECORDED");
            assertThat(e.paymentId()).isEqualTo(boletoPayment);
            assertThat(e.rule()).isEqualTo("NOSSO_NUMERO");
        });
        assertThat(byFit.get("Q3").outcome()).isEqualTo("SUGGESTED");
        assertThat(count("payment", t)).as("only the third line's money is new").isEqualTo(paymentsBefore + 1);
        List<ReconciliationController.ExceptionView> open = reconciliation.exceptions(t, "OPEN", 500);
        assertThat(open).singleElement().satisfies(x -> assertThat(x.reason()).contains("line " + byFit.get("Q2").line()
                + " of this file is already the payment this credit names"));

        StatementResult again = importFile(t, file);
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(count("payment", t)).isEqualTo(paymentsBefore + 1);
    }

    @Test
    void fieldsLongerThanTheModelHoldsAreNamedNotAServerError() throws Exception {
        String t = tenantWith("stmt-long", "L1;01/03/2026;10/03/2026;150,00;12345678909;Ana Souza\n");
        Path file = ofx("extrato-longo.ofx",
                trn("CREDIT", "20260310", "10.00", "F".repeat(300), "FITID LONGO")
                + trn("X".repeat(50), "20260310", "11.00", "T1", "TIPO LONGO")
                + trn("TED", "20260310", "150.00", "OK1", "TED RECEBIDA 123.456.789-09"));
        StatementResult r = importFile(t, file);
        assertThat(r.importReport().status()).isEqualTo("PROCESSED");
        assertThat(r.matched()).as("the good entry proceeds").isEqualTo(1);
        assertThat(r.importReport().rejections()).extracting(rej -> rej.field() + ": " + rej.reason())
                .containsExactlyInAnyOrder("FITID: 300 characters, longer than OFX's 255",
                        "TRNTYPE: 50 characters, longer than any transaction type (40)");

        Path longBank = tmp.resolve("banco-longo.ofx");
        Files.writeString(longBank, Files.readString(file).replace("<BANKID>237", "<BANKID>237" + " -".repeat(150)));
        StatementResult refused = importFile(t, longBank);
        assertThat(refused.importReport().status()).isEqualTo("FAILED");
        assertThat(refused.importReport().error()).startsWith("BANKID: ").contains("longer than the 10");
    }
}
