package br.com.recebiveishub.sdk.model;

/**
 * The beneficiary (the hub's client) as a bank return file's header identifies it. The hub uses it
 * to refuse a return of another client: a file dropped into the wrong tenant's inbox must not
 * settle that tenant's boletos that happen to share nosso números.
 *
 * <p>Each value is as the header carries it, digits only without leading zeros (no check digits);
 * null when the file's layout has no such field in its header.
 *
 * @param agencia  branch (agência mantenedora), e.g. {@code 1234} for the header's {@code 01234}
 * @param conta    account number (conta corrente) without its check digit
 * @param convenio the bank's code for the client: Caixa código do beneficiário, Banco do Brasil
 *                 convênio, Bradesco código da empresa
 */
public record Beneficiary(String agencia, String conta, String convenio) {
}
