package br.com.recebiveishub.plugin.bling;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.ErpApiConnector.ErpAccount;
import br.com.recebiveishub.testkit.conformance.ErpApiConnectorConformance;
import br.com.recebiveishub.testkit.erp.BlingSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The SDK's acceptance suite on the Bling connector and the Bling simulator.
 *
 * <p>{@link #boundaryOverlap()} is the whole seed: Bling's list has no updated-since filter, so
 * every read after the first reads again the contas emitted in the last {@code lookbackDays}
 * (the seed is emitted inside that window, which is also why the suite's update is seen).
 */
class BlingConformanceTest extends ErpApiConnectorConformance {

    static final int SEED = 130; // more than one page of 100
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Sao_Paulo"));
    static final BlingSimulator BLING = new BlingSimulator();
    /** One instance for the suite: it holds the rotated refresh token (see the README). */
    static final BlingConnector CONNECTOR = new BlingConnector(HttpClient.newHttpClient(), 3, Duration.ofMillis(20), Duration.ofMillis(100));
    static final Map<String, String> SETTINGS = Map.of(
            "clientId", BlingSimulator.CLIENT_ID,
            "clientSecret", BlingSimulator.CLIENT_SECRET,
            "refreshToken", BLING.authorize(),
            "startDate", TODAY.minusDays(25).toString(),
            "apiBaseUrl", BLING.apiBaseUrl().toString(),
            "portadorId", "14888102402",
            "requestTimeoutSeconds", "5");
    static final BlingPeer PEER = new BlingPeer();

    @AfterAll
    static void stop() {
        BLING.close();
    }

    @Override
    protected ErpApiConnector connector() {
        return CONNECTOR;
    }

    @Override
    protected Peer peer() {
        return PEER;
    }

    @Override
    protected int boundaryOverlap() {
        return SEED + 1;
    }

    static final class BlingPeer implements Peer {
        private long contato;

        @Override
        public void seed() {
            BLING.reset();
            contato = BLING.addContato("Comercial Exemplo Ltda", "11.222.333/0001-81", "J");
            for (int i = 0; i < SEED; i++) {
                BLING.addConta(contato, (100 + i) + ".50", TODAY.minusDays(1 + i % 20), TODAY.plusDays(10 + i % 30), "PV-" + i);
            }
        }

        @Override
        public List<PeerReceivable> receivables() {
            return BLING.contas().stream().filter(c -> c.get("situacao").asInt() == 1 || c.get("situacao").asInt() == 3)
                    .map(BlingPeer::peer).toList();
        }

        @Override
        public PeerReceivable add() {
            return peer(BLING.conta(BLING.addConta(contato, "777.77", TODAY, TODAY.plusDays(30), "PV-new")));
        }

        @Override
        public PeerReceivable update(String externalId) {
            long id = Long.parseLong(externalId);
            BigDecimal amount = BLING.conta(id).get("valor").decimalValue().add(BigDecimal.ONE);
            BLING.edit(id, "valor", new DecimalNode(amount));
            BLING.edit(id, "saldo", new DecimalNode(amount));
            return peer(BLING.conta(id));
        }

        @Override
        public int paymentsRecorded(String externalId) {
            if (!externalId.matches("[0-9]+")) {
                return 0;
            }
            JsonNode c = BLING.conta(Long.parseLong(externalId));
            return c == null ? 0 : c.get("borderos").size();
        }

        @Override
        public ErpAccount account() {
            return new ErpAccount("conformance", SETTINGS);
        }

        @Override
        public ErpAccount accountWithBadCredentials() {
            Map<String, String> bad = new HashMap<>(SETTINGS);
            bad.put("clientSecret", "not-the-app-secret-0123456789");
            return new ErpAccount("conformance", bad);
        }

        @Override
        public ErpAccount unreachableAccount() {
            Map<String, String> off = new HashMap<>(SETTINGS);
            off.put("apiBaseUrl", "http://127.0.0.1:1/Api/v3");
            return new ErpAccount("conformance", off);
        }

        private static PeerReceivable peer(JsonNode c) {
            return new PeerReceivable(c.get("id").asText(), c.get("valor").decimalValue(), LocalDate.parse(c.get("vencimento").asText()));
        }
    }
}
