package br.com.recebiveishub.hub.receivable;

/** Where a receivable stands. */
public enum ReceivableStatus {
    /** Nothing paid yet. */
    OPEN,
    /** Some allocations, balance still open. */
    PARTIALLY_PAID,
    /** Balance zero. */
    PAID,
    /** No longer owed: issued by mistake, goods returned (needs a reason). */
    CANCELLED,
    /** Still owed in law but taken off the books as a loss (needs a reason); the amount is kept. */
    WRITTEN_OFF
}
