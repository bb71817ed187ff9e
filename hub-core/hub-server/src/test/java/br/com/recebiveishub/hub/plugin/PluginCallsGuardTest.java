package br.com.recebiveishub.hub.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import br.com.recebiveishub.sdk.MessageChannel;
import br.com.recebiveishub.sdk.StatementReader;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import br.com.recebiveishub.sdk.model.StatementFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard every payment, Pix, card, statement, renderer and channel plugin is handed out behind
 * (issue 5: "a plugin that throws, hangs or leaks cannot take the hub down"), on plugin classes
 * written here against the SDK: the call runs on the plugin's lane, a hang ends at the timeout as
 * the extension point's unknown outcome, an Error ends that call only, a declared exception is the
 * plugin's answer, and the bulkhead refuses what is beyond it.
 */
class PluginCallsGuardTest {

    private final PluginCalls calls = new PluginCalls(8, Duration.ofSeconds(30), 2, Duration.ofMillis(300));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHungCalls() {
        release.countDown();
        calls.destroy();
    }

    /** A channel plugin whose send hangs (ignoring interrupts) until the test ends, and whose status throws an Error. */
    private final class HangingChannel implements MessageChannel {
        final AtomicReference<String> sentOn = new AtomicReference<>();

        @Override
        public String channel() {
            return "EMAIL " + Thread.currentThread().getName();
        }

        @Override
        public DeliveryReceipt send(ChannelAccount account, OutboundMessage message) {
            sentOn.set(Thread.currentThread().getName());
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // a plugin that ignores interrupts
                }
            }
            return null;
        }

        @Override
        public Optional<DeliveryReceipt> status(ChannelAccount account, String messageId) {
            if (messageId.equals("overflow")) {
                throw new StackOverflowError();
            }
            return Optional.empty();
        }
    }

    @Test
    void aHungCallEndsAtTheTimeoutAsAnUnknownOutcomeAndTheBulkheadRefusesBeyondIt() {
        HangingChannel plugin = new HangingChannel();
        MessageChannel guarded = calls.guard(MessageChannel.class, "channel-hangs", plugin);

        assertThat(guarded.channel()).as("metadata runs on the caller's thread").isEqualTo("EMAIL " + Thread.currentThread().getName());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guarded.send(null, null)).isInstanceOf(UnknownOutcomeException.class)
                    .hasMessage("plugin channel-hangs did not answer MessageChannel.send within 300 ms");
        }
        assertThat(plugin.sentOn.get()).startsWith("plugin-channel-hangs-");
        // both slots held by hung calls: the next one is refused at once, and for a channel that is an unknown outcome too
        assertThatThrownBy(() -> guarded.status(null, "x")).isInstanceOf(UnknownOutcomeException.class)
                .hasMessageContaining("already has 2 calls running (its bulkhead)");
        PluginCalls.Stats stats = calls.stats().get(0);
        assertThat(stats.saturated()).isTrue();
        assertThat(stats.timeouts()).isEqualTo(2);
        assertThat(stats.bulkheadRejections()).isEqualTo(1);

        // started again, the plugin gets a fresh bulkhead; an Error in it ends that call only and marks it unhealthy
        calls.reset("channel-hangs");
        assertThat(guarded.status(null, "x")).isEmpty();
        assertThatThrownBy(() -> guarded.status(null, "overflow")).isInstanceOf(PluginCalls.PluginCallException.class)
                .hasMessage("plugin channel-hangs failed in MessageChannel.status (StackOverflowError)");
        assertThat(calls.stats().get(0).healthy()).isFalse();
        assertThat(calls.stats().get(0).abandoned()).isEqualTo(2);
    }

    @Test
    void aDeclaredExceptionIsThePluginsAnswerAndValuesComeBackUnchanged() throws Exception {
        StatementFile empty = new StatementFile("OFX", "UTF-8", List.of(), List.of());
        StatementReader reader = new StatementReader() {
            @Override
            public String format() {
                return "OFX";
            }

            @Override
            public boolean accepts(SourceFile file) {
                return file.name().endsWith(".ofx");
            }

            @Override
            public StatementFile read(SourceFile file) throws SourceFileException {
                if (file.name().startsWith("bad")) {
                    throw new SourceFileException(file.name(), 3, "BANKID", "missing");
                }
                return empty;
            }
        };
        StatementReader guarded = calls.guard(StatementReader.class, "bank-test", reader);

        assertThat(guarded.accepts(new SourceFile("a.ofx", Path.of("a.ofx")))).isTrue();
        assertThat(guarded.read(new SourceFile("a.ofx", Path.of("a.ofx")))).isSameAs(empty);
        assertThatThrownBy(() -> guarded.read(new SourceFile("bad.ofx", Path.of("bad.ofx")))).isInstanceOf(SourceFileException.class)
                .hasMessageContaining("BANKID");
        assertThat(calls.stats()).singleElement().satisfies(s -> {
            assertThat(s.calls()).isEqualTo(3);
            assertThat(s.maxConcurrent()).as("the providers' bulkhead").isEqualTo(2);
            assertThat(s.healthy()).isTrue();
        });
    }
}
