package br.com.recebiveishub.hub.pix;

import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.tenant.PluginConfigs;
import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.InstantPaymentProvider.PspAccount;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Component;

/**
 * The tenant's Pix account at its PSP: the pay-pix settings (PluginConfigs, secrets included) as
 * the SDK's {@link PspAccount}, and the started pay-pix provider. Never logged.
 */
@Component
public class PixAccounts {

    /** The plugin whose settings are the tenant's PSP account. */
    public static final String PLUGIN_ID = "pay-pix";

    private final PluginConfigs configs;
    private final PluginRuntime plugins;

    public PixAccounts(PluginConfigs configs, PluginRuntime plugins) {
        this.configs = configs;
        this.plugins = plugins;
    }

    /**
     * @throws IllegalStateException (409) when the tenant has no pay-pix settings or the plugin is not started
     */
    public PspAccount account(String tenantId) {
        JsonNode s;
        try {
            s = configs.resolve(tenantId, PLUGIN_ID);
        } catch (NoSuchElementException e) {
            throw new IllegalStateException("tenant " + tenantId + " has no Pix account: save the PSP account first "
                    + "(PUT /api/tenants/" + tenantId + "/plugins/" + PLUGIN_ID + "/config)");
        }
        return new PspAccount(URI.create(s.path("apiBaseUrl").asText()), URI.create(s.path("tokenUrl").asText()),
                s.path("clientId").asText(), text(s, "clientSecret"), path(s, "keystore"), chars(s, "keystorePassword"),
                path(s, "truststore"), chars(s, "truststorePassword"), s.path("pixKey").asText(), text(s, "merchantName"),
                text(s, "merchantCity"));
    }

    /** @throws IllegalStateException (409) when pay-pix is not started */
    public InstantPaymentProvider provider() {
        // one instance per plugin generation: the plugin keeps its PSP clients (mTLS context, OAuth2 token) in it
        return plugins.extension(InstantPaymentProvider.class, PLUGIN_ID)
                .orElseThrow(() -> new IllegalStateException("plugin " + PLUGIN_ID + " is not started"));
    }

    private static String text(JsonNode s, String field) {
        return s.hasNonNull(field) ? s.get(field).asText() : null;
    }

    private static Path path(JsonNode s, String field) {
        return s.hasNonNull(field) ? Path.of(s.get(field).asText()) : null;
    }

    private static char[] chars(JsonNode s, String field) {
        return s.hasNonNull(field) ? s.get(field).asText().toCharArray() : null;
    }
}
