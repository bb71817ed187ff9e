package br.com.recebiveishub.sdk;

import br.com.recebiveishub.sdk.model.BoletoSlip;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Renders the documents a payer receives: the boleto as a PDF (payer's receipt and ficha de
 * compensação with the Interleaved 2 of 5 barcode, the linha digitável and, for a boleto híbrido,
 * the Pix QR code).
 *
 * <p>A renderer validates before it draws: a barcode whose general check digit fails, a linha
 * digitável that is not the barcode's, an amount other than the barcode's, or a creditor without
 * name, CPF/CNPJ or address (CDC Art. 42-A) is refused with {@link IllegalArgumentException} naming
 * the field; the message carries no personal data.
 *
 * <p>Implementations are pure functions of their input (the hub stores and serves the bytes) and
 * thread-safe.
 */
public interface PayerDocumentRenderer extends ExtensionPoint {

    /** @return the three-digit COMPE codes whose boletos this renderer prints */
    Set<String> supportedBanks();

    /**
     * @return the PDF's bytes (one A4 page)
     * @throws IllegalArgumentException naming the field when the slip cannot be printed as it is
     */
    byte[] renderBoletoPdf(BoletoSlip slip);
}
