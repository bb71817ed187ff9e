package br.com.recebiveishub.hub.card;

import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.tenant.PluginConfigs;
import br.com.recebiveishub.sdk.CardPaymentProvider;
import br.com.recebiveishub.sdk.CardPaymentProvider.GatewayAccount;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Component;

/**
 * The tenant's card gateway account: the pay-card settings (PluginConfigs, secrets included) as
 * the SDK's {@link GatewayAccount}, and the started pay-card provider. Never logged.
 */
@Component
public class CardAccounts {

    /** The plugin whose settings are the tenant's gateway account. */
    public static final String PLUGIN_ID = "pay-card";
    /** The plugin schema's default API root. */
    static final String DEFAULT_API = "https://api.mercadopago.com";

    private final PluginConfigs configs;
    private final PluginRuntime plugins;

    public CardAccounts(PluginConfigs configs, PluginRuntime plugins) {
        this.configs = configs;
        this.plugins = plugins;
    }

    /** @throws IllegalStateException (409) when the tenant has no pay-card settings */
    public GatewayAccount account(String tenantId) {
        JsonNode s;
        try {
            s = configs.resolve(tenantId, PLUGIN_ID);
        } catch (NoSuchElementException e) {
            throw new IllegalStateException("tenant " + tenantId + " has no card gateway account: save it first "
                    + "(PUT /api/tenants/" + tenantId + "/plugins/" + PLUGIN_ID + "/config)");
        }
        return new GatewayAccount(URI.create(s.hasNonNull("apiBaseUrl") ? s.get("apiBaseUrl").asText() : DEFAULT_API),
                s.path("accessToken").asText(), s.hasNonNull("webhookSecret") ? s.get("webhookSecret").asText() : null,
                s.hasNonNull("webhookToleranceSeconds") ? Duration.ofSeconds(s.get("webhookToleranceSeconds").asLong()) : null,
                s.hasNonNull("requestTimeoutSeconds") ? Duration.ofSeconds(s.get("requestTimeoutSeconds").asLong()) : null);
    }

    /** @throws IllegalStateException (409) when pay-card is not started */
    public CardPaymentProvider provider() {
        // one instance per plugin generation: the plugin keeps its HTTP client in it
        return plugins.extension(CardPaymentProvider.class, PLUGIN_ID)
                .orElseThrow(() -> new IllegalStateException("plugin " + PLUGIN_ID + " is not started"));
    }
}
