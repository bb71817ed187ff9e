package br.com.recebiveishub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark, not a test (issue 3 item 10): verify speed over 1,000,000 chain entries. Surefire
 * skips it (the name does not end in Test, and it only runs with {@code -Daudit.bench=true}):
 *
 * <pre>
 * mvn -B verify -pl hub-core/hub-server -Dtest=AuditVerifyBench -Daudit.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * {@code -Daudit.bench.entries=N} changes the size. It writes N synthetic access-log rows for one
 * tenant with one INSERT … SELECT, lets the appender chain them (append speed), signs a
 * checkpoint, then verifies the tenant's chain twice and everything once (verify speed). The
 * figures are printed and written to {@code target/audit-verify-bench.txt}.
 */
@EnabledIfSystemProperty(named = "audit.bench", matches = "true")
class AuditVerifyBench extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditChain chain;
    @Autowired
    AuditVerifier verifier;

    @Test
    void verifySpeedOverOneMillionEntries() throws IOException {
        int n = Integer.getInteger("audit.bench.entries", 1_000_000);
        String tenant = newTenantId("bench");
        chain.catchUp();

        long t0 = System.nanoTime();
        jdbc.update("""
                insert into access_log (at, actor, actor_username, tenant_id, subject_type, subject_id, endpoint, purpose,
                                        client_address, user_agent, correlation_id)
                select clock_timestamp(), 'sub-' || (g % 50), 'user' || (g % 50), ?, 'CUSTOMER', (g % 20000)::text,
                       'GET /api/tenants/{tenantId}/customers/{id}', 'collection', '10.0.' || (g % 250) || '.' || (g % 200),
                       'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
                       md5(g::text)
                  from generate_series(1, ?) g""", tenant, n);
        double insertS = seconds(t0);

        long t1 = System.nanoTime();
        chain.catchUp(Duration.ofHours(1));
        double appendS = seconds(t1);
        System.out.printf("audit bench: inserted %d rows in %.1f s, chained in %.1f s%n", n, insertS, appendS);
        assertThat(jdbc.queryForObject("select count(*) from audit_chain where tenant_id = ?", Long.class, tenant)).isEqualTo(n);
        chain.checkpointNow(tenant); // the background appender may have signed the head already

        StringBuilder out = new StringBuilder();
        out.append(String.format("audit verify benchmark: %,d access-log entries in one tenant chain%n", n));
        out.append(String.format("  insert (INSERT ... SELECT):   %7.1f s  %,10.0f rows/s%n", insertS, n / insertS));
        out.append(String.format("  append to the chain:          %7.1f s  %,10.0f entries/s%n", appendS, n / appendS));
        for (int run = 1; run <= 2; run++) {
            AuditVerifier.Result r = verifier.verify(tenant);
            assertThat(r.ok()).as("%s", r).isTrue();
            assertThat(r.entries()).isEqualTo(n);
            out.append(String.format("  verify tenant chain (run %d):  %7.1f s  %,10d entries/s, %d checkpoints%n", run, r.millis() / 1000.0,
                    r.entriesPerSecond(), r.checkpoints()));
        }
        AuditVerifier.Result all = verifier.verifyAll();
        assertThat(all.ok()).as("%s", all.firstProblem()).isTrue();
        out.append(String.format("  verify all chains:            %7.1f s  %,10d entries/s (%,d entries)%n", all.millis() / 1000.0,
                all.entriesPerSecond(), all.entries()));
        out.append(String.format("  cores %d, max heap %d MB%n", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        System.out.print(out);
        Files.writeString(Path.of("target/audit-verify-bench.txt"), out);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
