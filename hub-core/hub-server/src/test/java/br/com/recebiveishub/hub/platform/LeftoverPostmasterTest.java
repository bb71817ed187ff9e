package br.com.recebiveishub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.platform.LeftoverPostmaster.Action;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Which postmaster.pid leftovers the hub may act on: only this directory's PostgreSQL is ever stopped. */
class LeftoverPostmasterTest {

    static final Path BINARIES = Path.of("/srv/hub/.hub/postgres/runtime");
    static final long OWN_PID = 4242;

    static LongFunction<Optional<String>> live(Map<Long, String> commands) {
        return pid -> Optional.ofNullable(commands.get(pid));
    }

    static Action decide(List<String> pidFile, Map<Long, String> commands) {
        return LeftoverPostmaster.decide(pidFile, BINARIES, OWN_PID, live(commands)).action();
    }

    @Test
    void noPidFileNeedsNothing() {
        assertThat(decide(null, Map.of())).isEqualTo(Action.NONE);
    }

    @Test
    void stopsAnOrphanRunningThisDirectorysPostgres() {
        LeftoverPostmaster.Decision d = LeftoverPostmaster.decide(List.of("1234", "/srv/hub/.hub/postgres/data"), BINARIES, OWN_PID,
                live(Map.of(1234L, "/srv/hub/.hub/postgres/runtime/PG-2b4f0c/bin/postgres")));

        assertThat(d.action()).isEqualTo(Action.STOP_POSTMASTER);
        assertThat(d.pid()).isEqualTo(1234);
    }

    @Test
    void aReusedPidRunningAnotherProgramIsNeverStopped() {
        // after a reboot the pid of the file may belong to anything: sshd, the JVM of another service...
        assertThat(decide(List.of("1234"), Map.of(1234L, "/usr/sbin/sshd"))).isEqualTo(Action.DELETE_PID_FILE);
        assertThat(decide(List.of("1234"), Map.of(1234L, "/usr/lib/jvm/java-17/bin/java"))).isEqualTo(Action.DELETE_PID_FILE);
    }

    @Test
    void anotherPostgresOfTheMachineIsNeverStopped() {
        assertThat(decide(List.of("1234"), Map.of(1234L, "/usr/lib/postgresql/17/bin/postgres"))).isEqualTo(Action.DELETE_PID_FILE);
        assertThat(decide(List.of("1234"), Map.of(1234L, "/srv/hub/.hub/postgres/runtime-old/bin/postgres")))
                .isEqualTo(Action.DELETE_PID_FILE);
        assertThat(decide(List.of("1234"), Map.of(1234L, "/srv/hub/.hub/postgres/runtime/PG-2b4f0c/bin/pg_ctl")))
                .isEqualTo(Action.DELETE_PID_FILE);
    }

    @Test
    void aDeadOrUnreadablePidOnlyLosesItsFile() {
        assertThat(decide(List.of("1234"), Map.of())).isEqualTo(Action.DELETE_PID_FILE);
        assertThat(decide(List.of("garbage"), Map.of())).isEqualTo(Action.DELETE_PID_FILE);
        assertThat(decide(List.of(), Map.of())).isEqualTo(Action.DELETE_PID_FILE);
        assertThat(decide(List.of("-1"), Map.of(-1L, "/srv/hub/.hub/postgres/runtime/PG-1/bin/postgres"))).isEqualTo(Action.DELETE_PID_FILE);
    }

    @Test
    void neverStopsItself() {
        assertThat(decide(List.of(String.valueOf(OWN_PID)), Map.of(OWN_PID, "/srv/hub/.hub/postgres/runtime/PG-1/bin/postgres")))
                .isEqualTo(Action.DELETE_PID_FILE);
    }

    @Test
    void recognisesABinaryDeletedWhileRunning() {
        assertThat(decide(List.of("1234"), Map.of(1234L, "/srv/hub/.hub/postgres/runtime/PG-1/bin/postgres (deleted)")))
                .isEqualTo(Action.STOP_POSTMASTER);
    }
}
