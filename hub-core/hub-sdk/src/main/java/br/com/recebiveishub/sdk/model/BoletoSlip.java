package br.com.recebiveishub.sdk.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything printed on the payer's boleto (the "ficha de compensação" and the payer's receipt):
 * the input of {@link br.com.recebiveishub.sdk.PayerDocumentRenderer}.
 *
 * <p>CDC Art. 42-A: every collection document shows the supplier's name, CPF/CNPJ and address, so
 * {@code creditor} must carry all three; a renderer refuses a slip without them. The barcode and
 * the linha digitável are the ones the provider issued ({@link IssuedCharge}); a renderer checks
 * that they agree with each other and with {@code amount} before drawing anything.
 *
 * <p>Personal data (payer's name, document and address): {@link #toString()} shows none of it.
 *
 * @param bankCode         three-digit COMPE code, e.g. {@code 104}
 * @param linhaDigitavel   47 digits, with or without the printed dots and spaces
 * @param barcode          44 digits
 * @param nossoNumero      the nosso número as printed ({@link IssuedCharge#nossoNumeroImpresso()})
 * @param beneficiaryCode  "agência / código do beneficiário" as the bank prints it, may be null
 * @param documentNumber   "número do documento" (seu número), may be null
 * @param issueDate        document date, may be null
 * @param dueDate          due date
 * @param amount           amount, BRL, scale 2, positive
 * @param creditor         the beneficiário: name, CPF/CNPJ and full address (CDC Art. 42-A)
 * @param payer            the pagador: name, CPF/CNPJ and address (address may be null)
 * @param instructions     lines of "instruções (texto de responsabilidade do beneficiário)", may be empty
 * @param discountText     discount conditions, e.g. "Até 10/03/2026: desconto de R$ 5,00", may be null
 * @param fineText         fine after the due date, e.g. "Após o vencimento: multa de 2,00%", may be null
 * @param interestText     interest after the due date, e.g. "Juros de 1,00% ao mês", may be null
 * @param pixBrCode        Pix BR Code ("copia e cola") of a boleto híbrido, drawn as a QR code; null
 *                         for a plain boleto
 */
public record BoletoSlip(String bankCode, String linhaDigitavel, String barcode, String nossoNumero,
                         String beneficiaryCode, String documentNumber, LocalDate issueDate, LocalDate dueDate,
                         BigDecimal amount, Party creditor, Party payer, List<String> instructions,
                         String discountText, String fineText, String interestText, String pixBrCode) {

    public BoletoSlip {
        Objects.requireNonNull(bankCode, "bankCode");
        Objects.requireNonNull(linhaDigitavel, "linhaDigitavel");
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(creditor, "creditor");
        Objects.requireNonNull(payer, "payer");
        instructions = instructions == null ? List.of() : List.copyOf(instructions);
    }

    /**
     * A party named on the slip.
     *
     * @param name     name or company name
     * @param document CPF or CNPJ, already validated
     * @param address  postal address; required for the creditor (CDC Art. 42-A), may be null for the payer
     */
    public record Party(String name, Documento document, Endereco address) {

        @Override
        public String toString() {
            return "Party[" + document + "]";
        }
    }

    @Override
    public String toString() {
        return "BoletoSlip[bank=" + bankCode + ", nossoNumero=" + nossoNumero + ", due=" + dueDate + ", amount=" + amount
                + ", hybrid=" + (pixBrCode != null) + "]";
    }
}
