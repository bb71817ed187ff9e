package br.com.recebiveishub.sdk.model;

/**
 * A tenant's collection account at a bank (the beneficiário's side of a boleto).
 *
 * @param bankCode              three-digit COMPE code: 104 Caixa, 001 Banco do Brasil, 237 Bradesco
 * @param agencia               branch, digits, without check digit
 * @param agenciaDv             branch check digit, may be empty
 * @param conta                 account number, digits, without check digit
 * @param contaDv               account check digit, may be empty
 * @param carteira              wallet code as the bank names it (e.g. "14" Caixa, "17" BB, "09" Bradesco)
 * @param convenio              agreement / beneficiary code at the bank (Caixa código do beneficiário,
 *                              BB convênio, Bradesco código da empresa)
 * @param beneficiarioNome      creditor name printed on the boleto
 * @param beneficiarioDocumento creditor CPF/CNPJ
 * @param beneficiarioEndereco  creditor address (CDC Art. 42-A), may be null
 */
public record BankAccount(String bankCode, String agencia, String agenciaDv, String conta, String contaDv,
                          String carteira, String convenio, String beneficiarioNome,
                          Documento beneficiarioDocumento, Endereco beneficiarioEndereco) {
}
