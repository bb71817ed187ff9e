package br.com.recebiveishub.plugin.pix;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one PSP's API Pix for one receiver.
 *
 * @param apiBaseUrl         base of the API including its major version, e.g. {@code https://pix.psp.com.br/api/v2/}
 * @param tokenUrl           the OAuth2 token endpoint (client credentials)
 * @param clientId           OAuth2 client id the PSP issued
 * @param clientSecret       OAuth2 client secret; never logged
 * @param keystore           PKCS#12 file with the client certificate and private key the PSP registered (mTLS)
 * @param keystorePassword   its password; never logged
 * @param truststore         PKCS#12 with the CA that signed the PSP's server certificate; null uses the JVM's
 * @param truststorePassword its password, null when {@code truststore} is null
 * @param scope              scopes to ask for (space separated), null for the client's default
 * @param connectTimeout     TCP + TLS connect limit
 * @param requestTimeout     limit for one response; past it the outcome is unknown
 */
public record PixApiConfig(URI apiBaseUrl, URI tokenUrl, String clientId, String clientSecret, Path keystore,
                           char[] keystorePassword, Path truststore, char[] truststorePassword, String scope,
                           Duration connectTimeout, Duration requestTimeout) {

    public PixApiConfig {
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        if (!"https".equalsIgnoreCase(apiBaseUrl.getScheme()) || !"https".equalsIgnoreCase(tokenUrl.getScheme())) {
            throw new IllegalArgumentException("the API Pix is only served over https (mTLS)");
        }
        if (!apiBaseUrl.toString().endsWith("/")) {
            apiBaseUrl = URI.create(apiBaseUrl + "/");
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(20) : requestTimeout;
    }

    /** Secrets masked on purpose. */
    @Override
    public String toString() {
        return "PixApiConfig[" + apiBaseUrl + ", token " + tokenUrl + ", client " + clientId + ", keystore " + keystore + "]";
    }
}
