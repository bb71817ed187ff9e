package br.com.recebiveishub.sdk;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import java.time.LocalDate;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Plays the bank: writes the return file a bank would send for the given movements (entries
 * confirmed, settlements, write-offs), in the same layout the provider parses. Used by the demo,
 * the end-to-end tests and implementation teams to test an onboarding without a bank.
 */
public interface BankReturnSimulator extends ExtensionPoint {

    /** @return the COMPE codes whose return layout this simulator writes */
    java.util.Set<String> supportedBanks();

    /**
     * @param fileSequence the return file's sequence number (NSA)
     * @param generatedOn  the file's generation date
     * @return the file's bytes, lines ended with CRLF as banks send them
     */
    byte[] simulateReturn(BankAccount account, int fileSequence, LocalDate generatedOn, List<SimulatedMovement> movements);
}
