package br.com.recebiveishub.sdk.model;

/**
 * One title in a remessa: what was asked, what was issued, and what the bank is told to do with it.
 *
 * @param request     the charge request (for a cancellation: the title as it was registered)
 * @param charge      the issued charge
 * @param instruction register the title, or ask the bank to cancel it (since SDK 0.2.0; the
 *                    two-argument constructor means {@link Instruction#REGISTER})
 */
public record RemessaItem(ChargeRequest request, IssuedCharge charge, Instruction instruction) {

    /** What the bank is told to do with the title. */
    public enum Instruction {
        /** Register the title (CNAB 240 movement 01, "entrada de títulos"). */
        REGISTER,
        /** Cancel the registered title (CNAB 240 movement 02, "pedido de baixa"): the bank stops collecting it. */
        CANCEL
    }

    public RemessaItem {
        if (instruction == null) {
            instruction = Instruction.REGISTER;
        }
    }

    /** A title to register. */
    public RemessaItem(ChargeRequest request, IssuedCharge charge) {
        this(request, charge, Instruction.REGISTER);
    }
}
