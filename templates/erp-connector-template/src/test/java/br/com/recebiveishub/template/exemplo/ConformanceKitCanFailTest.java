package br.com.recebiveishub.template.exemplo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The kit can fail: ErpApiConnectorConformance run (through the JUnit Platform launcher) on the
 * Exemplo connector broken in one documented way at a time must fail the test about that promise.
 * The intact connector passing is ExemploConformanceTest. Template only: ./hub new-plugin does not
 * copy it.
 */
class ConformanceKitCanFailTest {

    @AfterAll
    static void stop() {
        BrokenExemploConnectors.ERP.close();
    }

    @Test
    void ignoringTheCursorFailsTheResumedRead() {
        assertThat(failed(BrokenExemploConnectors.IgnoresTheCursor.class)).contains("readResumedFromTheLastCheckpointGivesEveryChangeAndNothingElse()");
    }

    @Test
    void swallowingTheSinksFailureFailsTheInterruptedRead() {
        assertThat(failed(BrokenExemploConnectors.SwallowsTheSinksFailure.class)).containsExactly("readInterruptedAfterItsFirstCheckpointResumesFromItLosingNothing()");
    }

    @Test
    void givingRecordsTwiceFailsTheReads() {
        assertThat(failed(BrokenExemploConnectors.GivesRecordsTwice.class)).contains("readFromTheStartDeliversEveryRecordTheErpHoldsOnceAndValid()",
                "readResumedFromTheLastCheckpointGivesEveryChangeAndNothingElse()");
    }

    @Test
    void aNewKeyPerWriteBackFailsIdempotency() {
        assertThat(failed(BrokenExemploConnectors.WritesBackWithANewKeyEachTime.class)).containsExactly("writeBackIsIdempotentByItsKey()");
    }

    @Test
    void throwingWhenUnreachableFailsTheCheck() {
        assertThat(failed(BrokenExemploConnectors.ThrowsWhenUnreachable.class)).containsExactly("checkOfAnUnreachableErpFailsAsUnreachableWithoutThrowing()");
    }

    /** @return the display names of the suite's tests that failed on {@code suite} */
    private static Set<String> failed(Class<?> suite) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsFoundCount()).as("tests of the suite found").isGreaterThan(0);
        Set<String> names = new TreeSet<>();
        summary.getFailures().forEach(f -> names.add(f.getTestIdentifier().getDisplayName()));
        return names;
    }
}
