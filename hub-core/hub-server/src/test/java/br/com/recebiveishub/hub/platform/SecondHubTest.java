package br.com.recebiveishub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.hub.HubApplication;
import br.com.recebiveishub.hub.HubIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A second hub on the data directory of a running one must fail at once and leave the running
 * hub's PostgreSQL alone (it used to "stop an orphan PostgreSQL": the running hub's).
 */
class SecondHubTest extends HubIntegrationTest {

    @Autowired
    HubProperties props;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path tmp;

    @Test
    void aSecondHubOnTheSameDataDirectoryFailsAtOnceAndTheRunningHubKeepsItsDatabase() throws Exception {
        Path pidFile = props.dataDir().resolve("postgres/data/postmaster.pid");
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        String expected = "another hub is running on data directory " + props.dataDir() + " (pid " + ProcessHandle.current().pid() + ")";

        // another process: the real start-up of a second hub
        Path log = tmp.resolve("second-hub.log");
        Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), HubApplication.class.getName(),
                "--hub.data-dir=" + props.dataDir(), "--hub.plugins-dir=" + props.pluginsDir(), "--server.port=0",
                "--spring.main.banner-mode=off")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = second.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            second.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the second hub must fail start-up, not run:%n%s", output).isTrue();
        assertThat(second.exitValue()).isNotZero();
        assertThat(output).contains(expected).doesNotContain("Stopped an orphan PostgreSQL");

        // another context of this JVM
        assertThatThrownBy(() -> DataDirectoryLock.acquire(props.dataDir()))
                .isInstanceOf(IllegalStateException.class).hasMessage(expected);

        // the running hub: same PostgreSQL, still answering
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);
        assertThat(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).isEqualTo(postmaster);
        assertThat(jdbc.queryForObject("select count(*) from tenant", Long.class)).isNotNull();
    }

    @Test
    void commitsAreSynchronous() {
        assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
    }

    @Test
    void recognisesTheRunningPostmasterAsThisDirectorysPostgres() throws Exception {
        // what the start-up would decide about this very postmaster if its hub had been killed
        Path postgres = props.dataDir().resolve("postgres");
        List<String> pidFile = Files.readAllLines(postgres.resolve("data/postmaster.pid"));

        LeftoverPostmaster.Decision d = LeftoverPostmaster.decide(pidFile, postgres.resolve("runtime").toRealPath(),
                ProcessHandle.current().pid(), LeftoverPostmaster::liveCommandOf);

        assertThat(d.action()).as(d.reason()).isEqualTo(LeftoverPostmaster.Action.STOP_POSTMASTER);
    }
}
