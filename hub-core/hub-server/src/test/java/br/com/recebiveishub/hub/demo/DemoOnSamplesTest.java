package br.com.recebiveishub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.ImportLog;
import br.com.recebiveishub.hub.ingest.ImportReport;
import br.com.recebiveishub.hub.kpi.KpiService;
import br.com.recebiveishub.testkit.SharedSamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The main job on the real files of ../shared/samples: SEFAZ NF-e files, our client's export of
 * the titles it registered at Caixa, and Caixa's real CNAB 240 return. Expected values are the
 * ones in the files (see shared/samples/SOURCES.md), read by eye, not taken from the code.
 */
class DemoOnSamplesTest extends HubIntegrationTest {

    @Autowired
    DemoRunner demo;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KpiService kpis;
    @Autowired
    ImportLog importLog;

    @Test
    void runsTheMainJobOnTheRealFilesAndAssertsTheirFigures() throws Exception {
        Path samples = SharedSamples.require("samples");
        String tenant = newTenantId("samples");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoRunner.DemoResult r = demo.run(tenant, samples, new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofMinutes(1));

        // NF-e 4.00 authorised: one duplicata, nDup 001, due 2018-12-31, 1.00
        ImportReport nfe = r.imports().get(0);
        assertThat(nfe.fileName()).isEqualTo("nfe-4.00-autorizada.xml");
        assertThat(nfe.status()).isEqualTo("PROCESSED");
        assertThat(nfe.created()).isEqualTo(1);
        Map<String, Object> rec = jdbc.queryForMap("select * from receivable where tenant_id = ? and source_system = 'NFE'", tenant);
        assertThat(rec.get("external_id")).isEqualTo("43180906929383000163550010000000261000010301/001");
        assertThat(rec.get("due_date").toString()).isEqualTo("2018-12-31");
        assertThat((BigDecimal) rec.get("original_amount")).isEqualByComparingTo("1.00");

        // NF-e whose recipient CPF has 12 digits: reported, nothing imported from it
        ImportReport bad = importLog.get(tenant, r.imports().get(1).id()).orElseThrow();
        assertThat(bad.fileName()).isEqualTo("nfe-4.00-cpf-invalido.xml");
        assertThat(bad.created()).isZero();
        assertThat(bad.rejected()).isEqualTo(1);
        assertThat(bad.rejections().get(0).field()).isEqualTo("dest/CPF");
        assertThat(bad.rejections().get(0).reason()).startsWith("CPF invalid");

        // the client's export of the 9 titles registered at Caixa
        assertThat(r.imports().get(2).created()).isEqualTo(9);
        // ...recorded as charges at Caixa (3 of them paid by the return below, the other 6 still registered)
        assertThat(jdbc.queryForList("select status from charge where tenant_id = ? and bank_code = '104' and barcode is null", String.class, tenant))
                .hasSize(9).containsOnly("REGISTERED", "PAID").filteredOn("PAID"::equals).hasSize(3);

        // only the NF-e receivable needed a new boleto
        assertThat(r.issue().issued()).isEqualTo(1);
        assertThat(r.issue().total()).isEqualByComparingTo("1.00");

        // Caixa SIGCB return: 9 settlements (code 06); 3 paid the face value, 6 paid less (discount)
        assertThat(r.reconciliation().settlements()).isEqualTo(9);
        assertThat(r.reconciliation().allocated()).isEqualTo(3);
        assertThat(r.reconciliation().allocatedAmount()).isEqualByComparingTo("240.00");
        assertThat(r.reconciliation().fees()).isEqualByComparingTo("12.70"); // 8 x 1.25 + 2.70
        assertThat(r.reconciliation().exceptions()).isEqualTo(6);
        assertThat(jdbc.queryForObject("select sum(amount) from payment where tenant_id = ?", BigDecimal.class, tenant))
                .isEqualByComparingTo("1010.00");

        // first title of the file: nosso número 11136997, paid 80.00, fee 1.25, occurrence 2014-01-06, credit 2014-01-07
        Map<String, Object> first = jdbc.queryForMap("select * from payment where tenant_id = ? and nosso_numero = '11136997'", tenant);
        assertThat((BigDecimal) first.get("amount")).isEqualByComparingTo("80.00");
        assertThat((BigDecimal) first.get("fee")).isEqualByComparingTo("1.25");
        assertThat(first.get("payment_date").toString()).isEqualTo("2014-01-06");
        assertThat(first.get("credit_date").toString()).isEqualTo("2014-01-07");
        assertThat(first.get("source_line")).isEqualTo(3L);
        assertThat(jdbc.queryForObject("""
                select r.status from receivable r join allocation a on a.receivable_id = r.id join payment p on p.id = a.payment_id
                 where p.id = ?""", String.class, first.get("id"))).isEqualTo("PAID");

        // the title of 480.00 paid with 420.00 waits for an operator, with the reason
        List<String> reasons = jdbc.queryForList("select reason from reconciliation_exception where tenant_id = ? and kind = 'AMOUNT_DIFFERS'",
                String.class, tenant);
        assertThat(reasons).hasSize(6).anySatisfy(x -> assertThat(x).contains("paid 420.00").contains("480.00"));

        // aging as of 2014-01-31: the six unsettled titles, all 16-21 days past due
        KpiService.KpiReport k = kpis.report(tenant, LocalDate.of(2014, 1, 31), 90);
        assertThat(k.totalOpenBalance()).isEqualByComparingTo("880.00");
        assertThat(k.aging().get(1).bucket()).isEqualTo("D1_30");
        assertThat(k.aging().get(1).receivables()).isEqualTo(6);
        assertThat(k.aging().get(1).delinquencyIndex()).isEqualByComparingTo("100.00");
        assertThat(k.dsoDays()).isEqualByComparingTo("70.7");             // 880 / 1120 x 90
        assertThat(k.averageDaysPastDue()).isEqualByComparingTo("20.2");  // (5 x 21 + 16) / 6
        assertThat(k.weightedDaysPastDue()).isEqualByComparingTo("20.5"); // 18080 / 880

        // as of 2014-01-03 nothing had been paid yet: the history, not today's balance, decides
        KpiService.KpiReport before = kpis.report(tenant, LocalDate.of(2014, 1, 3), 90);
        assertThat(before.totalOpenBalance()).isEqualByComparingTo("1120.00");
        assertThat(before.aging().get(0).receivables()).isEqualTo(8);
        assertThat(before.aging().get(1).openBalance()).isEqualByComparingTo("80.00");

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("allocated 3 (R$ 240.00)").contains("CPF invalid");

        // the same run again changes nothing: every file is recognised as already applied
        DemoRunner.DemoResult again = demo.run(tenant, samples, new PrintStream(new ByteArrayOutputStream()), Duration.ofMinutes(1));
        assertThat(again.imports()).allSatisfy(i -> assertThat(i.status()).isEqualTo("DUPLICATE"));
        assertThat(again.issue().issued()).isZero();
        assertThat(again.reconciliation().importReport().status()).isEqualTo("DUPLICATE");
        assertThat(jdbc.queryForObject("select count(*) from payment where tenant_id = ?", Integer.class, tenant)).isEqualTo(9);
        assertThat(jdbc.queryForObject("select count(*) from allocation where tenant_id = ?", Integer.class, tenant)).isEqualTo(3);
    }
}
