package br.com.recebiveishub.plugin.boleto;

/**
 * A title's nosso número in every form the plugin needs.
 *
 * @param canonico the key the hub matches on: the bank's title number without check digit,
 *                 modality prefix or leading zeros (see {@link RegrasDoBanco#canonico(String)})
 * @param numero   the full number as the bank's layouts write it, without check digit
 *                 (Caixa: modality + 15 digits; BB: 17 or 11 digits; Bradesco: 11 digits)
 * @param dv       its check digit, empty when the bank defines none (BB convênio of 7 digits)
 * @param impresso as printed on the boleto, e.g. {@code 14/000000000000019-7}
 */
record NossoNumero(String canonico, String numero, String dv, String impresso) {
}
