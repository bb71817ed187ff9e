package br.com.recebiveishub.template.exemplo;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.testkit.conformance.ErpApiConnectorConformance;
import org.junit.jupiter.api.AfterAll;

import java.net.http.HttpClient;
import java.time.Duration;

/** The hub's acceptance suite for ERP API connectors, against the Exemplo simulator. */
class ExemploConformanceTest extends ErpApiConnectorConformance {

    private static final ExemploSimulator ERP = ExemploSimulator.start();

    @AfterAll
    static void stop() {
        ERP.close();
    }

    @Override
    protected ErpApiConnector connector() {
        // Short backoff: the simulator answers at once; the production default waits 500 ms × attempt.
        return new ExemploConnector(HttpClient.newHttpClient(), 4, Duration.ofMillis(10));
    }

    @Override
    protected Peer peer() {
        return ERP;
    }
}
