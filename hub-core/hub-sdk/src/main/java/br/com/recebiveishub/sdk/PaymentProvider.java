package br.com.recebiveishub.sdk;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.Remessa;
import br.com.recebiveishub.sdk.model.RemessaItem;
import br.com.recebiveishub.sdk.model.ReturnFile;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A payment provider: issues charges, writes the file that registers them with the provider
 * (the bank's remessa) and reads the provider's report of what happened (the bank's retorno).
 *
 * <p>The hub matches a {@link br.com.recebiveishub.sdk.model.PaymentEvent} to a charge by bank code
 * and nosso número, comparing strings exactly. A provider therefore returns the nosso número in
 * one canonical form everywhere: in {@link IssuedCharge#nossoNumero()}, in every parsed event and
 * from {@link #canonicalNossoNumero(String, String)} for boletos the client registered elsewhere.
 *
 * <p>Implementations are pure functions of their inputs (the hub assigns the nosso número
 * sequence and stores everything), and thread-safe.
 */
public interface PaymentProvider extends ExtensionPoint {

    /** @return the payment method this provider implements, e.g. {@code BOLETO} */
    String method();

    /** @return the three-digit COMPE codes of the banks this provider serves, e.g. {@code 104} */
    Set<String> supportedBanks();

    /**
     * Computes the charge a request becomes at this bank (nosso número with its check digit,
     * barcode, linha digitável). Deterministic: the same request gives the same charge.
     *
     * @throws IllegalArgumentException naming the field when the account or request cannot be issued
     */
    IssuedCharge issue(BankAccount account, ChargeRequest request);

    /**
     * Writes the remittance file that registers the given charges with the bank.
     *
     * @param fileSequence the account's remessa sequence number (NSA), assigned by the hub
     */
    Remessa buildRemessa(BankAccount account, int fileSequence, LocalDateTime generatedAt, List<RemessaItem> items);

    /** @return whether {@code file} is a return file this provider can parse */
    boolean recognizesReturn(SourceFile file);

    /**
     * Parses a bank return file. Records that cannot be read become rejections (the others are
     * still returned); a file that cannot be read at all raises {@link SourceFileException}.
     */
    ReturnFile parseReturn(SourceFile file) throws SourceFileException;

    /**
     * Brings a nosso número as a client's ERP exported it (with or without check digit, padding or
     * punctuation) to the canonical form this provider uses in issued charges and parsed events.
     *
     * @throws IllegalArgumentException when it is not a valid nosso número for that bank
     */
    String canonicalNossoNumero(String bankCode, String nossoNumero);
}
