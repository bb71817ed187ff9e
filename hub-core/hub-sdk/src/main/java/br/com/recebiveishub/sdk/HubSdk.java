package br.com.recebiveishub.sdk;

/** Facts about this SDK that the hub and plugins both need. */
public final class HubSdk {

    /**
     * Semantic version of the SDK. The hub gives it to PF4J as the system version, so a plugin whose
     * {@code plugin.requires} range excludes it is refused at load.
     */
    public static final String VERSION = "0.4.0";

    private HubSdk() {
    }
}
