package br.com.recebiveishub.hub.charge;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.tenant.BankAccountConfig;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issuing boletos: one refused receivable does not block the others, and no nosso número is wasted or reused. */
class ChargeServiceTest extends HubIntegrationTest {

    @Autowired
    TenantService tenants;
    @Autowired
    IngestService ingest;
    @Autowired
    ChargeService charges;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path tmp;

    @Test
    void aReceivableTheBankCannotChargeIsReportedAndTheOthersAreIssued() throws IOException {
        String tenant = newTenantId("charge");
        tenants.create(tenant, "Cliente Teste Ltda", "11222333000181", 30, null);
        BankAccountConfig account = tenants.addBankAccount(tenant, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14",
                "432100", "pay-boleto", 700L, null, null));
        Path csv = tmp.resolve("t.csv");
        Files.writeString(csv, """
                id_titulo;documento;emissao;vencimento;valor;cpf_cnpj;nome
                A;NF 1/1;01/11/2026;01/12/2026;100,00;12345678909;Ana Souza
                B;PEDIDO-2026-000000123456789/PARCELA-01;01/11/2026;02/12/2026;200,00;12345678909;Ana Souza
                C;NF 3/1;01/11/2026;03/12/2026;100.000.000,00;12345678909;Ana Souza
                D;NF 4/1;01/11/2026;04/12/2026;400,00;12345678909;Ana Souza
                """, StandardCharsets.UTF_8);
        assertThat(ingest.importFile(tenant, new SourceFile("t.csv", csv)).created()).isEqualTo(4);

        ChargeService.IssueResult r = charges.issueBoletos(tenant, account.getId());

        // a boleto's amount field holds at most 99,999,999.99: C cannot be a boleto; a long document number is no obstacle
        assertThat(r.issued()).isEqualTo(3);
        assertThat(r.total()).isEqualByComparingTo("700.00");
        assertThat(r.notIssued()).singleElement().satisfies(n -> assertThat(n.reason()).isNotBlank());
        List<String> numbers = jdbc.queryForList("select nosso_numero from charge where tenant_id = ? order by id", String.class, tenant);
        assertThat(numbers).containsExactly("700", "701", "702");
        assertThat(Files.readString(Path.of(r.remessaPath()), StandardCharsets.ISO_8859_1)).contains("PEDIDO-2026-000000123456");

        ChargeService.IssueResult again = charges.issueBoletos(tenant, account.getId());
        assertThat(again.issued()).isZero();
        assertThat(again.notIssued()).hasSize(1);
        assertThat(tenants.bankAccounts(tenant).get(0).getNextNossoNumero()).isEqualTo(703);
        assertThat(Path.of(r.remessaPath()).getFileName().toString()).startsWith("conta" + account.getId() + "-");
    }

    @Test
    void numbersTheClientAlreadyRegisteredAreSkippedNotReused() throws IOException {
        String tenant = newTenantId("charge-skip");
        tenants.create(tenant, "Cliente Teste Ltda", "11222333000181", 30, null);
        BankAccountConfig account = tenants.addBankAccount(tenant, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14",
                "432100", "pay-boleto", 10L, null, null));
        Path csv = tmp.resolve("s.csv");
        Files.writeString(csv, """
                id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;banco;nosso_numero
                OLD;01/11/2026;01/12/2026;100,00;12345678909;Ana Souza;104;11
                NEW1;01/11/2026;02/12/2026;200,00;12345678909;Ana Souza;;
                NEW2;01/11/2026;03/12/2026;300,00;12345678909;Ana Souza;;
                """, StandardCharsets.UTF_8);
        ingest.importFile(tenant, new SourceFile("s.csv", csv));
        ChargeService.IssueResult r = charges.issueBoletos(tenant, account.getId());
        assertThat(r.issued()).isEqualTo(2);
        assertThat(jdbc.queryForList("select nosso_numero from charge where tenant_id = ? order by nosso_numero::bigint", String.class, tenant))
                .containsExactly("10", "11", "12");
    }
}
