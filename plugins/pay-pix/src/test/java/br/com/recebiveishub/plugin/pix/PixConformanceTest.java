package br.com.recebiveishub.plugin.pix;

import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.InstantPaymentProvider.PspAccount;
import br.com.recebiveishub.testkit.conformance.InstantPaymentProviderConformance;
import br.com.recebiveishub.testkit.pix.PixPspSimulator;
import br.com.recebiveishub.testkit.pix.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * hub-testkit's instant-payment suite against the PSP simulator (API Pix over mTLS, every body it
 * writes checked against the Banco Central's OpenAPI).
 */
class PixConformanceTest extends InstantPaymentProviderConformance implements InstantPaymentProviderConformance.Peer {

    private static final String KEY = "5f84a4c5-c5cb-4599-9f13-7eb4d419dacc";
    /** Nothing listens there: the simulator records the notification body it could not deliver. */
    private static final URI NOWHERE = URI.create("https://127.0.0.1:1/webhook");

    @TempDir
    static Path dir;
    static PixPspSimulator psp;
    static PspAccount account;

    @BeforeAll
    static void start() {
        psp = PixPspSimulator.start(dir);
        Path ks = psp.registerClient("hub-conformance", "conformance-secret");
        psp.addReceiverKey(KEY);
        account = new PspAccount(psp.apiBaseUrl(), psp.tokenUrl(), "hub-conformance", "conformance-secret", ks, TestPki.PASSWORD,
                psp.truststore(), TestPki.PASSWORD, KEY, "EMPRESA DEMO", "SAO PAULO");
    }

    @AfterAll
    static void stop() {
        if (psp != null) { // null when ../shared is absent and the class was skipped
            assertThat(psp.specViolations()).isEmpty();
            psp.close();
        }
    }

    /**
     * One provider for the class, so the mTLS connection and the token are set up once (a cold
     * handshake on a busy build machine can take longer than a short timeout); 3 s is well above a
     * normal answer and below the 6 s of {@link #answerNextSlowly()}.
     */
    private static final PixProvider PROVIDER = new PixProvider(Duration.ofSeconds(3));

    @Override
    protected InstantPaymentProvider provider() {
        return PROVIDER;
    }

    @Override
    protected Peer peer() {
        return this;
    }

    @Override
    public PspAccount account() {
        return account;
    }

    @Override
    public int charges() {
        return psp.chargeCount();
    }

    @Override
    public void answerNextSlowly() {
        psp.delayResponses(1, Duration.ofSeconds(6));
    }

    @Override
    public String pay(String chargeId, BigDecimal amount) {
        return psp.pay(chargeId, amount);
    }

    @Override
    public byte[] notificationFor(String... endToEndIds) {
        psp.deliver(NOWHERE, endToEndIds);
        List<PixPspSimulator.Delivery> deliveries = psp.deliveries();
        return deliveries.get(deliveries.size() - 1).body().getBytes(StandardCharsets.UTF_8);
    }
}
