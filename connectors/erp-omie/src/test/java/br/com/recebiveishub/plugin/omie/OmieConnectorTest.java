package br.com.recebiveishub.plugin.omie;

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
import br.com.recebiveishub.testkit.erp.OmieSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Omie connector against the local Omie simulator (documented calls, faults and limits). */
class OmieConnectorTest {

    static final String CPF = "52998224725";
    static final String CNPJ = "11222333000181";

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Sao_Paulo"));
    private static final LocalDateTime TEN_DAYS_AGO = LocalDateTime.now().minusDays(10);
    private static final ConnectorContext CTX = new ConnectorContext("t1", 30);

    private OmieSimulator sim;
    private OmieConnector connector;
    private Map<String, String> settings;

    @BeforeEach
    void start() {
        sim = new OmieSimulator();
        sim.redundantWindow(Duration.ofSeconds(1));
        connector = new OmieConnector(HttpClient.newHttpClient(), 4, Duration.ofMillis(20), Duration.ofMillis(200));
        settings = new HashMap<>(Map.of(
                "appKey", OmieSimulator.APP_KEY,
                "appSecret", OmieSimulator.APP_SECRET,
                "startDate", TODAY.minusDays(60).toString(),
                "contaCorrenteId", String.valueOf(OmieSimulator.CONTA_CORRENTE),
                "apiBaseUrl", sim.apiBaseUrl().toString(),
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
    void schemaDeclaresTheSecretWriteOnlyAndRequiredSettings() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(connector.configurationSchema());
        assertThat(schema.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("appKey", "appSecret", "startDate");
        assertThat(schema.at("/properties/appSecret/writeOnly").asBoolean()).isTrue();
        schema.path("properties").forEach(p -> assertThat(p.path("description").asText()).isNotBlank());
        assertThat(connector.system()).isEqualTo("OMIE");
        assertThat(connector.discover(account())).extracting(ErpApiConnector.ErpStream::cursorField).containsExactly("info.dAlt");
    }

    @Test
    void checkSucceedsEvenRepeatedAndNamesEachFailureWithoutThrowing() {
        assertThat(connector.check(account()).ok()).isTrue();
        assertThat(connector.check(account()).ok()).isTrue(); // within Omie's redundancy window

        settings.put("appSecret", "ffffffffffffffffffffffffffffffff");
        ConnectionCheck bad = connector.check(account());
        assertThat(bad.reason()).isEqualTo("unauthorized");
        assertThat(bad.message()).contains("chave de acesso").doesNotContain("ffffffff");

        settings.put("appSecret", OmieSimulator.APP_SECRET);
        settings.put("appKey", "abc");
        assertThat(connector.check(account())).isEqualTo(ConnectionCheck.failed("invalid-settings", "appKey: Omie app keys are digits"));

        settings.put("appKey", OmieSimulator.APP_KEY);
        sim.outage(true);
        assertThat(connector.check(account()).reason()).isEqualTo("unreachable");
        sim.outage(false);
        sim.requestsPerMinute(0);
        assertThat(connector.check(account()).reason()).isEqualTo("rate-limited");
    }

    @Test
    void readMapsOpenTitlesAsksEachClientOnceAndRejectsAnInvalidDocument() {
        long pj = sim.addCliente("Comercial Exemplo Ltda", "11.222.333/0001-81", false);
        long pf = sim.addCliente("Maria Exemplo", "529.982.247-25", true);
        long bad = sim.addCliente("Cliente Teste", "123.456.789-10", true);
        long a = sim.addTitulo(pj, "1500.75", TODAY.minusDays(10), TODAY.plusDays(20), "NF 000123", TEN_DAYS_AGO);
        long b = sim.addTitulo(pj, "45.7", TODAY.minusDays(9), TODAY.plusDays(21), "", TEN_DAYS_AGO);
        long c = sim.addTitulo(pf, "99.90", TODAY.minusDays(8), TODAY.plusDays(22), "NF 000125", TEN_DAYS_AGO);
        long d = sim.addTitulo(bad, "10.00", TODAY.minusDays(7), TODAY.plusDays(23), "NF 000126", TEN_DAYS_AGO);
        long received = sim.addTitulo(pf, "10.00", TODAY.minusDays(7), TODAY.plusDays(23), "NF 000127", TEN_DAYS_AGO);
        sim.edit(received, "status_titulo", TextNode.valueOf("RECEBIDO"), TEN_DAYS_AGO);
        sim.addTitulo(pf, "10.00", TODAY.minusDays(90), TODAY.minusDays(60), "NF 000001", LocalDateTime.now().minusDays(90));

        Sink sink = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, sink);

        assertThat(sink.records()).extracting(ReceivableRecord::externalId)
                .containsExactly(String.valueOf(a), String.valueOf(b), String.valueOf(c));
        ReceivableRecord ra = sink.records().get(0);
        assertThat(ra.sourceSystem()).isEqualTo("OMIE");
        assertThat(ra.documentNumber()).isEqualTo("NF 000123");
        assertThat(ra.issueDate()).isEqualTo(TODAY.minusDays(10));
        assertThat(ra.dueDate()).isEqualTo(TODAY.plusDays(20));
        assertThat(ra.amount()).isEqualTo(new BigDecimal("1500.75"));
        assertThat(ra.debtor().documento()).isEqualTo(Documento.cnpj(CNPJ));
        assertThat(ra.debtor().nome()).isEqualTo("Comercial Exemplo Ltda");
        assertThat(sink.records().get(1).documentNumber()).isEqualTo(String.valueOf(b));
        assertThat(sink.records().get(1).amount()).isEqualTo(new BigDecimal("45.70"));
        assertThat(sink.records().get(2).debtor().documento().numero()).isEqualTo(CPF);

        assertThat(sink.rejections()).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo("titulo " + d);
            assertThat(r.field()).isEqualTo("cliente.cnpj_cpf");
            assertThat(r.reason()).isEqualTo("CPF invalid: check digits do not match");
        });
        assertThat(sink.checkpoints()).containsExactly("v1;alt;from=" + TODAY);
        assertThat(sim.requestCount("/api/v1/geral/clientes/")).isEqualTo(3);
        assertThat(sim.redundantFaults()).isZero();
    }

