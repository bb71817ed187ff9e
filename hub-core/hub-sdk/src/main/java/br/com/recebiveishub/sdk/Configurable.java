package br.com.recebiveishub.sdk;

/**
 * Implemented by an extension whose work depends on per-tenant settings: a PSP's credentials, an
 * ERP API's token, a file layout. The hub keeps each tenant's settings for the plugin, validates
 * them against {@link #configurationSchema()} before saving, encrypts the secret ones at rest and
 * never returns a secret through its API; the hub passes the settings to the plugin's calls (for
 * example as an {@link InstantPaymentProvider.PspAccount}).
 *
 * <p>A plugin that implements it on several of its extensions must give the same schema on each:
 * settings are per tenant and plugin, not per extension.
 */
public interface Configurable {

    /**
     * The settings' JSON Schema (draft 2020-12), as a JSON object text.
     *
     * <ul>
     *   <li>A property with {@code "writeOnly": true} is a secret: stored encrypted, never returned
     *       by the API, kept when an update omits it.</li>
     *   <li>Only local references ({@code "$ref": "#/..."}) are allowed: the hub fetches nothing.</li>
     *   <li>{@code "description"} of each property is what the implementation team reads.</li>
     * </ul>
     *
     * @return the schema; the same text every call
     */
    String configurationSchema();
}
