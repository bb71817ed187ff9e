package br.com.recebiveishub.plugin.pix;

/**
 * The request may or may not have taken effect at the PSP: it timed out, the connection broke
 * after it was sent, or the PSP answered 5xx to a write. Never a failure: the hub keeps the charge
 * UNKNOWN and settles it by reading it back ({@code GET /cob/{txid}}) or by repeating the same
 * idempotent PUT (same txid, same devolução id), which cannot create a second one.
 */
public class PixUnknownOutcomeException extends RuntimeException {

    private final String operation;
    private final String idempotencyKey;

    public PixUnknownOutcomeException(String operation, String idempotencyKey, String reason, Throwable cause) {
        super("outcome of " + operation + " " + idempotencyKey + " unknown: " + reason
                + "; read it back or repeat the same request", cause);
        this.operation = operation;
        this.idempotencyKey = idempotencyKey;
    }

    /** @return e.g. {@code PUT /cob} */
    public String operation() {
        return operation;
    }

    /** @return the txid or devolução id to read back or resend */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
