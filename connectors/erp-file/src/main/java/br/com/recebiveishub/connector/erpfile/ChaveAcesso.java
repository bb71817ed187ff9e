package br.com.recebiveishub.connector.erpfile;

/**
 * The NF-e chave de acesso: 44 characters, cUF(2) AAMM(4) CNPJ(14) mod(2) serie(3) nNF(9)
 * tpEmis(1) cNF(8) cDV(1). The check digit is módulo 11 with weights 2 to 9 from the right
 * (remainders 0 and 1 give 0). The CNPJ part may be alphanumeric (from July 2026), each
 * character weighing its code minus 48 as in the CNPJ's own check digits.
 */
final class ChaveAcesso {

    private ChaveAcesso() {
    }

    /** @return the check digit of the first 43 characters */
    static int checkDigit(String first43) {
        if (first43.length() != 43) {
            throw new IllegalArgumentException("need 43 characters");
        }
        int sum = 0;
        int weight = 2;
        for (int i = 42; i >= 0; i--) {
            sum += (first43.charAt(i) - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    /**
     * @return null when {@code chave} is well formed with a matching check digit, else the reason
     */
    static String problem(String chave) {
        if (chave.length() != 44) {
            return "chave de acesso must have 44 characters, found " + chave.length();
        }
        for (int i = 0; i < 44; i++) {
            char c = chave.charAt(i);
            boolean cnpjPart = i >= 6 && i < 18;
            if (!(c >= '0' && c <= '9') && !(cnpjPart && c >= 'A' && c <= 'Z')) {
                return "chave de acesso has an invalid character at position " + (i + 1);
            }
        }
        if (chave.charAt(43) - '0' != checkDigit(chave.substring(0, 43))) {
            return "check digit of the chave de acesso does not match";
        }
        return null;
    }

    /** Builds a chave from its parts, appending the check digit. */
    static String build(String cUf, int yy, int mm, String cnpj, String mod, int serie, long nNF, int tpEmis, long cNF) {
        String first43 = cUf + two(yy) + two(mm) + cnpj + mod + pad(serie, 3) + pad(nNF, 9) + tpEmis + pad(cNF, 8);
        return first43 + checkDigit(first43);
    }

    private static String two(int n) {
        return pad(n, 2);
    }

    static String pad(long n, int width) {
        String s = Long.toString(n);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
