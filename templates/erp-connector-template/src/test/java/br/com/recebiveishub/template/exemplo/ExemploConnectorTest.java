package br.com.recebiveishub.template.exemplo;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.ErpApiConnector.ErpUnavailableException;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.testkit.conformance.RecordingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the conformance suite leaves to each connector: the Exemplo API's rate limit and bad records. */
class ExemploConnectorTest {

    private static final ExemploSimulator ERP = ExemploSimulator.start();
    private static final ConnectorContext CONTEXT = new ConnectorContext("t1", 30);

    private final ExemploConnector connector = new ExemploConnector(HttpClient.newHttpClient(), 4, Duration.ofMillis(10));

    @AfterAll
    static void stop() {
        ERP.close();
    }

    @BeforeEach
    void seed() {
        ERP.seed();
    }

    @Test
    void a429IsWaitedOutAsRetryAfterSaysAndTheCallRepeated() {
        int before = ERP.requests();
        ERP.rateLimitNext(2, 1);
        assertThat(connector.check(ERP.account()).ok()).isTrue();
        assertThat(ERP.requests() - before).as("two 429s, then the answer").isEqualTo(3);
    }

    @Test
    void a429BeyondTheAttemptsFailsTheReadAsUnavailableAndTheCheckAsRateLimited() {
        // Retry-After: 0 keeps the test short; the attempts run out all the same.
        ERP.rateLimitNext(4, 0);
        RecordingSink sink = new RecordingSink();
        assertThatThrownBy(() -> connector.read(ERP.account(), ErpApiConnector.RECEIVABLES, null, CONTEXT, sink))
                .isInstanceOf(ErpUnavailableException.class).hasMessageContaining("429");
        assertThat(sink.records()).isEmpty();
        assertThat(sink.checkpoints()).isEmpty();

        ERP.rateLimitNext(4, 0);
        assertThat(connector.check(ERP.account()).reason()).isEqualTo("rate-limited");
    }

    @Test
    void aReceivableWithAWrongCpfIsRejectedNamingTheFieldAndTheOthersProceed() {
        // 529.982.247-24: the CPF 529.982.247-25 with a wrong second check digit.
        String id = ERP.addWithCustomerDocument("52998224724");
        RecordingSink sink = new RecordingSink();
        connector.read(ERP.account(), ErpApiConnector.RECEIVABLES, null, CONTEXT, sink);

        assertThat(sink.records()).hasSize(ExemploSimulator.SEEDED);
        assertThat(sink.rejections()).singleElement().satisfies((RecordRejection r) -> {
            assertThat(r.record()).isEqualTo("receivable " + id);
            assertThat(r.field()).isEqualTo("customer.document");
            assertThat(r.file()).as("system:stream in the place of a file name").isEqualTo(
                    connector.system().toLowerCase(Locale.ROOT) + ":" + ErpApiConnector.RECEIVABLES);
            assertThat(r.reason()).isNotBlank().doesNotContain("52998224724");
        });
        assertThat(sink.lastCheckpoint()).as("the rejected record is behind the last checkpoint, not read again").endsWith("|" + id);
    }
}
