package br.com.recebiveishub.plugin.boleto;

/**
 * Módulo 10 (weights 2, 1, 2, 1 ... from the right, products above 9 summed digit by digit), the
 * check digit of the three first fields of the linha digitável. It detects every single-digit
 * change because doubling-and-summing permutes the digits 0-9.
 */
final class Modulo10 {

    private Modulo10() {
    }

    /** @return the check digit of {@code digits} (0 when the sum is a multiple of 10) */
    static int dv(String digits) {
        int soma = 0;
        boolean dobra = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digito(digits, i);
            if (dobra) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            soma += d;
            dobra = !dobra;
        }
        int resto = soma % 10;
        return resto == 0 ? 0 : 10 - resto;
    }

    static int digito(String digits, int i) {
        char c = digits.charAt(i);
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("not a digit at position " + (i + 1));
        }
        return c - '0';
    }
}
