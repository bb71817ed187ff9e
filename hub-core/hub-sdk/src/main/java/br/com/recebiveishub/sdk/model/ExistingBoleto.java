package br.com.recebiveishub.sdk.model;

/**
 * A boleto the client had already registered at its bank before the receivable reached the hub
 * (as when a client moves its collection to the BPO). The hub records it as a charge so the
 * bank's return file can settle the receivable.
 *
 * @param bankCode    three-digit COMPE code, e.g. {@code 104}
 * @param nossoNumero the bank's title number as the ERP exported it
 */
public record ExistingBoleto(String bankCode, String nossoNumero) {
}
