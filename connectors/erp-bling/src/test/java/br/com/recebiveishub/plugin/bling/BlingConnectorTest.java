package br.com.recebiveishub.plugin.bling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.ErpApiConnector.ConnectionCheck;
import br.com.recebiveishub.sdk.ErpApiConnector.ErpAccount;
import br.com.recebiveishub.sdk.ErpApiConnector.ErpUnavailableException;
import br.com.recebiveishub.sdk.ErpApiConnector.PaymentWriteBack;
import br.com.recebiveishub.sdk.ErpApiConnector.SyncSink;
import br.com.recebiveishub.sdk.ErpApiConnector.WriteBackReceipt;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.testkit.conformance.RecordingSink;
import br.com.recebiveishub.testkit.erp.BlingSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bling connector against the local Bling v3 simulator (documented endpoints and payloads). */
class BlingConnectorTest {

    /** Well-known valid test numbers (check digits verified by hand), fictitious people and companies. */
    static final String CPF = "52998224725";
    static final String CNPJ = "11222333000181";
    /** The numeroDocumento of Bling's own reference example: its CPF check digits do not match. */
    static final String CPF_FROM_BLING_EXAMPLE = "12345678910";

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Sao_Paulo"));
    private static final ConnectorContext CTX = new ConnectorContext("t1", 30);

    private BlingSimulator sim;
    private BlingConnector connector;
    private Map<String, String> settings;

