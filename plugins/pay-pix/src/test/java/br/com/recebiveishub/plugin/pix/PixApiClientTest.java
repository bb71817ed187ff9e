package br.com.recebiveishub.plugin.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.testkit.pix.PixPspSimulator;
import br.com.recebiveishub.testkit.pix.TestPki;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the local PSP simulator (hub-testkit), which speaks HTTPS with client
 * certificates and validates every body against the Banco Central OpenAPI in ../shared/specs.
 */
class PixApiClientTest {

    static final String CLIENT_ID = "hub-recebiveis";
    static final String SECRET = "test-secret-not-real";
    /** A random key (EVP): not personal data. */
    static final String KEY = "5f84a4c5-c5cb-4599-9f13-7eb4d419dacc";

    @TempDir
    static Path dir;
    static PixPspSimulator psp;
    static Path clientKeystore;
    static PixApiClient client;
    static final AtomicLong seq = new AtomicLong();

    @BeforeAll
    static void start() {
        psp = PixPspSimulator.start(dir);
        clientKeystore = psp.registerClient(CLIENT_ID, SECRET);
        psp.addReceiverKey(KEY);
        client = PixApiClient.create(config(clientKeystore, SECRET, Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        if (psp != null) { // null when ../shared is absent and the class was skipped
            psp.close();
        }
    }

    @AfterEach
    void simulatorWroteOnlyWhatTheSpecAllows() {
        assertThat(psp.specViolations()).isEmpty();
    }

    static PixApiConfig config(Path keystore, String secret, Duration timeout) {
        return new PixApiConfig(psp.apiBaseUrl(), psp.tokenUrl(), CLIENT_ID, secret, keystore, TestPki.PASSWORD,
                psp.truststore(), TestPki.PASSWORD, null, Duration.ofSeconds(2), timeout);
    }

    static Txid newTxid() {
        return Txid.derive("tenant-a:charge-" + seq.incrementAndGet() + ":" + System.nanoTime());
    }

    static CobRequest cob(Txid txid, String valor) {
        return new CobRequest(txid, PixKey.parse(KEY), new BigDecimal(valor), 3600,
                Devedor.of(Documento.parse("52998224725"), "Fulano de Tal"), "Fatura 123");
    }

    // ---------------------------------------------------------------- mTLS and token

    @Test
    void tokenIsFetchedOverMtlsOnceAndReused() {
        PixApiClient fresh = PixApiClient.create(config(clientKeystore, SECRET, Duration.ofSeconds(2)));
        int before = psp.tokensIssued();
        Cobranca created = fresh.createCob(cob(newTxid(), "10.00"));
        fresh.getCob(created.txid());
        fresh.getCob(created.txid());
        assertThat(fresh.tokensFetched()).isEqualTo(1);
        assertThat(psp.tokensIssued()).isEqualTo(before + 1);
    }

    @Test
    void aCallWithoutClientCertificateIsRefusedByTls() {
        HttpClient noCert = HttpClient.newBuilder().sslContext(TestPki.sslContext(null, psp.truststore())).build();
        HttpRequest req = HttpRequest.newBuilder(psp.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT_ID
                        + "&client_secret=" + SECRET)).build();
        assertThatThrownBy(() -> noCert.send(req, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        Path foreign = TestPki.foreign(dir).client(CLIENT_ID);
        PixApiClient stranger = PixApiClient.create(config(foreign, SECRET, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> stranger.getCob(newTxid()))
                .isInstanceOfSatisfying(PixApiException.class, e -> assertThat(e.problemType()).isEqualTo("NaoEnviado"));
    }

    @Test
    void aTrustedCertificateOfAnotherClientGetsNoToken() {
        Path other = psp.pki().client("someone-else");
        PixApiClient impostor = PixApiClient.create(config(other, SECRET, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> impostor.getCob(newTxid()))
                .isInstanceOfSatisfying(PixApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.problemType()).isEqualTo("oauth:invalid_client");
                });
    }

    @Test
    void aWrongSecretGetsNoToken() {
        PixApiClient wrong = PixApiClient.create(config(clientKeystore, "not-the-secret", Duration.ofSeconds(2)));
        assertThatThrownBy(() -> wrong.getCob(newTxid()))
                .isInstanceOfSatisfying(PixApiException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void aRevokedTokenIsRefreshedOnceAfter401() {
        PixApiClient fresh = PixApiClient.create(config(clientKeystore, SECRET, Duration.ofSeconds(2)));
        Cobranca c = fresh.createCob(cob(newTxid(), "11.00"));
        psp.revokeTokens();
        Cobranca read = fresh.getCob(c.txid());
        assertThat(read.txid()).isEqualTo(c.txid());
        assertThat(fresh.tokensFetched()).isEqualTo(2);
        assertThat(psp.requestLog()).contains("GET /api/v2/cob/" + c.txid().value() + " 401");
    }

    @Test
    void anExpiredTokenIsReplacedBeforeUse() {
        MutableClock clock = new MutableClock();
        PixApiConfig cfg = config(clientKeystore, SECRET, Duration.ofSeconds(2));
        PixApiClient timed = new PixApiClient(cfg,
                HttpClient.newBuilder().sslContext(PixApiClient.sslContext(cfg)).build(), clock);
        psp.tokenLifetime(Duration.ofSeconds(120));
        try {
            Cobranca c = timed.createCob(cob(newTxid(), "12.00"));
            clock.advance(Duration.ofSeconds(80));
            timed.getCob(c.txid());
            assertThat(timed.tokensFetched()).isEqualTo(1);
            // within 30 s of expiry the token is not risked
            clock.advance(Duration.ofSeconds(15));
            timed.getCob(c.txid());
            assertThat(timed.tokensFetched()).isEqualTo(2);
        } finally {
            psp.tokenLifetime(Duration.ofHours(1));
        }
    }

    // ---------------------------------------------------------------- cob

    @Test
    void createsAndReadsACob() {
        Txid txid = newTxid();
        Cobranca c = client.createCob(cob(txid, "123.45"));

        assertThat(c.tipo()).isEqualTo(Cobranca.Tipo.COB);
        assertThat(c.txid()).isEqualTo(txid);
        assertThat(c.status()).isEqualTo(Cobranca.Status.ATIVA);
        assertThat(c.revisao()).isZero();
        assertThat(c.valorOriginal()).isEqualByComparingTo("123.45");
        assertThat(c.valorOriginal().scale()).isEqualTo(2);
        assertThat(c.expiracao()).isEqualTo(3600);
        assertThat(c.chave()).isEqualTo(KEY);
        assertThat(c.location()).startsWith("pix.simulador.test/qr/v2/");
        // the PSP's copia e cola is read by the plugin's own BR Code rules
        BrCode code = c.brCode();
        assertThat(code.kind()).isEqualTo(BrCode.Kind.DYNAMIC);
        assertThat(code.location()).contains(c.location());
        assertThat(code.amount()).contains(new BigDecimal("123.45"));
        assertThat(code.txid()).isEqualTo("***");

        // what went over the wire: money as a two-decimal string, the debtor by CPF
        JsonNode stored = psp.charge(txid.value());
        assertThat(stored.at("/valor/original").isTextual()).isTrue();
        assertThat(stored.at("/valor/original").asText()).isEqualTo("123.45");
        assertThat(stored.at("/devedor/cpf").asText()).isEqualTo("52998224725");
        assertThat(stored.at("/calendario/expiracao").asInt()).isEqualTo(3600);

        Cobranca read = client.getCob(txid);
        assertThat(read.location()).isEqualTo(c.location());
        assertThat(read.criacao()).isEqualTo(c.criacao());
        assertThat(read.valorOriginal()).isEqualTo(c.valorOriginal());
        assertThat(read.pix()).isEmpty();
    }

    @Test
    void reputtingTheSameTxidLeavesOneCharge() {
        Txid txid = newTxid();
        Cobranca first = client.createCob(cob(txid, "50.00"));
        int count = psp.chargeCount();
        Cobranca again = client.createCob(cob(txid, "50.00"));
        assertThat(psp.chargeCount()).isEqualTo(count);
        assertThat(again.location()).isEqualTo(first.location());
        assertThat(again.revisao()).isZero();
        assertThat(again.criacao()).isEqualTo(first.criacao());
    }

    @Test
    void aKeyThatIsNotTheReceiversIsRefusedByThePsp() {
        CobRequest other = new CobRequest(newTxid(), PixKey.parse("9e0a6c2e-1f8f-4b7e-9a53-0d2b1c7f3a11"),
                new BigDecimal("10.00"), 3600, null, null);
        assertThatThrownBy(() -> client.createCob(other))
                .isInstanceOfSatisfying(PixApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problemType()).isEqualTo("CobOperacaoInvalida");
                    assertThat(e.violations()).anyMatch(v -> v.startsWith("cob.chave"));
                });
    }

    @Test
    void readingAnUnknownTxidIs404() {
        assertThatThrownBy(() -> client.getCob(newTxid()))
                .isInstanceOfSatisfying(PixApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.problemType()).isEqualTo("CobNaoEncontrado");
                });
    }

    // ---------------------------------------------------------------- removal (PATCH)

    @Test
    void removingACobMakesItUnpayableAndARepeatReturnsItUnchanged() {
        Txid txid = newTxid();
        client.createCob(cob(txid, "64.00"));
        Cobranca removed = client.removeCharge(Cobranca.Tipo.COB, txid);
        assertThat(removed.status()).isEqualTo(Cobranca.Status.REMOVIDA_PELO_USUARIO_RECEBEDOR);
        assertThat(removed.revisao()).as("a revision increments revisao by 1 (API Pix, PATCH /cob)").isEqualTo(1);
        assertThat(psp.charge(txid.value()).path("status").asText()).isEqualTo("REMOVIDA_PELO_USUARIO_RECEBEDOR");
        assertThat(psp.requestLog()).anyMatch(l -> l.contains("PATCH") && l.contains("cob/" + txid.value()));
        assertThatThrownBy(() -> psp.pay(txid.value(), new BigDecimal("64.00"))).isInstanceOf(IllegalStateException.class);

        // the PSP refuses a PATCH of a charge that is no longer ATIVA; the client reads it back and sees it removed
        Cobranca again = client.removeCharge(Cobranca.Tipo.COB, txid);
        assertThat(again.status()).isEqualTo(Cobranca.Status.REMOVIDA_PELO_USUARIO_RECEBEDOR);
        assertThat(again.revisao()).isEqualTo(1);
    }

    @Test
    void removingACobvUsesPatchCobv() {
        Txid txid = newTxid();
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(5);
        client.createCobv(new CobvRequest(txid, PixKey.parse(KEY), new BigDecimal("300.00"), due, 10,
                Devedor.of(Documento.parse("52998224725"), "Fulano de Tal"), null, null, null, null));
        Cobranca removed = client.removeCharge(Cobranca.Tipo.COBV, txid);
        assertThat(removed.tipo()).isEqualTo(Cobranca.Tipo.COBV);
        assertThat(removed.status()).isEqualTo(Cobranca.Status.REMOVIDA_PELO_USUARIO_RECEBEDOR);
        assertThat(removed.dataDeVencimento()).isEqualTo(due);
        assertThat(psp.requestLog()).anyMatch(l -> l.contains("PATCH") && l.contains("cobv/" + txid.value()));
    }

    @Test
    void aCobPaidBeforeItsRemovalIsARefusalNamingItsStatus() {
        Txid txid = newTxid();
        client.createCob(cob(txid, "19.90"));
        psp.pay(txid.value(), new BigDecimal("19.90"));
        assertThatThrownBy(() -> client.removeCharge(Cobranca.Tipo.COB, txid))
                .isInstanceOfSatisfying(PixApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problemType()).isEqualTo("CobOperacaoInvalida");
                    assertThat(e.getMessage()).contains("CONCLUIDA");
                });
        assertThat(client.getCob(txid).pix()).hasSize(1);
    }

    @Test
    void aRemovalAnsweredWith5xxIsAnUnknownOutcome() {
        Txid txid = newTxid();
        client.createCob(cob(txid, "12.34"));
        psp.failNext(1, 503);
        assertThatThrownBy(() -> client.removeCharge(Cobranca.Tipo.COB, txid))
                .isInstanceOfSatisfying(PixUnknownOutcomeException.class, e -> assertThat(e.operation()).isEqualTo("PATCH /cob"));
        assertThat(client.removeCharge(Cobranca.Tipo.COB, txid).status()).isEqualTo(Cobranca.Status.REMOVIDA_PELO_USUARIO_RECEBEDOR);
    }

    // ---------------------------------------------------------------- unknown outcomes

    @Test
    void aTimeoutIsAnUnknownOutcomeAndTheSamePutResolvesIt() {
        PixApiClient impatient = PixApiClient.create(config(clientKeystore, SECRET, Duration.ofMillis(700)));
        impatient.getCob(createdTxid()); // token in hand, so the delay hits the create itself
        Txid txid = newTxid();
        psp.delayResponses(1, Duration.ofMillis(2500));
        assertThatThrownBy(() -> impatient.createCob(cob(txid, "77.70")))
                .isInstanceOfSatisfying(PixUnknownOutcomeException.class, e -> {
                    assertThat(e.idempotencyKey()).isEqualTo(txid.value());
                    assertThat(e.operation()).isEqualTo("PUT /cob");
                })
                .isNotInstanceOf(PixApiException.class);
        // the PSP did create it: calling that a failure would have issued a second charge
        assertThat(psp.charge(txid.value())).isNotNull();
        Cobranca resolved = impatient.createCob(cob(txid, "77.70"));
        assertThat(resolved.revisao()).isZero();
        assertThat(resolved.valorOriginal()).isEqualByComparingTo("77.70");
    }

    @Test
    void a5xxToAWriteIsAnUnknownOutcome() {
        Txid txid = newTxid();
        client.getCob(createdTxid());
        psp.failNext(1, 504);
        assertThatThrownBy(() -> client.createCob(cob(txid, "20.00"))).isInstanceOf(PixUnknownOutcomeException.class);
        assertThat(psp.charge(txid.value())).isNull();
        assertThat(client.createCob(cob(txid, "20.00")).status()).isEqualTo(Cobranca.Status.ATIVA);
    }

    private Txid createdTxid() {
        return client.createCob(cob(newTxid(), "1.00")).txid();
    }

    // ---------------------------------------------------------------- cobv

    @Test
    void createsAndReadsACobvWithFineInterestAndDiscount() {
        Txid txid = newTxid();
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        Devedor devedor = new Devedor(Documento.parse("11222333000181"), "Empresa Devedora Ltda", null,
                "Rua das Flores 10", "Recife", "PE", "50000000");
        CobvRequest req = new CobvRequest(txid, PixKey.parse(KEY), new BigDecimal("1500.00"), due, 30, devedor,
                new CobvRequest.Multa(2, new BigDecimal("2.00")),
                new CobvRequest.Juros(3, new BigDecimal("1.00")),
                new CobvRequest.Desconto(1, List.of(new CobvRequest.DescontoData(due.minusDays(5), new BigDecimal("30.00"))), null),
                "Duplicata 77/1");
        Cobranca c = client.createCobv(req);

        assertThat(c.tipo()).isEqualTo(Cobranca.Tipo.COBV);
        assertThat(c.dataDeVencimento()).isEqualTo(due);
        assertThat(c.validadeAposVencimento()).isEqualTo(30);
        assertThat(c.valorOriginal()).isEqualByComparingTo("1500.00");
        assertThat(c.status()).isEqualTo(Cobranca.Status.ATIVA);
        assertThat(c.brCode().location()).contains(c.location());
        assertThat(c.location()).contains("/cobv/");

        JsonNode stored = psp.charge(txid.value());
        assertThat(stored.at("/calendario/dataDeVencimento").asText()).isEqualTo(due.toString());
        assertThat(stored.at("/valor/multa/modalidade").asInt()).isEqualTo(2);
        assertThat(stored.at("/valor/multa/valorPerc").asText()).isEqualTo("2.00");
        assertThat(stored.at("/valor/juros/modalidade").asInt()).isEqualTo(3);
        assertThat(stored.at("/valor/juros/valorPerc").asText()).isEqualTo("1.00");
        assertThat(stored.at("/valor/desconto/descontoDataFixa/0/data").asText()).isEqualTo(due.minusDays(5).toString());
        assertThat(stored.at("/valor/desconto/descontoDataFixa/0/valorPerc").asText()).isEqualTo("30.00");
        assertThat(stored.at("/devedor/cnpj").asText()).isEqualTo("11222333000181");
        assertThat(stored.at("/devedor/cep").asText()).isEqualTo("50000000");

        Cobranca read = client.getCobv(txid);
        assertThat(read.dataDeVencimento()).isEqualTo(due);
        assertThat(read.location()).isEqualTo(c.location());
    }

    @Test
    void aCobvWithADiscountPerDayOfAnticipationIsAccepted() {
        // this is the case the published oneOf refuses (erratum in PixOpenApi)
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        CobvRequest req = new CobvRequest(newTxid(), PixKey.parse(KEY), new BigDecimal("100.00"), due, 0,
                Devedor.of(Documento.parse("52998224725"), "Fulano de Tal"), null, null,
                new CobvRequest.Desconto(3, null, new BigDecimal("0.50")), null);
        assertThat(client.createCobv(req).status()).isEqualTo(Cobranca.Status.ATIVA);
    }

    @Test
    void cobvRulesAreCheckedBeforeSending() {
        LocalDate due = LocalDate.of(2030, 1, 10);
        assertThatThrownBy(() -> new CobvRequest.Desconto(1, List.of(), null)).hasMessageContaining("1 to 3 dated");
        assertThatThrownBy(() -> new CobvRequest(newTxid(), PixKey.parse(KEY), new BigDecimal("100.00"), due, 30,
                Devedor.of(Documento.parse("52998224725"), "X"), null, null,
                new CobvRequest.Desconto(1, List.of(new CobvRequest.DescontoData(due.plusDays(1), BigDecimal.ONE)), null), null))
                .hasMessageContaining("after the due date");
        assertThatThrownBy(() -> new CobvRequest.Multa(2, new BigDecimal("2.001"))).hasMessageContaining("two decimal");
    }

    // ---------------------------------------------------------------- webhook and payments

    @Test
    void webhookRegistrationDeliversPaymentsAndTheirRefunds() throws Exception {
        Path receiverKeys = psp.pki().server("hub-webhook");
        try (WebhookReceiver receiver = new WebhookReceiver(receiverKeys, psp.truststore())) {
            client.registerWebhook(PixKey.parse(KEY), receiver.url());

            Cobranca c1 = client.createCob(cob(newTxid(), "123.45"));
            Cobranca c2 = client.createCob(cob(newTxid(), "10.00"));
            String e2e1 = psp.pay(c1.txid().value(), new BigDecimal("123.45"));
            String e2e2 = psp.pay(c2.txid().value(), new BigDecimal("10.00"));

            assertThat(receiver.received).hasSize(2);
            assertThat(receiver.received.get(0).path()).isEqualTo("/hub/webhooks/pix-psp/pix");
            List<PixRecebido> first = PixApiClient.parseWebhook(receiver.received.get(0).body());
            assertThat(first).singleElement().satisfies(p -> {
                assertThat(p.endToEndId()).isEqualTo(e2e1).hasSize(32).startsWith("E" + PixPspSimulator.ISPB);
                assertThat(p.txid()).isEqualTo(c1.txid().value());
                assertThat(p.valor()).isEqualByComparingTo("123.45");
            });

            // at least once, any order: a later Pix first, and a duplicate
            assertThat(psp.deliver(receiver.url(), e2e2, e2e1, e2e2)).isEqualTo(200);
            List<PixRecebido> batch = PixApiClient.parseWebhook(receiver.received.get(2).body());
            assertThat(batch).extracting(PixRecebido::endToEndId).containsExactly(e2e2, e2e1, e2e2);
            assertThat(batch.stream().map(PixRecebido::endToEndId).distinct()).hasSize(2);

            PixRecebido confirmed = client.getPix(e2e1);
            assertThat(confirmed.txid()).isEqualTo(c1.txid().value());
            assertThat(confirmed.valor()).isEqualByComparingTo("123.45");
            assertThatThrownBy(() -> client.getPix("E" + PixPspSimulator.ISPB + "202001010000" + "x".repeat(11)))
                    .isInstanceOfSatisfying(PixApiException.class, e -> assertThat(e.problemType()).isEqualTo("PixNaoEncontrado"));

            Cobranca paid = client.getCob(c1.txid());
            assertThat(paid.status()).isEqualTo(Cobranca.Status.CONCLUIDA);
            assertThat(paid.pix()).singleElement().extracting(PixRecebido::endToEndId).isEqualTo(e2e1);

            // devolução: created, idempotent by id, settled and notified
            Devolucao d = client.requestDevolucao(e2e1, "estorno1", new BigDecimal("23.45"), "Estorno parcial");
            assertThat(d.status()).isEqualTo(Devolucao.Status.EM_PROCESSAMENTO);
            assertThat(d.valor()).isEqualByComparingTo("23.45");
            assertThat(d.rtrId()).hasSize(32).startsWith("D" + PixPspSimulator.ISPB);
            Devolucao again = client.requestDevolucao(e2e1, "estorno1", new BigDecimal("23.45"), "Estorno parcial");
            assertThat(again.rtrId()).isEqualTo(d.rtrId());
            assertThatThrownBy(() -> client.requestDevolucao(e2e1, "estorno1", new BigDecimal("5.00"), null))
                    .isInstanceOfSatisfying(PixApiException.class, e -> assertThat(e.problemType()).isEqualTo("PixDevolucaoInvalida"));
            assertThatThrownBy(() -> client.requestDevolucao(e2e1, "estorno2", new BigDecimal("100.01"), null))
                    .isInstanceOfSatisfying(PixApiException.class, e -> assertThat(e.detail()).contains("excederiam"));
            assertThat(client.requestDevolucao(e2e1, "estorno2", new BigDecimal("100.00"), null).valor())
                    .isEqualByComparingTo("100.00");

            psp.settleDevolucao(e2e1, "estorno1", true);
            assertThat(client.getDevolucao(e2e1, "estorno1").status()).isEqualTo(Devolucao.Status.DEVOLVIDO);
            List<PixRecebido> refundNotice = PixApiClient.parseWebhook(receiver.received.get(receiver.received.size() - 1).body());
            assertThat(refundNotice).singleElement().satisfies(p -> assertThat(p.devolucoes())
                    .filteredOn(x -> x.id().equals("estorno1")).singleElement()
                    .satisfies(x -> {
                        assertThat(x.status()).isEqualTo(Devolucao.Status.DEVOLVIDO);
                        assertThat(x.liquidacao()).isNotNull();
                    }));
        }
        assertThat(psp.deliveries()).allMatch(d -> d.status() == 200);
    }

    @Test
    void webhookMustBeHttpsAndTheKeyTheReceivers() {
        assertThatThrownBy(() -> client.registerWebhook(PixKey.parse(KEY), URI.create("http://localhost/x")))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> client.registerWebhook(PixKey.parse("9e0a6c2e-1f8f-4b7e-9a53-0d2b1c7f3a11"),
                URI.create("https://localhost/x")))
                .isInstanceOfSatisfying(PixApiException.class, e -> assertThat(e.problemType()).isEqualTo("WebhookOperacaoInvalida"));
    }

    // ---------------------------------------------------------------- the simulator's own validation

    @Test
    void theSimulatorRefusesABodyAgainstTheSchema() throws Exception {
        HttpClient raw = HttpClient.newBuilder().sslContext(TestPki.sslContext(clientKeystore, psp.truststore())).build();
        String basic = java.util.Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tok = raw.send(HttpRequest.newBuilder(psp.tokenUrl()).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tok.statusCode()).isEqualTo(200);
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tok.body()).get("access_token").asText();
        String body = "{\"calendario\":{\"expiracao\":3600},\"valor\":{\"original\":\"12,00\"},\"chave\":\"" + KEY + "\"}";
        HttpResponse<String> res = raw.send(HttpRequest.newBuilder(psp.apiBaseUrl().resolve("cob/" + newTxid().value()))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida");
        assertThat(problem.get("violacoes").toString()).contains("valor").contains("original");
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
