package br.com.recebiveishub.plugin.boleto;

/**
 * Interleaved 2 of 5 (ITF), the symbology of the boleto barcode (FEBRABAN): digits are taken in
 * pairs, the first digit of a pair drawn by five bars and the second by the five spaces between
 * them; in each group of five, two elements are wide and three narrow. A start pattern (narrow bar,
 * narrow space, narrow bar, narrow space) opens the symbol and a stop pattern (wide bar, narrow
 * space, narrow bar) closes it.
 *
 * <p>Elements are written as a string of {@code n} (narrow) and {@code w} (wide), bars at even
 * positions and spaces at odd positions, always starting with a bar. A boleto's 44 digits give
 * 4 + 22 × 10 + 3 = 227 elements; at the FEBRABAN ratio of 1:3 that is 405 narrow modules, 102.9 mm
 * with a 0.254 mm narrow bar.
 */
final class Interleaved2of5 {

    /** Wide elements of each digit, weights 1, 2, 4, 7 and parity (0 = 4 + 7). */
    private static final String[] DIGITOS = {
        "nnwwn", "wnnnw", "nwnnw", "wwnnn", "nnwnw", "wnwnn", "nwwnn", "nnnww", "wnnwn", "nwnwn"
    };
    static final String INICIO = "nnnn";
    static final String FIM = "wnn";

    private Interleaved2of5() {
    }

    /**
     * @param digits an even number of digits (a boleto barcode has 44)
     * @return the element pattern, start and stop included
     */
    static String codificar(String digits) {
        if (digits == null || digits.isEmpty() || digits.length() % 2 != 0 || !Digitos.saoDigitos(digits)) {
            throw new IllegalArgumentException("Interleaved 2 of 5 needs a non-empty even number of digits");
        }
        StringBuilder sb = new StringBuilder(INICIO.length() + digits.length() * 5 + FIM.length());
        sb.append(INICIO);
        for (int i = 0; i < digits.length(); i += 2) {
            String barras = DIGITOS[digits.charAt(i) - '0'];
            String espacos = DIGITOS[digits.charAt(i + 1) - '0'];
            for (int k = 0; k < 5; k++) {
                sb.append(barras.charAt(k)).append(espacos.charAt(k));
            }
        }
        return sb.append(FIM).toString();
    }

    /**
     * Reads an element pattern back into its digits.
     *
     * @throws IllegalArgumentException when the start or stop pattern is missing, the length does
     *                                  not fit, or a group of five is not a digit
     */
    static String decodificar(String elementos) {
        if (elementos == null || !elementos.startsWith(INICIO) || !elementos.endsWith(FIM)) {
            throw new IllegalArgumentException("Interleaved 2 of 5: start or stop pattern missing");
        }
        String meio = elementos.substring(INICIO.length(), elementos.length() - FIM.length());
        if (meio.isEmpty() || meio.length() % 10 != 0) {
            throw new IllegalArgumentException("Interleaved 2 of 5: " + meio.length() + " data elements is not a whole number of pairs");
        }
        StringBuilder digits = new StringBuilder(meio.length() / 5);
        for (int i = 0; i < meio.length(); i += 10) {
            StringBuilder barras = new StringBuilder(5);
            StringBuilder espacos = new StringBuilder(5);
            for (int k = 0; k < 10; k += 2) {
                barras.append(meio.charAt(i + k));
                espacos.append(meio.charAt(i + k + 1));
            }
            digits.append(digito(barras.toString(), i)).append(digito(espacos.toString(), i + 1));
        }
        return digits.toString();
    }

    /**
     * Classifies measured run lengths (pixels or modules of alternating bars and spaces, starting
     * with a bar) into narrow and wide and decodes them: what a scanner does with one row.
     * The threshold is halfway between the narrowest and the widest run.
     */
    static String decodificarLarguras(int[] larguras) {
        if (larguras == null || larguras.length == 0) {
            throw new IllegalArgumentException("Interleaved 2 of 5: no runs");
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int l : larguras) {
            if (l <= 0) {
                throw new IllegalArgumentException("Interleaved 2 of 5: run of width " + l);
            }
            min = Math.min(min, l);
            max = Math.max(max, l);
        }
        if (max < 2 * min) {
            throw new IllegalArgumentException("Interleaved 2 of 5: wide and narrow runs cannot be told apart");
        }
        double limiar = (min + max) / 2.0;
        StringBuilder sb = new StringBuilder(larguras.length);
        for (int l : larguras) {
            sb.append(l > limiar ? 'w' : 'n');
        }
        return decodificar(sb.toString());
    }

    /** @return run lengths in modules for the pattern, narrow = 1 and wide = {@code razao} */
    static int[] larguras(String elementos, int razao) {
        int[] out = new int[elementos.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = elementos.charAt(i) == 'w' ? razao : 1;
        }
        return out;
    }

    private static char digito(String grupo, int posicao) {
        for (int d = 0; d < DIGITOS.length; d++) {
            if (DIGITOS[d].equals(grupo)) {
                return (char) ('0' + d);
            }
        }
        throw new IllegalArgumentException("Interleaved 2 of 5: elements '" + grupo + "' at digit " + (posicao + 1) + " are not a digit");
    }
}