    @BeforeEach
    void start() {
        sim = new BlingSimulator();
        connector = new BlingConnector(HttpClient.newHttpClient(), 4, Duration.ofMillis(20), Duration.ofMillis(200));
        settings = new HashMap<>(Map.of(
                "clientId", BlingSimulator.CLIENT_ID,
                "clientSecret", BlingSimulator.CLIENT_SECRET,
                "refreshToken", sim.authorize(),
                "startDate", TODAY.minusDays(90).toString(),
                "apiBaseUrl", sim.apiBaseUrl().toString(),
                "portadorId", "14888102402",
                "requestTimeoutSeconds", "1"));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private ErpAccount account() {
        return new ErpAccount("t1", settings);
    }

    @Test
    void schemaDeclaresSecretsWriteOnlyAndRequiredSettings() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(connector.configurationSchema());
        assertThat(schema.path("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("clientId", "clientSecret", "refreshToken", "startDate");
        assertThat(schema.at("/properties/clientSecret/writeOnly").asBoolean()).isTrue();
        assertThat(schema.at("/properties/refreshToken/writeOnly").asBoolean()).isTrue();
        assertThat(schema.at("/properties/clientId/writeOnly").asBoolean()).isFalse();
        schema.path("properties").forEach(p -> assertThat(p.path("description").asText()).isNotBlank());
        assertThat(connector.system()).isEqualTo("BLING");
        assertThat(connector.discover(account())).extracting(ErpApiConnector.ErpStream::name).containsExactly(ErpApiConnector.RECEIVABLES);
    }

    @Test
    void checkSucceedsAndNamesEachFailureWithoutThrowing() {
        assertThat(connector.check(account()).ok()).isTrue();

        settings.put("refreshToken", "0000000000000000000000000000000000000000");
        ConnectionCheck badToken = new BlingConnector(HttpClient.newHttpClient(), 2, Duration.ofMillis(5), Duration.ofMillis(5)).check(account());
        assertThat(badToken.ok()).isFalse();
        assertThat(badToken.reason()).isEqualTo("unauthorized");
        assertThat(badToken.message()).contains("invalid_grant").doesNotContain("0000000000");

        settings.put("refreshToken", sim.authorize());
        settings.put("clientSecret", "wrong-secret");
        ConnectionCheck badSecret = new BlingConnector(HttpClient.newHttpClient(), 2, Duration.ofMillis(5), Duration.ofMillis(5)).check(account());
        assertThat(badSecret.reason()).isEqualTo("unauthorized");
        assertThat(badSecret.message()).doesNotContain("wrong-secret");

        settings.put("clientSecret", BlingSimulator.CLIENT_SECRET);
        settings.remove("startDate");
        ConnectionCheck missing = connector.check(account());
        assertThat(missing.reason()).isEqualTo("invalid-settings");
        assertThat(missing.message()).isEqualTo("startDate: required");

        settings.put("startDate", "03/12/2026");
        assertThat(connector.check(account()).message()).isEqualTo("startDate: must be a date yyyy-MM-dd");

        settings.put("startDate", TODAY.toString());
        settings.put("apiBaseUrl", "http://api.bling.com.br/Api/v3");
        assertThat(connector.check(account()).reason()).isEqualTo("invalid-settings");
    }

    @Test
    void checkReportsRateLimitAndUnreachable() {
        sim.rateLimitNext(100);
        ConnectionCheck limited = connector.check(account());
        assertThat(limited.reason()).isEqualTo("rate-limited");

        sim.rateLimitNext(0);
        sim.outage(true);
        assertThat(connector.check(account()).reason()).isEqualTo("unreachable");
        sim.outage(false);
        assertThat(connector.check(account()).ok()).isTrue();

        settings.put("refreshToken", sim.authorize());
        settings.put("apiBaseUrl", "http://127.0.0.1:1/Api/v3");
        assertThat(connector.check(account()).reason()).isEqualTo("unreachable");
    }

    @Test
    void readMapsOpenContasAndRejectsAnInvalidDocumentNamingTheField() {
        long pj = sim.addContato("Comercial Exemplo Ltda", "11.222.333/0001-81", "J");
        long pf = sim.addContato("Maria Exemplo", "529.982.247-25", "F");
        long bad = sim.addContato("Contato Teste", CPF_FROM_BLING_EXAMPLE, "F");
        long a = sim.addConta(pj, "1500.75", TODAY.minusDays(10), TODAY.plusDays(20), "0921132");
        long b = sim.addConta(pf, "45.7", TODAY.minusDays(5), TODAY.plusDays(25), null);
        long c = sim.addConta(bad, "100", TODAY.minusDays(4), TODAY.plusDays(26), null);
        long paid = sim.addConta(pf, "80", TODAY.minusDays(3), TODAY.plusDays(27), null);
        sim.edit(paid, "situacao", IntNode.valueOf(2));
        long partial = sim.addConta(pj, "300", TODAY.minusDays(2), TODAY.plusDays(28), null);
        sim.edit(partial, "situacao", IntNode.valueOf(3));
        sim.addConta(pf, "99", TODAY.minusDays(200), TODAY.minusDays(170), null); // before startDate

        Sink sink = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, sink);

        assertThat(sink.records()).extracting(ReceivableRecord::externalId)
                .containsExactly(String.valueOf(a), String.valueOf(b), String.valueOf(partial));
        ReceivableRecord ra = sink.records().get(0);
        assertThat(ra.sourceSystem()).isEqualTo("BLING");
        assertThat(ra.documentNumber()).isEqualTo("0921132");
        assertThat(ra.issueDate()).isEqualTo(TODAY.minusDays(10));
        assertThat(ra.dueDate()).isEqualTo(TODAY.plusDays(20));
        assertThat(ra.amount()).isEqualTo(new BigDecimal("1500.75"));
        assertThat(ra.debtor().documento()).isEqualTo(Documento.cnpj(CNPJ));
        assertThat(ra.debtor().nome()).isEqualTo("Comercial Exemplo Ltda");
        ReceivableRecord rb = sink.records().get(1);
        assertThat(rb.documentNumber()).isEqualTo(String.valueOf(b));
        assertThat(rb.amount()).isEqualTo(new BigDecimal("45.70"));
        assertThat(rb.debtor().documento().tipo()).isEqualTo(Documento.Tipo.CPF);
        assertThat(rb.debtor().documento().numero()).isEqualTo(CPF);

        assertThat(sink.rejections()).hasSize(1);
        RecordRejection r = sink.rejections().get(0);
        assertThat(r.record()).isEqualTo("conta " + c);
        assertThat(r.field()).isEqualTo("contato.numeroDocumento");
        assertThat(r.reason()).isEqualTo("CPF invalid: check digits do not match").doesNotContain(CPF_FROM_BLING_EXAMPLE);

        assertThat(sink.checkpoints()).containsExactly("v1;E;from=" + TODAY.minusDays(30));
        assertThat(sim.requestCount("/Api/v3/contatos/")).isZero();
    }

    @Test
    void fetchesEachContactOnceWhenTheListCarriesOnlyItsId() {
        sim.listCarriesContactDocument(false);
        long pj = sim.addContato("Comercial Exemplo Ltda", CNPJ, "J");
        long pf = sim.addContato("Maria Exemplo", CPF, "F");
        for (int i = 0; i < 3; i++) {
            sim.addConta(pj, "10.00", TODAY.minusDays(i + 1), TODAY.plusDays(10), null);
            sim.addConta(pf, "20.00", TODAY.minusDays(i + 1), TODAY.plusDays(10), null);
        }
        Sink sink = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, sink);

        assertThat(sink.records()).hasSize(6);
        assertThat(sink.records()).extracting(rec -> rec.debtor().documento().numero()).containsOnly(CNPJ, CPF);
        assertThat(sim.requestCount("/Api/v3/contatos/")).isEqualTo(2);
    }

