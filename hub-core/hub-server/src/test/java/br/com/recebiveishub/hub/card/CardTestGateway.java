package br.com.recebiveishub.hub.card;

import br.com.recebiveishub.hub.tenant.PluginConfigs;
import br.com.recebiveishub.testkit.card.MercadoPagoSimulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** One Mercado Pago simulator (hub-testkit) for the hub's tests, and the tenant settings pointing at it. */
public final class CardTestGateway {

    public static final String ACCESS_TOKEN = "TEST-4821-hub-simulador";
    public static final String WEBHOOK_SECRET = "assinatura-secreta-do-simulador";
    private static MercadoPagoSimulator gateway;

    private CardTestGateway() {
    }

    public static synchronized MercadoPagoSimulator gateway() {
        if (gateway == null) {
            try {
                gateway = new MercadoPagoSimulator(ACCESS_TOKEN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return gateway;
    }

    /** Saves the tenant's pay-card settings (the simulator, a 5 s timeout; unchanged settings make no revision). */
    public static void configure(String tenantId, PluginConfigs configs) {
        configs.put(tenantId, CardAccounts.PLUGIN_ID, new ObjectMapper().valueToTree(Map.of("apiBaseUrl", gateway().baseUrl().toString(),
                "accessToken", ACCESS_TOKEN, "webhookSecret", WEBHOOK_SECRET, "requestTimeoutSeconds", 5)));
    }
}
