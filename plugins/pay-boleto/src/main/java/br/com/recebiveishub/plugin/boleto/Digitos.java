package br.com.recebiveishub.plugin.boleto;

/** Small helpers for the all-digit strings boletos and CNAB files are made of. */
final class Digitos {

    private Digitos() {
    }

    /** @return whether {@code s} is non-empty and made of ASCII digits only */
    static boolean saoDigitos(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Left-pads {@code digits} with zeros to {@code width}.
     *
     * @throws IllegalArgumentException naming {@code campo} when it is not digits or is too long
     */
    static String comZeros(String digits, int width, String campo) {
        if (!saoDigitos(digits)) {
            throw new IllegalArgumentException(campo + " must contain digits only");
        }
        if (digits.length() > width) {
            throw new IllegalArgumentException(campo + " has " + digits.length() + " digits, at most " + width + " allowed");
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    /** As {@link #comZeros(String, int, String)} for a non-negative number. */
    static String comZeros(long value, int width, String campo) {
        if (value < 0) {
            throw new IllegalArgumentException(campo + " must not be negative");
        }
        return comZeros(Long.toString(value), width, campo);
    }

    /** @return {@code digits} without leading zeros ("" when all zeros) */
    static String semZerosAEsquerda(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
