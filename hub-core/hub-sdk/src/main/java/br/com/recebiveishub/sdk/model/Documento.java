package br.com.recebiveishub.sdk.model;

import java.util.Objects;

/**
 * A Brazilian taxpayer number of a person (CPF, 11 digits) or a company (CNPJ, 14 characters),
 * always held normalised (no dots, slashes or dashes) and with its check digits verified.
 *
 * <p>Accepts the alphanumeric CNPJ (IN RFB 2.229/2024, issued from July 2026): twelve characters
 * from {@code 0-9A-Z} followed by two numeric check digits, each character weighing its ASCII code
 * minus 48, so the numeric CNPJ is the special case of digits only.
 *
 * <p>{@link #toString()} masks the number, so a Documento that reaches a log shows no personal data.
 */
public final class Documento {

    /** Which register the number belongs to. */
    public enum Tipo { CPF, CNPJ }

    private final Tipo tipo;
    private final String numero;

    private Documento(Tipo tipo, String numero) {
        this.tipo = tipo;
        this.numero = numero;
    }

    /**
     * Parses a CPF or CNPJ, with or without punctuation.
     *
     * @throws IllegalArgumentException with the reason (length, characters, check digits); the
     *                                  message never repeats the number
     */
    public static Documento parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("CPF/CNPJ is empty");
        }
        String n = normalise(raw);
        if (n.length() == 11) {
            return cpf(n);
        }
        if (n.length() == 14) {
            return cnpj(n);
        }
        throw new IllegalArgumentException("CPF/CNPJ must have 11 (CPF) or 14 (CNPJ) characters, found " + n.length());
    }

    /** Parses a CPF; see {@link #parse(String)}. */
    public static Documento cpf(String raw) {
        String n = normalise(raw);
        if (n.length() != 11) {
            throw new IllegalArgumentException("CPF invalid: must have 11 digits, found " + n.length());
        }
        if (!n.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("CPF invalid: must contain digits only");
        }
        if (n.chars().distinct().count() == 1) {
            throw new IllegalArgumentException("CPF invalid: repeated digits");
        }
        int d1 = cpfDigit(n, 9);
        int d2 = cpfDigit(n, 10);
        if (n.charAt(9) - '0' != d1 || n.charAt(10) - '0' != d2) {
            throw new IllegalArgumentException("CPF invalid: check digits do not match");
        }
        return new Documento(Tipo.CPF, n);
    }

    /** Parses a CNPJ, numeric or alphanumeric; see {@link #parse(String)}. */
    public static Documento cnpj(String raw) {
        String n = normalise(raw);
        if (n.length() != 14) {
            throw new IllegalArgumentException("CNPJ invalid: must have 14 characters, found " + n.length());
        }
        for (int i = 0; i < 12; i++) {
            char c = n.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("CNPJ invalid: character " + (i + 1) + " is not 0-9 or A-Z");
            }
        }
        if (!Character.isDigit(n.charAt(12)) || !Character.isDigit(n.charAt(13))) {
            throw new IllegalArgumentException("CNPJ invalid: check digits must be numeric");
        }
        if (n.chars().distinct().count() == 1) {
            throw new IllegalArgumentException("CNPJ invalid: repeated digits");
        }
        if (n.charAt(12) - '0' != cnpjDigit(n, 12) || n.charAt(13) - '0' != cnpjDigit(n, 13)) {
            throw new IllegalArgumentException("CNPJ invalid: check digits do not match");
        }
        return new Documento(Tipo.CNPJ, n);
    }

    /** Computes the two check digits for the first 9 (CPF) or 12 (CNPJ) characters given. */
    public static String checkDigits(String base) {
        String n = normalise(base);
        if (n.length() == 9) {
            String with1 = n + cpfDigit(n + "00", 9);
            return "" + cpfDigit(with1 + "0", 9) + cpfDigit(with1 + "0", 10);
        }
        if (n.length() == 12) {
            String with1 = n + cnpjDigit(n + "00", 12);
            return "" + with1.charAt(12) + cnpjDigit(with1 + "0", 13);
        }
        throw new IllegalArgumentException("base must have 9 (CPF) or 12 (CNPJ) characters");
    }

    private static String normalise(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '.' || c == '/' || c == '-' || c == ' ') {
                continue;
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString();
    }

    private static int cpfDigit(String n, int len) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            sum += (n.charAt(i) - '0') * (len + 1 - i);
        }
        int r = 11 - sum % 11;
        return r >= 10 ? 0 : r;
    }

    private static int cnpjDigit(String n, int len) {
        int sum = 0;
        int weight = 2;
        for (int i = len - 1; i >= 0; i--) {
            sum += (n.charAt(i) - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    /** @return CPF or CNPJ */
    public Tipo tipo() {
        return tipo;
    }

    /** @return the normalised number (digits, and for an alphanumeric CNPJ upper-case letters) */
    public String numero() {
        return numero;
    }

    /** @return the number with its usual punctuation (000.000.000-00 or 00.000.000/0000-00) */
    public String formatado() {
        if (tipo == Tipo.CPF) {
            return numero.substring(0, 3) + "." + numero.substring(3, 6) + "." + numero.substring(6, 9) + "-" + numero.substring(9);
        }
        return numero.substring(0, 2) + "." + numero.substring(2, 5) + "." + numero.substring(5, 8) + "/" + numero.substring(8, 12) + "-" + numero.substring(12);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Documento d && d.tipo == tipo && d.numero.equals(numero);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tipo, numero);
    }

    /** Masked on purpose: personal data must not reach logs. */
    @Override
    public String toString() {
        return tipo + "(***" + numero.substring(numero.length() - 2) + ")";
    }
}
