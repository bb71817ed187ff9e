package br.com.recebiveishub.plugin.pix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The txid of a cob or cobv: 26 to 35 letters and digits (API Pix {@code TxId}), chosen by the
 * receiver.
 *
 * <p>It doubles as the idempotency key of a create: {@code PUT /cob/{txid}} twice with the same
 * body leaves one charge. {@link #derive(String)} therefore computes it from the hub's own key
 * for the charge (tenant + charge id), so a retry after an unknown outcome reuses the same txid
 * instead of creating a second charge the debtor could pay twice.
 *
 * <p>The OpenAPI pattern is not anchored; this type anchors it (a 36-character txid contains a
 * 35-character match but is refused by the PSPs).
 */
public record Txid(String value) {

    private static final Pattern TXID = Pattern.compile("[a-zA-Z0-9]{26,35}");
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /** @throws IllegalArgumentException unless 26 to 35 letters and digits */
    public Txid {
        if (value == null || !TXID.matcher(value).matches()) {
            throw new IllegalArgumentException("txid must be 26 to 35 letters and digits, found "
                    + (value == null ? "null" : value.length() + " characters"));
        }
    }

    /**
     * A 32-character txid that is a pure function of {@code idempotencyKey} (SHA-256, base 62),
     * so the same charge always gets the same txid.
     */
    public static Txid derive(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            throw new IllegalArgumentException("idempotency key is empty");
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        java.math.BigInteger n = new java.math.BigInteger(1, hash);
        java.math.BigInteger base = java.math.BigInteger.valueOf(62);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 32) {
            java.math.BigInteger[] qr = n.divideAndRemainder(base);
            sb.append(BASE62[qr[1].intValue()]);
            n = qr[0];
        }
        return new Txid(sb.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
