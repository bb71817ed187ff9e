package br.com.recebiveishub.hub.charge;

/**
 * Where a charge stands at its provider. UNKNOWN is first-class: when the hub cannot tell (a
 * timeout, a lost answer) it says so and asks the provider again, never guesses FAILED.
 */
public enum ChargeStatus {
    /** Issued and written to a remessa; the bank has not confirmed it yet. */
    REGISTRATION_PENDING,
    /** The bank confirmed the entry (movement 02), or the client registered it before onboarding. */
    REGISTERED,
    /** The bank refused the entry (movement 03). */
    REJECTED,
    /** Settled (06, 17). */
    PAID,
    /** Written off at the bank (09). */
    WRITTEN_OFF,
    /** Cancelled at the bank at the hub's request (the bank confirmed the baixa). */
    CANCELLED,
    /** State not known; to be re-queried. */
    UNKNOWN,
    /** A person asked to cancel it at the bank (with a reason); sent in the next remessa, live until the bank confirms (09). */
    CANCEL_REQUESTED,
    /** Online charge (Pix): it exists at the PSP and awaits payment. */
    PENDING,
    /** Online charge (Pix): the PSP refused it ({@code failure_reason}); nothing exists there. */
    FAILED,
    /** Online charge (Pix): the receivable was settled another way (its boleto paid first); the cob is to be removed at the PSP. */
    REMOVAL_REQUESTED,
    /** Online charge (Pix): an immediate cob that reached its expiration unpaid. */
    EXPIRED
}
