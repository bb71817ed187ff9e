package br.com.recebiveishub.plugin.boleto;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * One fixed-width CNAB record being written, addressed by the 1-based inclusive positions the
 * bank manuals use. Starts blank; numeric fields are right-aligned with zeros, alphanumeric ones
 * left-aligned with blanks, upper case, without accents (FEBRABAN general rules). A value that
 * does not fit is an error, never silently cut, except free text (names, addresses), which
 * banks expect truncated.
 */
final class RegistroCnab {

    static final DateTimeFormatter DDMMAAAA = DateTimeFormatter.ofPattern("ddMMyyyy");

    private final char[] posicoes;

    RegistroCnab(int tamanho) {
        posicoes = new char[tamanho];
        Arrays.fill(posicoes, ' ');
    }

    /** Writes a pre-formatted block that must fill the positions exactly. */
    RegistroCnab bloco(int de, int ate, String exato) {
        if (exato.length() != ate - de + 1) {
            throw new IllegalStateException("block for " + de + "-" + ate + " has " + exato.length() + " characters");
        }
        return escrever(de, exato);
    }

    /** Writes digits right-aligned with zeros. */
    RegistroCnab num(int de, int ate, String digitos, String campo) {
        return escrever(de, Digitos.comZeros(digitos, ate - de + 1, campo));
    }

    RegistroCnab num(int de, int ate, long valor, String campo) {
        return escrever(de, Digitos.comZeros(valor, ate - de + 1, campo));
    }

    RegistroCnab zeros(int de, int ate) {
        return escrever(de, "0".repeat(ate - de + 1));
    }

    RegistroCnab brancos(int de, int ate) {
        return escrever(de, " ".repeat(ate - de + 1));
    }

    /** Writes a money amount in cents (2 implied decimals); null writes zeros. */
    RegistroCnab valor(int de, int ate, BigDecimal valor, String campo) {
        if (valor == null) {
            return zeros(de, ate);
        }
        if (valor.signum() < 0) {
            throw new IllegalArgumentException(campo + " must not be negative");
        }
        BigDecimal centavos = valor.movePointRight(2);
        if (centavos.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(campo + " has more than 2 decimal places");
        }
        return num(de, ate, centavos.toBigIntegerExact().toString(), campo);
    }

    /** Writes a date as DDMMAAAA; null writes zeros ("no date"). */
    RegistroCnab data(int de, int ate, LocalDate data) {
        return data == null ? zeros(de, ate) : escrever(de, DDMMAAAA.format(data));
    }

    /** Writes an exact alphanumeric value; too long is an error. */
    RegistroCnab alfa(int de, int ate, String texto, String campo) {
        String t = normalizar(texto);
        int largura = ate - de + 1;
        if (t.length() > largura) {
            throw new IllegalArgumentException(campo + " has " + t.length() + " characters, at most " + largura + " fit");
        }
        return escrever(de, t + " ".repeat(largura - t.length()));
    }

    /** Writes free text, cut to the field's width. */
    RegistroCnab texto(int de, int ate, String texto) {
        String t = normalizar(texto);
        int largura = ate - de + 1;
        t = t.length() > largura ? t.substring(0, largura) : t;
        return escrever(de, t + " ".repeat(largura - t.length()));
    }

    private RegistroCnab escrever(int de, String valor) {
        if (de < 1 || de - 1 + valor.length() > posicoes.length) {
            throw new IllegalStateException("field " + de + "+" + valor.length() + " outside the record");
        }
        valor.getChars(0, valor.length(), posicoes, de - 1);
        return this;
    }

    /** Upper case, accents removed, anything outside printable ASCII replaced by a blank. */
    static String normalizar(String texto) {
        if (texto == null) {
            return "";
        }
        String semAcento = Normalizer.normalize(texto, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder sb = new StringBuilder(semAcento.length());
        for (char c : semAcento.toUpperCase().toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        return sb.toString().strip();
    }

    @Override
    public String toString() {
        return new String(posicoes);
    }
}
