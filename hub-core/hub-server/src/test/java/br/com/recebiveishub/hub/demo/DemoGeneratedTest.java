package br.com.recebiveishub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.sdk.model.GeneratedSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The main job on a fresh clone: the project writes the client's NF-e and CSV exports itself and
 * a bank simulator writes the CNAB 240 return. Expectations come from what the generator says it
 * wrote and from the simulator's script (DemoRunner.simulateReturn), checked against the database.
 */
class DemoGeneratedTest extends HubIntegrationTest {

    @Autowired
    DemoRunner demo;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void runsTheMainJobOnGeneratedFilesAndReconcilesTheSimulatedReturn() throws Exception {
        String tenant = newTenantId("gen");
        DemoRunner.DemoResult r = demo.run(tenant, null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Duration.ofMinutes(1));

        int expectedReceivables = r.generated().stream().mapToInt(GeneratedSource::receivables).sum();
        BigDecimal expectedTotal = r.generated().stream().map(GeneratedSource::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(r.generated()).hasSizeGreaterThan(2);
        assertThat(r.imports()).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo("PROCESSED");
            assertThat(i.rejected()).isZero();
        });
        assertThat(jdbc.queryForObject("select count(*) from receivable where tenant_id = ?", Integer.class, tenant)).isEqualTo(expectedReceivables);
        assertThat(jdbc.queryForObject("select sum(original_amount) from receivable where tenant_id = ?", BigDecimal.class, tenant))
                .isEqualByComparingTo(expectedTotal);

        // every receivable got a boleto; the remessa has header, batch header, P+Q+R per title, two trailers
        assertThat(r.issue().issued()).isEqualTo(expectedReceivables);
        assertThat(r.issue().total()).isEqualByComparingTo(expectedTotal);
        List<String> remessa = Files.readAllLines(Path.of(r.issue().remessaPath()), StandardCharsets.ISO_8859_1);
        assertThat(remessa).hasSize(4 + 3 * expectedReceivables).allSatisfy(l -> assertThat(l).hasSize(240));
        assertThat(new String(Files.readAllBytes(Path.of(r.issue().remessaPath())), StandardCharsets.ISO_8859_1)).contains("\r\n");
        assertThat(jdbc.queryForList("select linha_digitavel from charge where tenant_id = ?", String.class, tenant))
                .allSatisfy(l -> assertThat(l).hasSize(47).startsWith("104"));

        // the simulator's script, per charge in id order: i%10==9 unpaid, i%10==8 entry confirmed,
        // i==7 paid 3.17 more than due, others paid exactly; plus one deposit for an unknown nosso número
        List<Map<String, Object>> charges = jdbc.queryForList("select id, amount, status from charge where tenant_id = ? order by id", tenant);
        int n = charges.size();
        int settledExact = 0;
        int confirmed = 0;
        BigDecimal allocatedAmount = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            String status = (String) charges.get(i).get("status");
            if (i % 10 == 9) {
                assertThat(status).isEqualTo("REGISTRATION_PENDING");
            } else if (i % 10 == 8) {
                confirmed++;
                assertThat(status).isEqualTo("REGISTERED");
            } else if (i == 7) {
                assertThat(status).isEqualTo("REGISTRATION_PENDING");
            } else {
                settledExact++;
                allocatedAmount = allocatedAmount.add((BigDecimal) charges.get(i).get("amount"));
                assertThat(status).isEqualTo("PAID");
            }
        }
        assertThat(r.reconciliation().settlements()).isEqualTo(settledExact + 1 + 1);
        assertThat(r.reconciliation().allocated()).isEqualTo(settledExact);
        assertThat(r.reconciliation().allocatedAmount()).isEqualByComparingTo(allocatedAmount);
        assertThat(r.reconciliation().statusUpdates()).isEqualTo(confirmed);
        assertThat(jdbc.queryForList("select kind from reconciliation_exception where tenant_id = ? order by kind", String.class, tenant))
                .containsExactly("AMOUNT_DIFFERS", "UNMATCHED");
        assertThat(jdbc.queryForObject("select count(*) from payment where tenant_id = ? and charge_id is null", Integer.class, tenant))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from receivable where tenant_id = ? and status = 'PAID'", Integer.class, tenant))
                .isEqualTo(settledExact);

        // audit: each paid receivable has two versions, the first closed by the reconciliation's revision
        Map<String, Object> history = jdbc.queryForMap("""
                select count(*) as versions, count(*) filter (where a.revend is null) as open_versions,
                       max(h.source) filter (where a.revtype = 1) as mod_source, max(h.actor) filter (where a.revtype = 0) as add_actor
                  from receivable_aud a join hub_revision h on h.id = a.rev
                 where a.id = (select min(id) from receivable where tenant_id = ? and status = 'PAID')""", tenant);
        assertThat(history.get("versions")).isEqualTo(2L);
        assertThat(history.get("open_versions")).isEqualTo(1L);
        assertThat(history.get("mod_source")).isEqualTo("plugin:pay-boleto");
        assertThat((String) history.get("add_actor")).startsWith("system:erp-inbox-");

        // running it again changes nothing: the ERP files are recognised by content; the bank's return,
        // whether the same bytes (DUPLICATE) or a new file with the same movements, pays nothing twice
        long payments = jdbc.queryForObject("select count(*) from payment where tenant_id = ?", Long.class, tenant);
        long auditRows = jdbc.queryForObject("select count(*) from receivable_aud where tenant_id = ?", Long.class, tenant);
        DemoRunner.DemoResult again = demo.run(tenant, null, new PrintStream(new ByteArrayOutputStream()), Duration.ofMinutes(1));
        assertThat(again.imports()).allSatisfy(i -> assertThat(i.status()).isEqualTo("DUPLICATE"));
        assertThat(again.issue().issued()).isZero();
        assertThat(again.reconciliation().allocated()).isZero();
        assertThat(again.reconciliation().statusUpdates()).isZero();
        assertThat(again.reconciliation().exceptions()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from payment where tenant_id = ?", Long.class, tenant)).isEqualTo(payments);
        assertThat(jdbc.queryForObject("select count(*) from receivable_aud where tenant_id = ?", Long.class, tenant)).isEqualTo(auditRows);
    }
}
