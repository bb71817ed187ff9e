package br.com.recebiveishub.sdk.model;

/**
 * What a bank return movement means to the hub, whatever the bank's own code (FEBRABAN CNAB 240
 * codes in brackets).
 */
public enum MovementKind {
    /** The bank registered the title [02]. */
    ENTRY_CONFIRMED,
    /** The bank refused to register the title [03]; reason codes say why. */
    ENTRY_REJECTED,
    /** The title was paid [06]. */
    SETTLED,
    /** The title was paid after it had been written off [17]. */
    SETTLED_AFTER_WRITE_OFF,
    /** The title was written off (baixa) [09]. */
    WRITTEN_OFF,
    /** Fees were debited [28]. */
    FEE_DEBITED,
    /** Any other movement: recorded, not acted on. */
    OTHER;

    /** @return whether money reached the creditor with this movement */
    public boolean isSettlement() {
        return this == SETTLED || this == SETTLED_AFTER_WRITE_OFF;
    }
}
