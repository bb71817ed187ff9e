package br.com.recebiveishub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the benchmark code end to end on tiny inputs (1,000 receivables; portfolios of 1,000 and
 * 2,000 charges with 500 settlements; 20 Pix webhook notifications) and checks it measures what it
 * claims: every row ingested and audited, every settlement allocated, every notification settled
 * once and its replay adding nothing, the COPY baselines complete, the report complete.
 * Not a benchmark: the figures of a run this small mean nothing.
 */
class BenchmarkSmokeTest {

    @Test
    void benchmarkCodeProducesCorrectCounts() throws Exception {
        Path data = Path.of(System.getProperty("bench.work-dir", "target/smoke")).toAbsolutePath();
        deleteTree(data);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchMain.Options o = BenchMain.Options.parse("--ingest-sizes=1000", "--portfolios=1000,2000", "--settle=500", "--warmup=0",
                "--plugins-dir=" + System.getProperty("bench.plugins-dir", "target/plugins"), "--data-dir=" + data, "--top=3",
                "--chain-compare=500", "--webhooks=20", "--webhook-threads=4");
        BenchMain.Report r;
        int lot = HubBench.movementsPerLot;
        HubBench.movementsPerLot = 200; // 500 settlements in 3 CNAB batches: the join of batches is exercised too
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            r = BenchMain.run(o, out);
        } finally {
            HubBench.movementsPerLot = lot;
        }

        assertThat(r.chain().rows()).isEqualTo(500);
        assertThat(r.chain().offWallMs()).isPositive();
        assertThat(r.chain().onWallMs()).isPositive();
        // on: the import's revisions (one per batch of the 500 rows) and the tenant's creation are chained
        assertThat(r.chain().chainEntries()).isPositive();

        assertThat(r.ingests()).singleElement().satisfies(f -> {
            assertThat(f.rows()).isEqualTo(1000);
            assertThat(f.read()).isEqualTo(1000);
            assertThat(f.created()).isEqualTo(1000);
            assertThat(f.rejected()).isZero();
            assertThat(f.receivables()).isEqualTo(1000);
            assertThat(f.auditVersions()).isEqualTo(1000);
            assertThat(f.wallMs()).isGreaterThanOrEqualTo(f.serviceMs()).isPositive();
            assertThat(f.server().statements()).anySatisfy(s -> assertThat(s.sql()).startsWith("insert into receivable as r"));
            assertThat(f.server().walBytes()).isPositive();
        });
        assertThat(r.ingestCopies()).singleElement().satisfies(c -> assertThat(c.rows()).isEqualTo(1000));

        assertThat(r.recons()).hasSize(2).allSatisfy(f -> {
            assertThat(f.settled()).isEqualTo(500);
            assertThat(f.result().settlements()).isEqualTo(500);
            assertThat(f.result().allocated()).isEqualTo(500);
            assertThat(f.result().exceptions()).isZero();
            assertThat(f.result().duplicates()).isZero();
            assertThat(f.paidReceivables()).isEqualTo(500);
            assertThat(f.server().statements()).anySatisfy(s -> assertThat(s.sql()).startsWith("insert into recon_decision"));
        });
        assertThat(r.recons()).extracting(HubBench.ReconFigures::portfolio).containsExactly(1000, 2000);
        assertThat(r.reconCopies()).hasSize(2).allSatisfy(c -> assertThat(c.rows()).isEqualTo(500));

        assertThat(r.checks()).extracting(BenchMain.Check::name).containsExactly(
                "ingest throughput, hash chain on / off, 500 rows",
                "ingest / COPY throughput at 1,000 rows",
                "reconciliation time, portfolio 2,000 / 1,000",
                "reconciliation / COPY throughput, portfolio 1,000",
                "reconciliation / COPY throughput, portfolio 2,000",
                "Pix webhook / no-op throughput, 20 notifications, 4 threads");
        // every notification kept once by the real webhook and settled by the inbox (read back at the PSP simulator); the replay adds nothing
        assertThat(r.webhook().notifications()).isEqualTo(20);
        assertThat(r.webhook().noop().non200()).isZero();
        assertThat(r.webhook().webhook().non200()).isZero();
        assertThat(r.webhook().acceptedReported()).isEqualTo(20);
        assertThat(r.webhook().settledAllMs()).isPositive();
        assertThat(r.webhook().payments()).isEqualTo(20);
        assertThat(r.webhook().allocations()).isEqualTo(20);
        assertThat(r.webhook().paidReceivables()).isEqualTo(20);
        assertThat(r.webhook().replay().requests()).isEqualTo(20);
        assertThat(r.webhook().replay().non200()).isZero();
        assertThat(r.webhook().extraPaymentsOnReplay()).isZero();
        assertThat(r.webhook().paymentsAfterReplay()).isEqualTo(20);
        assertThat(r.webhook().allocationsAfterReplay()).isEqualTo(20);
        assertThat(r.webhook().readBack().non200()).isZero();
        assertThat(r.markdown()).contains("**Pix webhook**", "0 extra");
        assertThat(r.markdown()).contains("**Hash chain cost**", "| target |", "server time in statements");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("processReturn:", "COPY baseline");
        deleteTree(data);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
