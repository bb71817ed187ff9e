package br.com.recebiveishub.plugin.boleto;

/**
 * The módulo 11 variants boletos use. They share the weighted sum but differ in weights and in how
 * a remainder becomes a digit, so each bank's rule has its own method named after the document
 * that defines it.
 */
final class Modulo11 {

    private Modulo11() {
    }

    /**
     * Weighted sum with weights {@code pesoMinimo..pesoMaximo} applied from the rightmost digit,
     * cycling back to {@code pesoMinimo} after {@code pesoMaximo}.
     */
    static int soma(String digits, int pesoMinimo, int pesoMaximo) {
        int soma = 0;
        int peso = pesoMinimo;
        for (int i = digits.length() - 1; i >= 0; i--) {
            soma += Modulo10.digito(digits, i) * peso;
            peso = peso == pesoMaximo ? pesoMinimo : peso + 1;
        }
        return soma;
    }

    /**
     * FEBRABAN general check digit of the 44-digit barcode (computed over the 43 other digits):
     * weights 2-9 from the right, 11 minus the remainder, and 0, 10 or 11 become 1 (a barcode DV is
     * never 0). Because remainders 0, 1 and 10 all give 1, a change that moves the remainder among
     * them is not detected: that is the rule's, not this code's, weakness.
     */
    static int dvGeralCodigoDeBarras(String digits43) {
        int dv = 11 - soma(digits43, 2, 9) % 11;
        return dv == 0 || dv == 10 || dv == 11 ? 1 : dv;
    }

    /** Remainder of the weights 2-9 sum by 11 (exposed so tests can name the undetectable case). */
    static int restoPesos2a9(String digits) {
        return soma(digits, 2, 9) % 11;
    }

    /**
     * Caixa SIGCB rule for the nosso número, the beneficiary code and the free field: weights 2-9
     * from the right, 11 minus the remainder, results above 9 become 0 (Caixa manual annexes III,
     * IV and VI).
     */
    static int dvCaixa(String digits) {
        int dv = 11 - soma(digits, 2, 9) % 11;
        return dv > 9 ? 0 : dv;
    }

    /**
     * Banco do Brasil nosso número rule (Doc5175 annex XI): weights 9 down to 2 from the right
     * (rightmost digit times 9), the remainder itself is the digit, remainder 10 is 'X'.
     */
    static char dvBancoDoBrasil(String digits) {
        int soma = 0;
        int peso = 9;
        for (int i = digits.length() - 1; i >= 0; i--) {
            soma += Modulo10.digito(digits, i) * peso;
            peso = peso == 2 ? 9 : peso - 1;
        }
        int resto = soma % 11;
        return resto == 10 ? 'X' : (char) ('0' + resto);
    }

    /**
     * Bradesco nosso número rule (CNAB 400 manual, "dígito de auto-conferência"): carteira (2) +
     * nosso número (11), weights 2-7 from the right, 11 minus the remainder; remainder 0 gives 0 and
     * remainder 1 gives 'P'.
     */
    static char dvBradesco(String carteiraMaisNossoNumero) {
        int resto = soma(carteiraMaisNossoNumero, 2, 7) % 11;
        if (resto == 0) {
            return '0';
        }
        if (resto == 1) {
            return 'P';
        }
        return (char) ('0' + 11 - resto);
    }
}
