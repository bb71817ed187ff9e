package br.com.recebiveishub.hub.receivable;

/** Where a receivable stands. */
public enum ReceivableStatus {
    /** Nothing paid yet. */
    OPEN,
    /** Some allocations, balance still open. */
    PARTIALLY_PAID,
    /** Balance zero. */
    PAID,
    /** No longer owed (needs a reason). */
    CANCELLED
}
