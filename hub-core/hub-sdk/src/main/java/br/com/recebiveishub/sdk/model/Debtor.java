package br.com.recebiveishub.sdk.model;

import java.util.Objects;

/**
 * The customer who owes a receivable (the sacado / pagador). Personal data: the hub logs none of
 * it, and {@link #toString()} shows only the masked document.
 *
 * @param documento CPF or CNPJ, already validated
 * @param nome      name or company name
 * @param endereco  address, may be null when the source has none
 * @param email     e-mail, may be null
 * @param telefone  phone, digits only, may be null
 */
public record Debtor(Documento documento, String nome, Endereco endereco, String email, String telefone) {

    public Debtor {
        Objects.requireNonNull(documento, "documento");
        Objects.requireNonNull(nome, "nome");
    }

    @Override
    public String toString() {
        return "Debtor[" + documento + "]";
    }
}
