package br.com.recebiveishub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.platform.HubProperties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A demo first run on an earlier day (its base date file says so) is continued on the base date,
 * not today: the generated exports and the simulated return are dated from it, so a run on any
 * later day writes the same files; the portfolio report alone is as of today.
 */
class DemoOnALaterDayTest extends HubIntegrationTest {

    @Autowired
    DemoRunner demo;
    @Autowired
    HubProperties props;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void filesAndTheBankReturnAreDatedFromTheStoredBaseDate() throws Exception {
        String tenant = newTenantId("gen-day");
        LocalDate today = LocalDate.now(props.zoneId());
        LocalDate base = today.minusDays(40);
        Path file = props.dataDir().resolve("demo-input").resolve(tenant).resolve("base-date");
        Files.createDirectories(file.getParent());
        Files.writeString(file, base + "\n");

        DemoRunner.DemoResult r = demo.run(tenant, null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Duration.ofMinutes(1));

        assertThat(r.imports()).isNotEmpty().allSatisfy(i -> assertThat(i.status()).isEqualTo("PROCESSED"));
        assertThat(r.reconciliation().importReport().fileName()).isEqualTo("retorno-simulado-104-" + base + ".ret");
        assertThat(jdbc.queryForList("select distinct payment_date from payment where tenant_id = ? and charge_id is not null",
                LocalDate.class, tenant)).containsExactly(base);
        assertThat(jdbc.queryForObject("select max(issue_date) from receivable where tenant_id = ?", LocalDate.class, tenant))
                .isBeforeOrEqualTo(base);
        assertThat(r.kpis().asOf()).isEqualTo(today);
        assertThat(Files.readString(file).trim()).isEqualTo(base.toString());
    }
}