    @Test
    void pagesCheckpointAfterEachPageAndStayUnderTheRateLimit() {
        long pj = sim.addContato("Comercial Exemplo Ltda", CNPJ, "J");
        for (int i = 0; i < 250; i++) {
            sim.addConta(pj, "10.00", TODAY.minusDays(1 + i % 60), TODAY.plusDays(10), null);
        }
        Sink sink = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, sink);

        assertThat(sink.records()).hasSize(250);
        assertThat(sink.records()).extracting(ReceivableRecord::externalId).doesNotHaveDuplicates();
        String window = "v1;E;from=" + TODAY.minusDays(90) + ";to=" + TODAY;
        assertThat(sink.checkpoints()).containsExactly(window + ";page=2", window + ";page=3", "v1;E;from=" + TODAY.minusDays(30));
        assertThat(sim.requestCount("/Api/v3/contas/receber")).isEqualTo(3);
        assertThat(sim.rateLimited()).isZero();
    }

    @Test
    void aReadStoppedByAnOutageResumesFromItsLastCheckpointWithNoGapAndNoDuplicate() {
        long pj = sim.addContato("Comercial Exemplo Ltda", CNPJ, "J");
        for (int i = 0; i < 230; i++) {
            sim.addConta(pj, "10.00", TODAY.minusDays(1 + i % 60), TODAY.plusDays(10), null);
        }
        // The hub commits records together with the checkpoint that follows them.
        Committing sink = new Committing();
        sink.afterCheckpoint = () -> sim.outage(true);
        assertThatThrownBy(() -> connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, sink))
                .isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("after 4 attempts");
        assertThat(sink.committed).hasSize(100);

        sim.outage(false);
        sink.afterCheckpoint = null;
        connector.read(account(), ErpApiConnector.RECEIVABLES, sink.cursor, CTX, sink);

        assertThat(sink.committed).hasSize(230);
        assertThat(sink.committed).doesNotHaveDuplicates();
    }

    @Test
    void fiveHundredsTimeoutsAnd429sAreRetriedAndLoseNothing() {
        long pj = sim.addContato("Comercial Exemplo Ltda", CNPJ, "J");
        for (int i = 0; i < 120; i++) {
            sim.addConta(pj, "10.00", TODAY.minusDays(1), TODAY.plusDays(10), null);
        }
        sim.failNext(2, 500);
        Sink first = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, first);
        assertThat(first.records()).hasSize(120);

        sim.delayNext(1, Duration.ofMillis(2_500)); // longer than the 1 s request timeout
        Sink second = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, second);
        assertThat(second.records()).hasSize(120);

        sim.rateLimitNext(2);
        Sink third = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, third);
        assertThat(third.records()).hasSize(120);

        sim.rateLimitNext(50);
        assertThatThrownBy(() -> connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, new Sink()))
                .isInstanceOf(ErpUnavailableException.class).hasMessageContaining("429");
    }

    @Test
    void accessTokenIsCachedPerAccountAndRenewedWithTheRotatedRefreshToken() {
        String configured = settings.get("refreshToken");
        assertThat(connector.check(account()).ok()).isTrue();
        assertThat(connector.check(account()).ok()).isTrue();
        assertThat(sim.tokensIssued()).isEqualTo(1);

        sim.expireAccessTokens();
        assertThat(connector.check(account()).ok()).isTrue();
        assertThat(sim.tokensIssued()).isEqualTo(2);

        // Bling rotated the refresh token at the first renewal. Without a keeper the settings still hold the
        // first one, so a fresh connector (a restarted hub) is refused: why the hub passes a keeper (next test).
        ConnectionCheck afterRestart = new BlingConnector(HttpClient.newHttpClient(), 2, Duration.ofMillis(5), Duration.ofMillis(5)).check(account());
        assertThat(afterRestart.reason()).isEqualTo("unauthorized");
        assertThat(afterRestart.message()).doesNotContain(configured);
    }

    @Test
    void theRotatedRefreshTokenIsKeptByTheHubSoARestartedHubRenews() {
        String configured = settings.get("refreshToken");
        Map<String, String> saved = new java.util.concurrent.ConcurrentHashMap<>(settings); // what the hub stores
        ErpApiConnector.SettingsKeeper keeper = saved::put;
        assertThat(connector.check(new ErpAccount("t1", saved, keeper)).ok()).isTrue();
        assertThat(saved.get("refreshToken")).as("the token Bling rotated to, handed to the hub").isNotEqualTo(configured);

        // the same instance goes on with the kept token (no second renewal while the access token lives)
        assertThat(connector.check(new ErpAccount("t1", saved, keeper)).ok()).isTrue();
        assertThat(sim.tokensIssued()).isEqualTo(1);

        // a restarted hub renews with the kept token, and keeps the next one
        String kept = saved.get("refreshToken");
        BlingConnector restarted = new BlingConnector(HttpClient.newHttpClient(), 2, Duration.ofMillis(5), Duration.ofMillis(5));
        assertThat(restarted.check(new ErpAccount("t1", saved, keeper)).ok()).isTrue();
        assertThat(saved.get("refreshToken")).isNotEqualTo(kept).isNotEqualTo(configured);
        // while the first authorization's token is dead at Bling
        assertThat(new BlingConnector(HttpClient.newHttpClient(), 2, Duration.ofMillis(5), Duration.ofMillis(5))
                .check(new ErpAccount("t1", settings)).reason()).isEqualTo("unauthorized");
    }

    @Test
    void writeBackRecordsOneBaixaAndARepeatChangesNothing() {
        long pj = sim.addContato("Comercial Exemplo Ltda", CNPJ, "J");
        long conta = sim.addConta(pj, "1500.75", TODAY.minusDays(10), TODAY.plusDays(20), null);
        PaymentWriteBack p = new PaymentWriteBack("wb-0001", String.valueOf(conta), TODAY, new BigDecimal("1500.75"), "PIX", null);

        WriteBackReceipt first = connector.writeBackPayment(account(), p);
        assertThat(first.alreadyRecorded()).isFalse();
        assertThat(sim.borderos()).hasSize(1);
        JsonNode bordero = sim.borderos().get(0);
        assertThat(first.erpReference()).isEqualTo(bordero.get("id").asText());
        assertThat(bordero.get("data").asText()).isEqualTo(TODAY.toString());
        assertThat(bordero.at("/portador/id").asLong()).isEqualTo(14888102402L);
        assertThat(bordero.at("/pagamentos/0/valorPago").decimalValue()).isEqualByComparingTo("1500.75");
        assertThat(sim.conta(conta).get("situacao").asInt()).isEqualTo(2);

        WriteBackReceipt again = connector.writeBackPayment(account(), p);
        assertThat(again).isEqualTo(new WriteBackReceipt(first.erpReference(), true));
        assertThat(sim.borderos()).hasSize(1);
    }

    @Test
    void partialPaymentsAreSeparateBaixas() {
        long pj = sim.addContato("Comercial Exemplo Ltda", CNPJ, "J");
        long conta = sim.addConta(pj, "300.00", TODAY.minusDays(10), TODAY.plusDays(20), null);
        connector.writeBackPayment(account(), new PaymentWriteBack("wb-a", String.valueOf(conta), TODAY, new BigDecimal("100"), "BOLETO", null));
        assertThat(sim.conta(conta).get("situacao").asInt()).isEqualTo(3);
        assertThat(sim.conta(conta).get("saldo").decimalValue()).isEqualByComparingTo("200.00");
        connector.writeBackPayment(account(), new PaymentWriteBack("wb-b", String.valueOf(conta), TODAY, new BigDecimal("200"), "BOLETO", null));
        assertThat(sim.conta(conta).get("situacao").asInt()).isEqualTo(2);
        assertThat(sim.borderos()).hasSize(2);
        assertThat(connector.writeBackPayment(account(), new PaymentWriteBack("wb-a", String.valueOf(conta), TODAY, new BigDecimal("100"), "BOLETO", null))
                .alreadyRecorded()).isTrue();
    }

    @Test
    void aBaixaAnsweredTooLateIsFoundOnTheNextTurnNotWrittenTwice() {
        long pj = sim.addContato("Comercial Exemplo Ltda", CNPJ, "J");
        long conta = sim.addConta(pj, "50.00", TODAY.minusDays(10), TODAY.plusDays(20), null);
        sim.delayNext(1, Duration.ofMillis(2_500), "POST", "/Api/v3/contas/receber/\\d+/baixar");

        WriteBackReceipt r = connector.writeBackPayment(account(), new PaymentWriteBack("wb-late", String.valueOf(conta), TODAY, new BigDecimal("50"), "PIX", null));

        assertThat(r.alreadyRecorded()).isTrue();
        assertThat(sim.borderos()).hasSize(1);
        assertThat(r.erpReference()).isEqualTo(sim.borderos().get(0).get("id").asText());
    }

    @Test
    void writeBackDuringAnOutageIsUnknownAndTheRepeatWritesOnce() {
        long pj = sim.addContato("Comercial Exemplo Ltda", CNPJ, "J");
        long conta = sim.addConta(pj, "50.00", TODAY.minusDays(10), TODAY.plusDays(20), null);
        PaymentWriteBack p = new PaymentWriteBack("wb-outage", String.valueOf(conta), TODAY, new BigDecimal("50"), "PIX", null);
        sim.outage(true);
        assertThatThrownBy(() -> connector.writeBackPayment(account(), p))
                .isInstanceOf(UnknownOutcomeException.class)
                .satisfies(e -> assertThat(((UnknownOutcomeException) e).idempotencyKey()).isEqualTo("wb-outage"));
        sim.outage(false);
        assertThat(connector.writeBackPayment(account(), p).alreadyRecorded()).isFalse();
        assertThat(connector.writeBackPayment(account(), p).alreadyRecorded()).isTrue();
        assertThat(sim.borderos()).hasSize(1);
    }

    @Test
    void writeBackRefusals() {
        long pj = sim.addContato("Comercial Exemplo Ltda", CNPJ, "J");
        long conta = sim.addConta(pj, "50.00", TODAY.minusDays(10), TODAY.plusDays(20), null);

        assertThatThrownBy(() -> connector.writeBackPayment(account(), new PaymentWriteBack("k1", "999", TODAY, BigDecimal.TEN, "PIX", null)))
                .isInstanceOf(RefusedException.class).satisfies(e -> assertThat(((RefusedException) e).status()).isEqualTo(404));
        assertThatThrownBy(() -> connector.writeBackPayment(account(), new PaymentWriteBack("k2", String.valueOf(conta), TODAY, new BigDecimal("60"), "PIX", null)))
                .isInstanceOf(RefusedException.class).satisfies(e -> assertThat(((RefusedException) e).reason()).isEqualTo("AMOUNT_ABOVE_SALDO"));
        assertThatThrownBy(() -> connector.writeBackPayment(account(), new PaymentWriteBack("k3", "12a", TODAY, BigDecimal.TEN, "PIX", null)))
                .isInstanceOf(RefusedException.class).hasMessage("externalId: not a Bling conta id (digits)");

        sim.edit(conta, "situacao", IntNode.valueOf(2));
        assertThatThrownBy(() -> connector.writeBackPayment(account(), new PaymentWriteBack("k4", String.valueOf(conta), TODAY, BigDecimal.TEN, "PIX", null)))
                .isInstanceOf(RefusedException.class).satisfies(e -> assertThat(((RefusedException) e).reason()).isEqualTo("ALREADY_SETTLED"));

        settings.remove("portadorId");
        assertThatThrownBy(() -> connector.writeBackPayment(account(), new PaymentWriteBack("k5", String.valueOf(conta), TODAY, BigDecimal.TEN, "PIX", null)))
                .isInstanceOf(RefusedException.class).hasMessage("portadorId: required to write payments back to Bling");
        assertThat(sim.borderos()).isEmpty();
    }

    @Test
    void aForeignCursorIsRefusedNamingIt() {
        assertThatThrownBy(() -> connector.read(account(), ErpApiConnector.RECEIVABLES, "omie:2026-01-01", CTX, new Sink()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cursor:");
    }

    /** The testkit's sink, which also holds every cursor to the hub's 200 characters. */
    static class Sink extends RecordingSink {
        @Override
        public synchronized void checkpoint(String cursor) {
            assertThat(cursor.length()).isLessThanOrEqualTo(200);
            super.checkpoint(cursor);
        }
    }

    /** Plays the hub: what came before a checkpoint is committed with it, the rest is lost with the failure. */
    static class Committing implements SyncSink {
        final List<String> committed = new ArrayList<>();
        final List<String> pending = new ArrayList<>();
        String cursor;
        Runnable afterCheckpoint;

        @Override
        public void accept(ReceivableRecord record) {
            pending.add(record.externalId());
        }

        @Override
        public void reject(RecordRejection rejection) {
            pending.add("rejected " + rejection.record());
        }

        @Override
        public void checkpoint(String c) {
            committed.addAll(pending);
            pending.clear();
            cursor = c;
            if (afterCheckpoint != null) {
                afterCheckpoint.run();
            }
        }
    }
}
