package br.com.recebiveishub.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.tenant.BankAccountConfig;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.MovementKind;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Return files against registered boletos: allocation, every kind of exception, charge status codes, replays. */
class ReconciliationTest extends HubIntegrationTest {

    static final LocalDate DUE = LocalDate.of(2026, 11, 20);
    static final LocalDate PAID_ON = LocalDate.of(2026, 11, 19);

    @Autowired
    TenantService tenants;
    @Autowired
    IngestService ingest;
    @Autowired
    ReconciliationService reconciliation;
    @Autowired
    PluginRuntime plugins;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path tmp;

    String tenant;
    BankAccountConfig account;

    @BeforeEach
    void portfolio() throws IOException {
        tenant = newTenantId("recon");
        tenants.create(tenant, "Cliente Teste Ltda", "11222333000181", 30, null);
        account = tenants.addBankAccount(tenant, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14", "432100",
                "pay-boleto", 1L, null, null));
        Path csv = tmp.resolve("carteira.csv");
        Files.writeString(csv, """
                id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;banco;nosso_numero
                T1;01/11/2026;20/11/2026;100,00;12345678909;Ana Souza;104;1001
                T2;01/11/2026;20/11/2026;200,00;11144477735;Bruno Lima;104;1002
                T3;01/11/2026;20/11/2026;300,00;52998224725;Carla Mendes;104;1003
                T4;01/11/2026;20/11/2026;400,00;39053344705;Daniel Rocha;104;1004
                T5;01/11/2026;20/11/2026;500,00;27548725078;Eduarda Martins;104;1005
                """, StandardCharsets.UTF_8);
        assertThat(ingest.importFile(tenant, new SourceFile("carteira.csv", csv)).created()).isEqualTo(5);
    }

    SourceFile bankReturn(String name, int sequence, List<SimulatedMovement> moves) throws IOException {
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).get(0).extension();
        Path f = tmp.resolve(name);
        Files.write(f, bank.simulateReturn(TenantService.toSdk(tenants.require(tenant), account), sequence, PAID_ON, moves));
        return new SourceFile(name, f);
    }

    static SimulatedMovement move(String nossoNumero, MovementKind kind, String title, String paid) {
        return new SimulatedMovement(new IssuedCharge("104", nossoNumero, null, null, null), "S" + nossoNumero, kind, DUE,
                new BigDecimal(title), new BigDecimal(paid), new BigDecimal("1.25"), PAID_ON, kind.isSettlement() ? PAID_ON.plusDays(1) : null);
    }

    String chargeStatus(String nossoNumero) {
        return jdbc.queryForObject("select status from charge where tenant_id = ? and nosso_numero = ?", String.class, tenant, nossoNumero);
    }

    @Test
    void allocatesExactPaymentsAndQueuesEverythingElseWithItsReason() throws IOException {
        List<SimulatedMovement> moves = List.of(
                move("1001", MovementKind.SETTLED, "100.00", "100.00"),
                move("1002", MovementKind.SETTLED, "200.00", "180.00"),
                move("1003", MovementKind.ENTRY_REJECTED, "300.00", "0.00"),
                move("1004", MovementKind.WRITTEN_OFF, "400.00", "0.00"),
                move("1005", MovementKind.ENTRY_CONFIRMED, "500.00", "0.00"),
                move("777777", MovementKind.SETTLED, "50.00", "50.00"));
        ReconciliationResult r = reconciliation.processReturn(tenant, bankReturn("ret1.ret", 1, moves));

        assertThat(r.importReport().status()).isEqualTo("PROCESSED");
        assertThat(r.settlements()).isEqualTo(3);
        assertThat(r.allocated()).isEqualTo(1);
        assertThat(r.allocatedAmount()).isEqualByComparingTo("100.00");
        assertThat(r.fees()).isEqualByComparingTo("3.75");
        assertThat(r.statusUpdates()).isEqualTo(2); // 03 and 09; 05's 02 finds it already registered
        assertThat(chargeStatus("1001")).isEqualTo("PAID");
        assertThat(chargeStatus("1002")).isEqualTo("REGISTERED");
        assertThat(chargeStatus("1003")).isEqualTo("REJECTED");
        assertThat(chargeStatus("1004")).isEqualTo("WRITTEN_OFF");
        assertThat(chargeStatus("1005")).isEqualTo("REGISTERED");
        Map<String, Object> t1 = jdbc.queryForMap("select status, open_balance from receivable where tenant_id = ? and external_id = 'T1'", tenant);
        assertThat(t1.get("status")).isEqualTo("PAID");
        assertThat((BigDecimal) t1.get("open_balance")).isEqualByComparingTo("0.00");
        assertThat(jdbc.queryForObject("select open_balance from receivable where tenant_id = ? and external_id = 'T2'", BigDecimal.class, tenant))
                .isEqualByComparingTo("200.00");

        List<Map<String, Object>> exceptions = jdbc.queryForList(
                "select kind, reason, payment_id from reconciliation_exception where tenant_id = ? order by kind", tenant);
        assertThat(exceptions).extracting(e -> e.get("kind")).containsExactly("AMOUNT_DIFFERS", "ENTRY_REJECTED", "UNMATCHED");
        assertThat((String) exceptions.get(0).get("reason")).contains("paid 180.00").contains("200.00");
        assertThat((String) exceptions.get(2).get("reason")).contains("777777").contains("payment of 50.00 recorded unallocated");
        assertThat(exceptions.get(2).get("payment_id")).isNotNull();
        // money that arrived is always recorded, allocated or not
        assertThat(jdbc.queryForObject("select sum(amount) from payment where tenant_id = ?", BigDecimal.class, tenant))
                .isEqualByComparingTo("330.00");

        // the same file again: applied once
        ReconciliationResult same = reconciliation.processReturn(tenant, bankReturn("ret1-again.ret", 1, moves));
        assertThat(same.importReport().status()).isIn("DUPLICATE", "PROCESSED");
        // the same movements in another file (the bank resends with a new sequence): nothing twice
        ReconciliationResult resent = reconciliation.processReturn(tenant, bankReturn("ret2.ret", 2, moves));
        assertThat(resent.importReport().status()).isEqualTo("PROCESSED");
        assertThat(resent.allocated()).isZero();
        assertThat(resent.duplicates()).isEqualTo(3);
        assertThat(resent.statusUpdates()).isZero();
        assertThat(resent.exceptions()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from payment where tenant_id = ?", Integer.class, tenant)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from allocation where tenant_id = ?", Integer.class, tenant)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from reconciliation_exception where tenant_id = ?", Integer.class, tenant)).isEqualTo(3);
    }

    @Test
    void aSecondSettlementOfAPaidReceivableIsAnExceptionNotASecondAllocation() throws IOException {
        reconciliation.processReturn(tenant, bankReturn("a.ret", 1, List.of(move("1001", MovementKind.SETTLED, "100.00", "100.00"))));
        ReconciliationResult late = reconciliation.processReturn(tenant, bankReturn("b.ret", 2,
                List.of(move("1001", MovementKind.SETTLED_AFTER_WRITE_OFF, "100.00", "100.00"))));
        assertThat(late.allocated()).isZero();
        assertThat(jdbc.queryForObject("select kind from reconciliation_exception where tenant_id = ?", String.class, tenant))
                .isEqualTo("RECEIVABLE_NOT_OPEN");
        assertThat(jdbc.queryForObject("select count(*) from allocation where tenant_id = ?", Integer.class, tenant)).isEqualTo(1);
    }

    @Test
    void aPaidReceivableCanNoLongerBeChangedByTheErp() throws IOException {
        reconciliation.processReturn(tenant, bankReturn("a.ret", 1, List.of(move("1001", MovementKind.SETTLED, "100.00", "100.00"))));
        Path csv = tmp.resolve("carteira-v2.csv");
        Files.writeString(csv, """
                id_titulo;emissao;vencimento;valor;cpf_cnpj;nome
                T1;01/11/2026;20/11/2026;150,00;12345678909;Ana Souza
                """, StandardCharsets.UTF_8);
        var report = ingest.importFile(tenant, new SourceFile("carteira-v2.csv", csv));
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.updated()).isZero();
        assertThat(jdbc.queryForObject("select original_amount from receivable where tenant_id = ? and external_id = 'T1'", BigDecimal.class, tenant))
                .isEqualByComparingTo("100.00");
    }

    @Test
    void aReturnOfABankWhereTheTenantHasNothingIsRefusedAsMisrouted() throws IOException {
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).get(0).extension();
        var bb = new br.com.recebiveishub.sdk.model.BankAccount("001", "1234", "", "99999", "", "17", "1234567", "Outro Cliente",
                br.com.recebiveishub.sdk.model.Documento.parse("45678912000155"), null);
        Path f = tmp.resolve("bb.ret");
        Files.write(f, bank.simulateReturn(bb, 1, PAID_ON, List.of(new SimulatedMovement(
                new IssuedCharge("001", "12345670000000001", null, null, null), "X", MovementKind.SETTLED, DUE,
                new BigDecimal("100.00"), new BigDecimal("100.00"), BigDecimal.ZERO, PAID_ON, PAID_ON))));
        ReconciliationResult r = reconciliation.processReturn(tenant, new SourceFile("bb.ret", f));
        assertThat(r.importReport().status()).isEqualTo("FAILED");
        assertThat(r.importReport().error()).contains("bank 001").contains("another client");
        assertThat(jdbc.queryForObject("select count(*) from payment where tenant_id = ?", Integer.class, tenant)).isZero();
    }

    @Test
    void anotherClientsReturnAtTheSameBankIsRefusedAndPaysNothing() throws IOException {
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).get(0).extension();
        var otherClient = new br.com.recebiveishub.sdk.model.BankAccount("104", "4321", "", "11111", "0", "14", "765432", "Outro Cliente",
                br.com.recebiveishub.sdk.model.Documento.parse("45678912000155"), null);
        Path f = tmp.resolve("outro.ret");
        // same bank, same nosso número as this tenant's T1: only the header tells whose file it is
        Files.write(f, bank.simulateReturn(otherClient, 1, PAID_ON, List.of(move("1001", MovementKind.SETTLED, "100.00", "100.00"))));
        ReconciliationResult r = reconciliation.processReturn(tenant, new SourceFile("outro.ret", f));
        assertThat(r.importReport().status()).isEqualTo("FAILED");
        assertThat(r.importReport().error()).contains("765432").contains("another client");
        assertThat(chargeStatus("1001")).isEqualTo("REGISTERED");
    }

    @Test
    void aResentConfirmationOfAnUnknownBoletoRaisesNoSecondException() throws IOException {
        List<SimulatedMovement> moves = List.of(move("555555", MovementKind.ENTRY_CONFIRMED, "10.00", "0.00"));
        reconciliation.processReturn(tenant, bankReturn("c1.ret", 1, moves));
        reconciliation.processReturn(tenant, bankReturn("c2.ret", 2, moves));
        assertThat(jdbc.queryForObject("select count(*) from reconciliation_exception where tenant_id = ? and kind = 'UNMATCHED'",
                Integer.class, tenant)).isEqualTo(1);
    }

    @Test
    void anUnreadableReturnFileAppliesNothing() throws IOException {
        Path f = tmp.resolve("lixo.ret");
        Files.writeString(f, "isto nao e um retorno CNAB\r\n");
        ReconciliationResult r = reconciliation.processReturn(tenant, new SourceFile("lixo.ret", f));
        assertThat(r.importReport().status()).isEqualTo("FAILED");
        assertThat(r.importReport().error()).isNotBlank();
        assertThat(jdbc.queryForObject("select count(*) from return_movement where tenant_id = ?", Integer.class, tenant)).isZero();
    }
}
