package br.com.recebiveishub.plugin.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.InstantPaymentProvider.ChargeSpec;
import br.com.recebiveishub.sdk.InstantPaymentProvider.PspAccount;
import br.com.recebiveishub.testkit.SharedSamples;
import br.com.recebiveishub.testkit.pix.PixPspSimulator;
import br.com.recebiveishub.testkit.pix.TestPki;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK face of the plugin, as the hub will call it. */
class PixProviderTest {

    static final String KEY = "5f84a4c5-c5cb-4599-9f13-7eb4d419dacc";

    @TempDir
    static Path dir;
    static PixPspSimulator psp;
    static PspAccount account;
    final InstantPaymentProvider provider = new PixProvider();

    @BeforeAll
    static void start() {
        psp = PixPspSimulator.start(dir);
        Path ks = psp.registerClient("hub-sdk", "sdk-secret");
        psp.addReceiverKey(KEY);
        account = new PspAccount(psp.apiBaseUrl(), psp.tokenUrl(), "hub-sdk", "sdk-secret", ks, TestPki.PASSWORD,
                psp.truststore(), TestPki.PASSWORD, KEY, "EMPRESA DEMO", "SAO PAULO");
    }

    @AfterAll
    static void stop() {
        if (psp != null) { // null when ../shared is absent and the class was skipped
            assertThat(psp.specViolations()).isEmpty();
            psp.close();
        }
    }

    @Test
    void staticCodeAndReadCode() throws Exception {
        String code = provider.staticCode(account, new BigDecimal("15.90"), "PEDIDO42", null);
        InstantPaymentProvider.PaymentCode read = provider.readCode(code);
        assertThat(read.dynamic()).isFalse();
        assertThat(read.amount()).isEqualByComparingTo("15.90");
        assertThat(read.reference()).isEqualTo("PEDIDO42");
        assertThat(read.merchantName()).isEqualTo("EMPRESA DEMO");

        String sample = Files.readAllLines(SharedSamples.sample("pix/brcode-valid.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList().get(2);
        InstantPaymentProvider.PaymentCode dyn = provider.readCode(sample);
        assertThat(dyn.dynamic()).isTrue();
        assertThat(dyn.location()).isEqualTo("exemplodeurl2.com.br/qr/v2/11111111-1111-1111-1111-111111111111");
        assertThatThrownBy(() -> provider.readCode(sample.replace("NOVA LIMA", "NOVA LIMB")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag 63");
    }

    @Test
    void chargeIdIsDerivedFromTheIdempotencyKey() {
        ChargeSpec spec = new ChargeSpec("tenant-a:charge-900", new BigDecimal("42.00"), null, 600, 0,
                "52998224725", "Fulano de Tal", null, null, null, null, null, "Fatura 900");
        InstantPaymentProvider.InstantCharge c = provider.createCharge(account, spec);
        assertThat(c.chargeId()).isEqualTo(Txid.derive("tenant-a:charge-900").value()).hasSize(32);
        assertThat(provider.createCharge(account, spec).location()).isEqualTo(c.location());
        assertThat(provider.readCharge(account, c.chargeId(), false).amount()).isEqualByComparingTo("42.00");

        ChargeSpec due = new ChargeSpec("tenant-a:charge-901", new BigDecimal("300.00"), LocalDate.now(ZoneOffset.UTC).plusDays(5),
                0, 15, "11222333000181", "Empresa Devedora", new InstantPaymentProvider.Adjustment(2, new BigDecimal("2.00")),
                new InstantPaymentProvider.Adjustment(3, new BigDecimal("1.00")), null, List.of(), null, null);
        InstantPaymentProvider.InstantCharge v = provider.createCharge(account, due);
        assertThat(v.dueDate()).isEqualTo(due.dueDate());
        assertThat(provider.readCharge(account, v.chargeId(), true).status()).isEqualTo("ATIVA");
    }

    @Test
    void outcomesMapToTheSdkTypes() {
        ChargeSpec spec = new ChargeSpec("tenant-a:charge-902", new BigDecimal("5.00"), null, 600, 0, null, null,
                null, null, null, null, null, null);
        provider.readCode(provider.staticCode(account, null, null, null)); // no PSP call
        provider.createCharge(account, new ChargeSpec("tenant-a:warm", BigDecimal.ONE, null, 60, 0, null, null, null, null,
                null, null, null, null));
        psp.failNext(1, 503);
        assertThatThrownBy(() -> provider.createCharge(account, spec))
                .isInstanceOfSatisfying(InstantPaymentProvider.UnknownOutcomeException.class,
                        e -> assertThat(e.idempotencyKey()).isEqualTo(Txid.derive("tenant-a:charge-902").value()));
        assertThatThrownBy(() -> provider.readCharge(account, Txid.derive("tenant-a:never").value(), false))
                .isInstanceOfSatisfying(InstantPaymentProvider.RefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.reason()).isEqualTo("CobNaoEncontrado");
                });
    }

    @Test
    void paymentsFromTheNotification() {
        InstantPaymentProvider.InstantCharge c = provider.createCharge(account, new ChargeSpec("tenant-a:charge-903",
                new BigDecimal("8.00"), null, 600, 0, null, null, null, null, null, null, null, null));
        String e2e = psp.pay(c.chargeId(), new BigDecimal("8.00"));
        InstantPaymentProvider.InstantCharge paid = provider.readCharge(account, c.chargeId(), false);
        assertThat(paid.status()).isEqualTo("CONCLUIDA");
        assertThat(paid.payments()).singleElement().satisfies(p -> {
            assertThat(p.endToEndId()).isEqualTo(e2e);
            assertThat(p.amount()).isEqualByComparingTo("8.00");
        });
        InstantPaymentProvider.Refund r = provider.requestRefund(account, e2e, "r1", new BigDecimal("8.00"), null);
        assertThat(r.status()).isEqualTo("EM_PROCESSAMENTO");
        assertThat(Duration.between(r.requestedAt(), java.time.Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));
    }
}
