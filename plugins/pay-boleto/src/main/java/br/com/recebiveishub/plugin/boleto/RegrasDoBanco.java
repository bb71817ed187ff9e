package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;
import java.util.Map;
import java.util.Set;

/**
 * What differs from bank to bank on a boleto: how the nosso número and its check digit are
 * formed, the 25-digit free field of the barcode, and the canonical nosso número.
 *
 * <p><b>Canonical nosso número</b> (the string the hub compares exactly): for every bank it is the
 * title number the bank assigns to the beneficiary's sequence, <i>without</i> check digit,
 * without modality/carteira prefix, without leading zeros. It is what survives every way the same
 * title is written: padded in a CNAB field, printed with punctuation on the boleto, or exported by
 * an ERP with or without its digit. Each bank's class says which part of its number that is.
 */
abstract class RegrasDoBanco {

    private static final Map<String, RegrasDoBanco> BANCOS = Map.of(
            "104", new RegrasCaixa(),
            "001", new RegrasBancoDoBrasil(),
            "237", new RegrasBradesco());

    /** @return the rules of a supported bank */
    static RegrasDoBanco de(String codigoBanco) {
        RegrasDoBanco regras = codigoBanco == null ? null : BANCOS.get(codigoBanco.strip());
        if (regras == null) {
            throw new IllegalArgumentException("bank " + codigoBanco + " is not supported by the boleto provider (104, 001, 237)");
        }
        return regras;
    }

    /** @return whether the bank is supported */
    static boolean suporta(String codigoBanco) {
        return codigoBanco != null && BANCOS.containsKey(codigoBanco);
    }

    /** @return the COMPE codes supported */
    static Set<String> suportados() {
        return BANCOS.keySet();
    }

    /** @return three-digit COMPE code */
    abstract String codigo();

    /**
     * Forms the nosso número of a new title from the account's sequence.
     *
     * @throws IllegalArgumentException naming the field when the account or sequence does not fit
     */
    abstract NossoNumero emitir(BankAccount conta, long sequencia);

    /**
     * Rebuilds the full nosso número of a title known by its canonical form (a charge issued here
     * or a boleto the client registered elsewhere), for the CNAB files.
     */
    abstract NossoNumero doCanonico(BankAccount conta, String canonico);

    /** @return the 25-digit free field of the barcode */
    abstract String campoLivre(BankAccount conta, NossoNumero nossoNumero);

    /**
     * Brings a nosso número as an ERP exported it to the canonical form.
     *
     * @throws IllegalArgumentException when it is not a valid nosso número for the bank, or a
     *                                  check digit it carries does not match
     */
    abstract String canonico(String bruto);

    /** Upper-cases and removes the punctuation ERPs and boletos use, except the DV separator '-'. */
    static String limpar(String bruto) {
        if (bruto == null || bruto.isBlank()) {
            throw new IllegalArgumentException("nosso número is empty");
        }
        StringBuilder sb = new StringBuilder();
        for (char c : bruto.strip().toUpperCase().toCharArray()) {
            if (c != '.' && c != ' ' && c != '\t') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Checks and strips the zeros of a canonical candidate. */
    static String canonicoDe(String digitos, int maximo, String banco) {
        // "" here is what remains of an all-zero value once its zeros are stripped.
        if (!digitos.isEmpty() && !Digitos.saoDigitos(digitos)) {
            throw new IllegalArgumentException(banco + " nosso número must contain digits only");
        }
        String c = Digitos.semZerosAEsquerda(digitos);
        if (c.isEmpty()) {
            throw new IllegalArgumentException(banco + " nosso número must not be zero");
        }
        if (c.length() > maximo) {
            throw new IllegalArgumentException(banco + " nosso número has " + c.length() + " significant digits, at most " + maximo);
        }
        return c;
    }

    /** Only the digits of an account field (agência, conta, convênio), or "" when null. */
    static String digitosDe(String valor) {
        if (valor == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : valor.toCharArray()) {
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c != '-' && c != '.' && c != ' ' && c != '/') {
                throw new IllegalArgumentException("'" + c + "' is not allowed");
            }
        }
        return sb.toString();
    }

    static void verificarSequencia(long sequencia, long maximo, String banco) {
        if (sequencia < 1 || sequencia > maximo) {
            throw new IllegalArgumentException("nossoNumeroSequence must be between 1 and " + maximo + " for " + banco + ", found " + sequencia);
        }
    }
}
