package br.com.recebiveishub.sdk.model;

/**
 * A remittance file ready to send to the bank.
 *
 * @param fileName suggested file name
 * @param content  bytes, lines ended with CRLF
 * @param titles   how many titles it registers
 */
public record Remessa(String fileName, byte[] content, int titles) {
}
