package br.com.recebiveishub.sdk.model;

import java.time.LocalDate;

/**
 * What synthetic ERP exports to write.
 *
 * @param seed         random seed: same seed, same files
 * @param issuer       the client company issuing the invoices (emitente)
 * @param nfeCount     how many NF-e XML files
 * @param csvRows      how many rows in the CSV export (0: no CSV)
 * @param baseDate     issue dates fall in the 120 days before this date; due dates spread around it
 * @param existingBoletoBank when not null, CSV rows carry already-registered boletos of this bank
 */
public record SourceGenerationRequest(long seed, Issuer issuer, int nfeCount, int csvRows, LocalDate baseDate,
                                      String existingBoletoBank) {

    /**
     * The company issuing the invoices.
     *
     * @param cnpj     its CNPJ
     * @param nome     its name
     * @param endereco its address
     */
    public record Issuer(Documento cnpj, String nome, Endereco endereco) {
    }
}
