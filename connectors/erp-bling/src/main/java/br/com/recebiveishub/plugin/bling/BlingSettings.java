package br.com.recebiveishub.plugin.bling;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.ErpApiConnector.ErpAccount;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A tenant's Bling settings, parsed and checked. {@link IllegalArgumentException}s name the
 * setting and never repeat a secret.
 */
record BlingSettings(String tenantId, URI apiBaseUrl, URI tokenUrl, String clientId, String clientSecret, String refreshToken,
                     LocalDate startDate, int lookbackDays, Long portadorId, Long categoriaId, Duration requestTimeout,
                     ErpApiConnector.SettingsKeeper keeper) {

    static final String DEFAULT_API = "https://api.bling.com.br/Api/v3";

    /** https anywhere; plain http only to this machine (the simulator), so a token never crosses a network in clear. */
    private static final Pattern URL = Pattern.compile("https://[^\\s]+|http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?(/[^\\s]*)?");

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Bling (API v3) account",
              "type": "object",
              "additionalProperties": false,
              "required": ["clientId", "clientSecret", "refreshToken", "startDate"],
              "properties": {
                "clientId": {"type": "string", "minLength": 1, "maxLength": 100, "description": "The app's Client Id (Bling: Central de Extensões > Área do Integrador > the app > Informações do app)"},
                "clientSecret": {"type": "string", "minLength": 1, "maxLength": 200, "writeOnly": true, "description": "The app's Client Secret, same screen as the Client Id"},
                "refreshToken": {"type": "string", "minLength": 1, "maxLength": 200, "writeOnly": true, "description": "A refresh token from the client's authorization of the app (authorization code flow, POST /oauth/token). Bling replaces it at every renewal: the connector hands each new one to the hub, which saves it here (encrypted), so it survives restarts"},
                "startDate": {"type": "string", "format": "date", "description": "First emission date (dataEmissao, yyyy-MM-dd) the first sync reads; older contas a receber are left in Bling"},
                "lookbackDays": {"type": "integer", "minimum": 0, "maximum": 365, "default": 30, "description": "Each sync reads again the contas emitted in these last days, because Bling's list has no updated-since filter: changes to older contas are not seen"},
                "portadorId": {"type": "integer", "minimum": 1, "description": "Id of the Bling portador (bank account) that receives the baixa when the hub writes a payment back; without it write-back is refused"},
                "categoriaId": {"type": "integer", "minimum": 1, "description": "Id of the receita category for the baixa, optional"},
                "apiBaseUrl": {"type": "string", "pattern": "^(https://[^\\\\s]+|http://(127\\\\.0\\\\.0\\\\.1|localhost)(:[0-9]+)?(/[^\\\\s]*)?)$", "default": "https://api.bling.com.br/Api/v3", "description": "Bling API root; leave the default"},
                "tokenUrl": {"type": "string", "pattern": "^(https://[^\\\\s]+|http://(127\\\\.0\\\\.0\\\\.1|localhost)(:[0-9]+)?(/[^\\\\s]*)?)$", "description": "Token endpoint; default {apiBaseUrl}/oauth/token"},
                "requestTimeoutSeconds": {"type": "integer", "minimum": 1, "maximum": 120, "default": 30, "description": "How long to wait for one Bling answer before it counts as a timeout (retried for reads; for a write-back the connector checks before repeating)"}
              }
            }""";

    static BlingSettings of(ErpAccount account) {
        URI api = url(account.get("apiBaseUrl", DEFAULT_API), "apiBaseUrl");
        String apiText = api.toString().replaceAll("/+$", "");
        URI token = url(account.get("tokenUrl", apiText + "/oauth/token"), "tokenUrl");
        LocalDate start;
        try {
            start = LocalDate.parse(account.require("startDate"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startDate: must be a date yyyy-MM-dd");
        }
        return new BlingSettings(account.tenantId(), URI.create(apiText), token, account.require("clientId"), account.require("clientSecret"),
                account.require("refreshToken"), start, integer(account, "lookbackDays", 30, 0, 365),
                id(account, "portadorId"), id(account, "categoriaId"),
                Duration.ofSeconds(integer(account, "requestTimeoutSeconds", 30, 1, 120)), account.keeper());
    }

    /**
     * @return a key for this account's caches (token, rate limiter) that holds no secret: per tenant,
     *         because a BPO's one app serves many client companies, each with its own refresh token;
     *         not on the refresh token, which Bling rotates at every renewal
     */
    String cacheKey() {
        return sha256(tenantId + "\n" + tokenUrl + "\n" + clientId + "\n" + clientSecret);
    }

    private static URI url(String value, String name) {
        if (!URL.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": must be an https URL (http only to 127.0.0.1/localhost)");
        }
        return URI.create(value);
    }

    private static int integer(ErpAccount a, String name, int fallback, int min, int max) {
        String v = a.get(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + ": must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be a whole number");
        }
    }

    private static Long id(ErpAccount a, String name) {
        String v = a.get(name, null);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < 1) {
                throw new IllegalArgumentException(name + ": must be a positive Bling id");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be a Bling id (digits)");
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
