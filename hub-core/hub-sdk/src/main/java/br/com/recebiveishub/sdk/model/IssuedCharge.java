package br.com.recebiveishub.sdk.model;

/**
 * A charge as the provider issued it.
 *
 * @param bankCode       three-digit COMPE code
 * @param nossoNumero    canonical nosso número (the key the bank's return file will carry)
 * @param nossoNumeroImpresso the nosso número as printed on the boleto (with check digit and punctuation)
 * @param barcode        44-digit barcode
 * @param linhaDigitavel 47-digit linha digitável, digits only
 */
public record IssuedCharge(String bankCode, String nossoNumero, String nossoNumeroImpresso, String barcode,
                           String linhaDigitavel) {
}
