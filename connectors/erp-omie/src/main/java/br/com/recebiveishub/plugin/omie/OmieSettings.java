package br.com.recebiveishub.plugin.omie;

import br.com.recebiveishub.sdk.ErpApiConnector.ErpAccount;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A tenant's Omie settings, parsed and checked; errors name the setting and never repeat a secret. */
record OmieSettings(URI apiBaseUrl, String appKey, String appSecret, LocalDate startDate, Long contaCorrenteId,
                    Duration requestTimeout) {

    static final String DEFAULT_API = "https://app.omie.com.br/api/v1";
    private static final Pattern URL = Pattern.compile("https://[^\\s]+|http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?(/[^\\s]*)?");

    static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Omie account",
              "type": "object",
              "additionalProperties": false,
              "required": ["appKey", "appSecret", "startDate"],
              "properties": {
                "appKey": {"type": "string", "pattern": "^[0-9]{1,20}$", "writeOnly": true, "description": "The company's App Key (Omie: Configurações > Geral > API / the app's credentials)"},
                "appSecret": {"type": "string", "minLength": 1, "maxLength": 100, "writeOnly": true, "description": "The App Secret shown with the App Key"},
                "startDate": {"type": "string", "format": "date", "description": "The first sync reads titles included or changed since this date (yyyy-MM-dd)"},
                "contaCorrenteId": {"type": "integer", "minimum": 1, "description": "Omie's code (nCodCC / codigo_conta_corrente) of the conta corrente that receives the recebimento when the hub writes a payment back; without it write-back is refused"},
                "apiBaseUrl": {"type": "string", "pattern": "^(https://[^\\\\s]+|http://(127\\\\.0\\\\.0\\\\.1|localhost)(:[0-9]+)?(/[^\\\\s]*)?)$", "default": "https://app.omie.com.br/api/v1", "description": "Omie API root; leave the default"},
                "requestTimeoutSeconds": {"type": "integer", "minimum": 1, "maximum": 120, "default": 60, "description": "How long to wait for one Omie answer before it counts as a timeout and is retried"}
              }
            }""";

    static OmieSettings of(ErpAccount account) {
        String api = account.get("apiBaseUrl", DEFAULT_API);
        if (!URL.matcher(api).matches()) {
            throw new IllegalArgumentException("apiBaseUrl: must be an https URL (http only to 127.0.0.1/localhost)");
        }
        String appKey = account.require("appKey").trim();
        if (!appKey.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("appKey: Omie app keys are digits");
        }
        LocalDate start;
        try {
            start = LocalDate.parse(account.require("startDate"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startDate: must be a date yyyy-MM-dd");
        }
        Long cc = null;
        String ccText = account.get("contaCorrenteId", null);
        if (ccText != null) {
            try {
                cc = Long.parseLong(ccText.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("contaCorrenteId: must be an Omie code (digits)");
            }
            if (cc < 1) {
                throw new IllegalArgumentException("contaCorrenteId: must be an Omie code (digits)");
            }
        }
        int timeout;
        try {
            timeout = Integer.parseInt(account.get("requestTimeoutSeconds", "60").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("requestTimeoutSeconds: must be a whole number");
        }
        if (timeout < 1 || timeout > 120) {
            throw new IllegalArgumentException("requestTimeoutSeconds: must be between 1 and 120");
        }
        return new OmieSettings(URI.create(api.replaceAll("/+$", "")), appKey, account.require("appSecret"), start, cc,
                Duration.ofSeconds(timeout));
    }

    /** @return a key for per-app limits that holds no secret */
    String limitKey() {
        return sha256(apiBaseUrl + "\n" + appKey);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
