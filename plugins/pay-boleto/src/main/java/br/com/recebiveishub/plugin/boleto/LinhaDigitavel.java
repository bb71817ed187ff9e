package br.com.recebiveishub.plugin.boleto;

/**
 * The 47-digit linha digitável a payer types when the barcode cannot be scanned. Five fields:
 * (1) bank, currency and free field 1-5 plus a módulo-10 digit; (2) free field 6-15 plus a
 * módulo-10 digit; (3) free field 16-25 plus a módulo-10 digit; (4) the barcode's general check
 * digit; (5) due-date factor and amount. Printed as
 * {@code AAAAA.AAAAA BBBBB.BBBBBB CCCCC.CCCCCC D EEEEEEEEEEEEEE}.
 */
final class LinhaDigitavel {

    private final String digitos;

    private LinhaDigitavel(String digitos) {
        this.digitos = digitos;
    }

    /** @return the linha digitável of a barcode */
    static LinhaDigitavel de(CodigoDeBarras codigo) {
        String b = codigo.digitos();
        String campo1 = b.substring(0, 4) + b.substring(19, 24);
        String campo2 = b.substring(24, 34);
        String campo3 = b.substring(34, 44);
        return new LinhaDigitavel(campo1 + Modulo10.dv(campo1) + campo2 + Modulo10.dv(campo2) + campo3
                + Modulo10.dv(campo3) + b.charAt(4) + b.substring(5, 19));
    }

    /**
     * Reads a linha digitável typed with or without the dots and spaces.
     *
     * @throws IllegalArgumentException naming the field whose check digit fails, or the length
     */
    static LinhaDigitavel parse(String texto) {
        if (texto == null) {
            throw new IllegalArgumentException("linha digitável is empty");
        }
        String d = texto.replace(".", "").replace(" ", "").strip();
        if (d.length() != 47 || !Digitos.saoDigitos(d)) {
            throw new IllegalArgumentException("linha digitável must have 47 digits, found " + d.length() + " characters");
        }
        verificarCampo(d, 0, 9, 1);
        verificarCampo(d, 10, 20, 2);
        verificarCampo(d, 21, 31, 3);
        LinhaDigitavel linha = new LinhaDigitavel(d);
        // The general digit (field 4) is checked by rebuilding the barcode.
        linha.codigoDeBarras();
        return linha;
    }

    private static void verificarCampo(String d, int inicio, int posicaoDv, int campo) {
        int esperado = Modulo10.dv(d.substring(inicio, posicaoDv));
        if (d.charAt(posicaoDv) - '0' != esperado) {
            throw new IllegalArgumentException("linha digitável field " + campo + " check digit is " + d.charAt(posicaoDv)
                    + ", expected " + esperado);
        }
    }

    /** @return the barcode this line represents, its general check digit verified */
    CodigoDeBarras codigoDeBarras() {
        String d = digitos;
        return CodigoDeBarras.parse(d.substring(0, 4) + d.charAt(32) + d.substring(33, 47) + d.substring(4, 9)
                + d.substring(10, 20) + d.substring(21, 31));
    }

    /** @return the 47 digits, no punctuation */
    String digitos() {
        return digitos;
    }

    /** @return the printed form {@code AAAAA.AAAAA BBBBB.BBBBBB CCCCC.CCCCCC D EEEEEEEEEEEEEE} */
    String formatada() {
        String d = digitos;
        return d.substring(0, 5) + "." + d.substring(5, 10) + " " + d.substring(10, 15) + "." + d.substring(15, 21) + " "
                + d.substring(21, 26) + "." + d.substring(26, 32) + " " + d.charAt(32) + " " + d.substring(33);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinhaDigitavel l && l.digitos.equals(digitos);
    }

    @Override
    public int hashCode() {
        return digitos.hashCode();
    }

    @Override
    public String toString() {
        return formatada();
    }
}
