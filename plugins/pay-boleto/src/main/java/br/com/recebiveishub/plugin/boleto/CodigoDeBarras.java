package br.com.recebiveishub.plugin.boleto;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 44-digit boleto barcode (FEBRABAN): bank (3), currency '9' (1), general check digit (1),
 * due-date factor (4), amount in cents (10) and the bank's free field (25). Instances are always
 * valid: the general check digit matches.
 */
final class CodigoDeBarras {

    /** Largest amount the 10-digit field holds (R$ 99.999.999,99). */
    static final BigDecimal VALOR_MAXIMO = new BigDecimal("99999999.99");

    private final String digitos;

    private CodigoDeBarras(String digitos) {
        this.digitos = digitos;
    }

    /**
     * Builds a barcode and computes its general check digit.
     *
     * @param banco      three-digit COMPE code
     * @param fator      due-date factor 1000-9999, or 0 for "no due date"
     * @param valor      amount, at most 2 decimals, 0 for "amount not fixed"
     * @param campoLivre the bank's 25-digit free field
     */
    static CodigoDeBarras montar(String banco, int fator, BigDecimal valor, String campoLivre) {
        if (banco == null || banco.length() != 3 || !Digitos.saoDigitos(banco)) {
            throw new IllegalArgumentException("bank code must have 3 digits");
        }
        if (fator != 0 && (fator < 1000 || fator > 9999)) {
            throw new IllegalArgumentException("due-date factor must be 0 or 1000-9999, found " + fator);
        }
        if (campoLivre == null || campoLivre.length() != 25 || !Digitos.saoDigitos(campoLivre)) {
            throw new IllegalArgumentException("free field must have 25 digits");
        }
        String semDv = banco + "9" + Digitos.comZeros(fator, 4, "due-date factor") + centavos(valor) + campoLivre;
        int dv = Modulo11.dvGeralCodigoDeBarras(semDv);
        return new CodigoDeBarras(semDv.substring(0, 4) + dv + semDv.substring(4));
    }

    /**
     * Reads a barcode.
     *
     * @throws IllegalArgumentException when it does not have 44 digits or its check digit is wrong
     */
    static CodigoDeBarras parse(String texto) {
        if (texto == null) {
            throw new IllegalArgumentException("barcode is empty");
        }
        String d = texto.strip();
        if (d.length() != 44 || !Digitos.saoDigitos(d)) {
            throw new IllegalArgumentException("barcode must have 44 digits, found " + d.length() + " characters");
        }
        int esperado = Modulo11.dvGeralCodigoDeBarras(semDv(d));
        if (d.charAt(4) - '0' != esperado) {
            throw new IllegalArgumentException("barcode general check digit is " + d.charAt(4) + ", expected " + esperado);
        }
        return new CodigoDeBarras(d);
    }

    /** @return the 43 digits the general check digit is computed over */
    static String semDv(String digitos44) {
        return digitos44.substring(0, 4) + digitos44.substring(5);
    }

    private static String centavos(BigDecimal valor) {
        if (valor == null || valor.signum() < 0) {
            throw new IllegalArgumentException("amount must be zero or positive");
        }
        if (valor.compareTo(VALOR_MAXIMO) > 0) {
            throw new IllegalArgumentException("amount exceeds R$ 99.999.999,99, the most a barcode holds");
        }
        BigDecimal c = valor.movePointRight(2);
        if (c.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("amount has more than 2 decimal places");
        }
        return Digitos.comZeros(c.longValueExact(), 10, "amount");
    }

    String digitos() {
        return digitos;
    }

    String banco() {
        return digitos.substring(0, 3);
    }

    char moeda() {
        return digitos.charAt(3);
    }

    int dv() {
        return digitos.charAt(4) - '0';
    }

    /** @return the due-date factor, 0 when the barcode carries none */
    int fator() {
        return Integer.parseInt(digitos.substring(5, 9));
    }

    /** @return the amount, scale 2 */
    BigDecimal valor() {
        return new BigDecimal(digitos.substring(9, 19)).movePointLeft(2);
    }

    String campoLivre() {
        return digitos.substring(19);
    }

    /** @return the due date near {@code referencia} (see {@link FatorVencimento}), empty for factor 0000 */
    Optional<LocalDate> vencimento(LocalDate referencia) {
        int f = fator();
        return f == 0 ? Optional.empty() : Optional.of(FatorVencimento.decodificar(f, referencia));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodigoDeBarras c && c.digitos.equals(digitos);
    }

    @Override
    public int hashCode() {
        return digitos.hashCode();
    }

    @Override
    public String toString() {
        return digitos;
    }
}
