package br.com.recebiveishub.plugin.omie;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.ErpApiConnector.ErpAccount;
import br.com.recebiveishub.testkit.conformance.ErpApiConnectorConformance;
import br.com.recebiveishub.testkit.erp.OmieSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * The SDK's acceptance suite on the Omie connector and the Omie simulator.
 *
 * <p>{@link #boundaryOverlap()} is 2: Omie filters changes by day, and the cursor resumes on the
 * day the last read ended, so the two titles the suite adds and changes today come again.
 * The simulator's "consumo redundante" window is off here (the suite repeats identical reads on
 * purpose); {@code OmieConnectorTest} covers it.
 */
class OmieConformanceTest extends ErpApiConnectorConformance {

    static final int SEED = 210; // more than one page of 200
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Sao_Paulo"));
    static final DateTimeFormatter BR = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final OmieSimulator OMIE = new OmieSimulator();
    static final OmieConnector CONNECTOR = new OmieConnector(HttpClient.newHttpClient(), 3, Duration.ofMillis(20), Duration.ofMillis(100));
    static final Map<String, String> SETTINGS = Map.of(
            "appKey", OmieSimulator.APP_KEY,
            "appSecret", OmieSimulator.APP_SECRET,
            "startDate", TODAY.minusDays(60).toString(),
            "contaCorrenteId", String.valueOf(OmieSimulator.CONTA_CORRENTE),
            "apiBaseUrl", OMIE.apiBaseUrl().toString(),
            "requestTimeoutSeconds", "5");
    static final Set<String> CLOSED = Set.of("RECEBIDO", "CANCELADO", "LIQUIDADO");

    static {
        OMIE.redundantWindow(Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        OMIE.close();
    }

    @Override
    protected ErpApiConnector connector() {
        return CONNECTOR;
    }

    @Override
    protected Peer peer() {
        return new OmiePeer();
    }

    @Override
    protected int boundaryOverlap() {
        return 2;
    }

    static final class OmiePeer implements Peer {
        private static long cliente;

        @Override
        public void seed() {
            OMIE.reset();
            cliente = OMIE.addCliente("Comercial Exemplo Ltda", "11.222.333/0001-81", false);
            LocalDateTime before = LocalDateTime.now().minusDays(10);
            for (int i = 0; i < SEED; i++) {
                OMIE.addTitulo(cliente, (100 + i) + ".50", TODAY.minusDays(20), TODAY.plusDays(10 + i % 30), "NF " + i, before);
            }
        }

        @Override
        public List<PeerReceivable> receivables() {
            return OMIE.titulos().stream().filter(t -> !CLOSED.contains(t.get("status_titulo").asText())).map(OmiePeer::peer).toList();
        }

        @Override
        public PeerReceivable add() {
            return peer(OMIE.titulo(OMIE.addTitulo(cliente, "777.77", TODAY, TODAY.plusDays(30), "NF new")));
        }

        @Override
        public PeerReceivable update(String externalId) {
            long id = Long.parseLong(externalId);
            BigDecimal amount = OMIE.titulo(id).get("valor_documento").decimalValue().add(BigDecimal.ONE);
            OMIE.edit(id, "valor_documento", new DecimalNode(amount), LocalDateTime.now());
            OMIE.edit(id, "saldo", new DecimalNode(amount), LocalDateTime.now());
            return peer(OMIE.titulo(id));
        }

        @Override
        public int paymentsRecorded(String externalId) {
            return (int) OMIE.baixas().stream().filter(b -> b.get("codigo_lancamento").asText().equals(externalId)).count();
        }

        @Override
        public ErpAccount account() {
            return new ErpAccount("conformance", SETTINGS);
        }

        @Override
        public ErpAccount accountWithBadCredentials() {
            Map<String, String> bad = new HashMap<>(SETTINGS);
            bad.put("appSecret", "0000aaaa0000aaaa0000aaaa0000aaaa");
            return new ErpAccount("conformance", bad);
        }

        @Override
        public ErpAccount unreachableAccount() {
            Map<String, String> off = new HashMap<>(SETTINGS);
            off.put("apiBaseUrl", "http://127.0.0.1:1/api/v1");
            return new ErpAccount("conformance", off);
        }

        private static PeerReceivable peer(JsonNode t) {
            return new PeerReceivable(t.get("codigo_lancamento_omie").asText(), t.get("valor_documento").decimalValue(),
                    LocalDate.parse(t.get("data_vencimento").asText(), BR));
        }
    }
}
