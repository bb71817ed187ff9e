package br.com.recebiveishub.plugin.pix;

import br.com.recebiveishub.sdk.model.Documento;
import java.util.Objects;

/**
 * The debtor of a cob or cobv as the API Pix carries it: CPF or CNPJ (validated by the SDK's
 * {@link Documento}) and name; a cobv also takes the address.
 *
 * <p>{@link #toString()} shows neither the document nor the name (personal data).
 */
public record Devedor(Documento documento, String nome, String email, String logradouro, String cidade, String uf, String cep) {

    public Devedor {
        Objects.requireNonNull(documento, "documento");
        if (nome == null || nome.isBlank() || nome.length() > 200) {
            throw new IllegalArgumentException("devedor.nome must have 1 to 200 characters");
        }
        if (uf != null && uf.length() != 2) {
            throw new IllegalArgumentException("devedor.uf must have 2 letters");
        }
        if (cep != null && !cep.matches("\\d{8}")) {
            throw new IllegalArgumentException("devedor.cep must have 8 digits");
        }
        if (logradouro != null && logradouro.length() > 200 || cidade != null && cidade.length() > 200) {
            throw new IllegalArgumentException("devedor address fields have at most 200 characters");
        }
    }

    /** Debtor with document and name only (enough for a cob). */
    public static Devedor of(Documento documento, String nome) {
        return new Devedor(documento, nome, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "Devedor[" + documento + "]";
    }
}