    @Test
    void pagesCheckpointAfterEachPageAndTheNextReadSeesOnlyWhatChanged() {
        long pj = sim.addCliente("Comercial Exemplo Ltda", CNPJ, false);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            ids.add(sim.addTitulo(pj, "10.00", TODAY.minusDays(20), TODAY.plusDays(10), "NF " + i, TEN_DAYS_AGO));
        }
        Sink sink = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, sink);

        assertThat(sink.records()).hasSize(450).extracting(ReceivableRecord::externalId).doesNotHaveDuplicates();
        String window = "v1;alt;from=" + TODAY.minusDays(60) + ";to=" + TODAY;
        assertThat(sink.checkpoints()).containsExactly(window + ";page=2", window + ";page=3", "v1;alt;from=" + TODAY);
        assertThat(sim.requestCount("/api/v1/financas/contareceber/")).isEqualTo(3);

        sim.edit(ids.get(7), "valor_documento", new DecimalNode(new BigDecimal("12.34")), LocalDateTime.now());
        Sink next = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, sink.checkpoints().get(2), CTX, next);
        assertThat(next.records()).singleElement().satisfies(r -> {
            assertThat(r.externalId()).isEqualTo(String.valueOf(ids.get(7)));
            assertThat(r.amount()).isEqualTo(new BigDecimal("12.34"));
        });
    }

    @Test
    void anEmptyListIsOmiesNoRecordsFaultAndEndsTheRead() {
        Sink sink = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, sink);
        assertThat(sink.records()).isEmpty();
        assertThat(sink.checkpoints()).containsExactly("v1;alt;from=" + TODAY);
    }

    @Test
    void aReadStoppedByAnOutageResumesFromItsLastCheckpointWithNoGapAndNoDuplicate() {
        long pj = sim.addCliente("Comercial Exemplo Ltda", CNPJ, false);
        for (int i = 0; i < 450; i++) {
            sim.addTitulo(pj, "10.00", TODAY.minusDays(20), TODAY.plusDays(10), "NF " + i, TEN_DAYS_AGO);
        }
        Committing sink = new Committing();
        sink.afterCheckpoint = () -> sim.outage(true);
        assertThatThrownBy(() -> connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, sink))
                .isInstanceOf(ErpUnavailableException.class).hasMessageContaining("after 4 attempts");
        assertThat(sink.committed).hasSize(200);

        sim.outage(false);
        sink.afterCheckpoint = null;
        connector.read(account(), ErpApiConnector.RECEIVABLES, sink.cursor, CTX, sink);
        assertThat(sink.committed).hasSize(450).doesNotHaveDuplicates();
    }

    @Test
    void serverFaultsAndTimeoutsAreRetriedAndARedundantRepeatWaitsAsOmieAsks() {
        long pj = sim.addCliente("Comercial Exemplo Ltda", CNPJ, false);
        for (int i = 0; i < 5; i++) {
            sim.addTitulo(pj, "10.00", TODAY.minusDays(20), TODAY.plusDays(10), "NF " + i, TEN_DAYS_AGO);
        }
        sim.failNext(2, 500); // {"faultcode":"SOAP-ENV:Server"}: an outage, not a business answer
        Sink first = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, first);
        assertThat(first.records()).hasSize(5);

        // Omie processes the list but answers after the client gave up; the repeat is "redundant".
        sim.redundantWindow(Duration.ofSeconds(3));
        sim.delayNext(1, Duration.ofMillis(2_500), "POST", "/api/v1/financas/contareceber/");
        Sink second = new Sink();
        connector.read(account(), ErpApiConnector.RECEIVABLES, "v1;alt;from=" + TODAY.minusDays(30), CTX, second);
        assertThat(second.records()).hasSize(5);
        assertThat(sim.redundantFaults()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void tooManyRequestsAreBackedOffThenReportedAsUnavailable() {
        sim.requestsPerMinute(0);
        assertThatThrownBy(() -> connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, new Sink()))
                .isInstanceOf(ErpUnavailableException.class).hasMessageContaining("HTTP 429");
        assertThat(sim.rateLimited()).isEqualTo(4);
    }

    @Test
    void neverMoreThanFourSimultaneousCallsPerMethod() throws Exception {
        sim.holdEachCall(Duration.ofMillis(300));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Sink>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Map<String, String> own = new HashMap<>(settings);
                own.put("startDate", TODAY.minusDays(10 + i).toString()); // distinct queries: no redundancy
                ErpAccount acc = new ErpAccount("t" + i, own);
                reads.add(pool.submit(() -> {
                    Sink s = new Sink();
                    connector.read(acc, ErpApiConnector.RECEIVABLES, null, CTX, s);
                    return s;
                }));
            }
            for (Future<Sink> f : reads) {
                assertThat(f.get().checkpoints()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.rateLimited()).isZero();
    }

    @Test
    void aBusinessFaultInAReadIsARefusalNotAnOutage() {
        settings.put("appSecret", "ffffffffffffffffffffffffffffffff");
        assertThatThrownBy(() -> connector.read(account(), ErpApiConnector.RECEIVABLES, null, CTX, new Sink()))
                .isInstanceOf(RefusedException.class)
                .satisfies(e -> assertThat(((RefusedException) e).reason()).isEqualTo("unauthorized"))
                .hasMessageNotContaining("ffffffff");
        assertThat(sim.requestCount("/api/v1/")).isEqualTo(1);
    }

    @Test
    void writeBackLancaOneRecebimentoKeyedByTheIdempotencyKey() {
        long pj = sim.addCliente("Comercial Exemplo Ltda", CNPJ, false);
        long t = sim.addTitulo(pj, "1500.75", TODAY.minusDays(10), TODAY.plusDays(20), "NF 000123", TEN_DAYS_AGO);
        PaymentWriteBack p = new PaymentWriteBack("t1:receivable:42:payment:7", String.valueOf(t), TODAY, new BigDecimal("1500.75"), "PIX", null);

        WriteBackReceipt first = connector.writeBackPayment(account(), p);
        assertThat(first.alreadyRecorded()).isFalse();
        JsonNode baixa = sim.baixas().get(0);
        assertThat(first.erpReference()).isEqualTo(baixa.get("codigo_baixa").asText());
        assertThat(baixa.get("codigo_baixa_integracao").asText()).isEqualTo(OmieConnector.baixaKey("t1:receivable:42:payment:7")).hasSize(20);
        assertThat(baixa.get("valor").decimalValue()).isEqualByComparingTo("1500.75");
        assertThat(baixa.get("data").asText()).isEqualTo(TODAY.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        assertThat(baixa.get("observacao").asText()).contains("t1:receivable:42:payment:7");
        assertThat(sim.titulo(t).get("status_titulo").asText()).isEqualTo("RECEBIDO");

        WriteBackReceipt again = connector.writeBackPayment(account(), p);
        assertThat(again).isEqualTo(new WriteBackReceipt(first.erpReference(), true));
        assertThat(sim.baixas()).hasSize(1);
    }

    @Test
    void aRecebimentoAnsweredTooLateIsRecognisedByItsKeyNotWrittenTwice() {
        long pj = sim.addCliente("Comercial Exemplo Ltda", CNPJ, false);
        long t = sim.addTitulo(pj, "50.00", TODAY.minusDays(10), TODAY.plusDays(20), "NF 1", TEN_DAYS_AGO);
        sim.redundantWindow(Duration.ofSeconds(3));
        sim.delayNext(1, Duration.ofMillis(2_500), "POST", "/api/v1/financas/contareceber/");

        WriteBackReceipt r = connector.writeBackPayment(account(), new PaymentWriteBack("wb-late", String.valueOf(t), TODAY, new BigDecimal("50"), "PIX", null));
        assertThat(r.alreadyRecorded()).isTrue();
        assertThat(sim.baixas()).hasSize(1);
        assertThat(r.erpReference()).isEqualTo(sim.baixas().get(0).get("codigo_baixa").asText());
    }

    @Test
    void writeBackDuringAnOutageIsUnknownAndTheRepeatWritesOnce() {
        long pj = sim.addCliente("Comercial Exemplo Ltda", CNPJ, false);
        long t = sim.addTitulo(pj, "50.00", TODAY.minusDays(10), TODAY.plusDays(20), "NF 1", TEN_DAYS_AGO);
        PaymentWriteBack p = new PaymentWriteBack("wb-outage", String.valueOf(t), TODAY, new BigDecimal("50"), "BOLETO", null);
        sim.outage(true);
        assertThatThrownBy(() -> connector.writeBackPayment(account(), p)).isInstanceOf(UnknownOutcomeException.class);
        sim.outage(false);
        assertThat(connector.writeBackPayment(account(), p).alreadyRecorded()).isFalse();
        assertThat(sim.baixas()).hasSize(1);
    }

    @Test
    void writeBackRefusals() {
        long pj = sim.addCliente("Comercial Exemplo Ltda", CNPJ, false);
        long t = sim.addTitulo(pj, "50.00", TODAY.minusDays(10), TODAY.plusDays(20), "NF 1", TEN_DAYS_AGO);

        assertThatThrownBy(() -> connector.writeBackPayment(account(), new PaymentWriteBack("k1", "999", TODAY, BigDecimal.TEN, "PIX", null)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("Lançamento não encontrado")
                .satisfies(e -> assertThat(((RefusedException) e).reason()).isEqualTo("SOAP-ENV:Client-104"));
        sim.edit(t, "status_titulo", TextNode.valueOf("CANCELADO"), LocalDateTime.now());
        assertThatThrownBy(() -> connector.writeBackPayment(account(), new PaymentWriteBack("k2", String.valueOf(t), TODAY, BigDecimal.TEN, "PIX", null)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("CANCELADO");
        settings.remove("contaCorrenteId");
        assertThatThrownBy(() -> connector.writeBackPayment(account(), new PaymentWriteBack("k3", String.valueOf(t), TODAY, BigDecimal.TEN, "PIX", null)))
                .isInstanceOf(RefusedException.class).hasMessage("contaCorrenteId: required to write payments back to Omie");
        assertThat(sim.baixas()).isEmpty();
    }

    /** The testkit's sink, which also holds every cursor to the hub's 200 characters. */
    static class Sink extends RecordingSink {
        @Override
        public synchronized void checkpoint(String cursor) {
            assertThat(cursor.length()).isLessThanOrEqualTo(200);
            super.checkpoint(cursor);
        }
    }

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
