package br.com.recebiveishub.plugin.boleto;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * One line of a CNAB file being read, with its 1-based line number, addressed by the manuals'
 * 1-based inclusive positions.
 *
 * <p>Files in the wild have their trailing blanks stripped, so a line shorter than the layout is
 * read as if padded with blanks; but a numeric field that lies beyond the line's real end cannot
 * come from stripped blanks, so it is reported as a truncated line rather than read as zero.
 */
final class LinhaCnab {

    private final long numero;
    private final String conteudo;
    private final int tamanhoLayout;

    LinhaCnab(long numero, String conteudo, int tamanhoLayout) {
        this.numero = numero;
        this.conteudo = conteudo;
        this.tamanhoLayout = tamanhoLayout;
    }

    long numero() {
        return numero;
    }

    /** @return the line's length as found (after removing the line break) */
    int tamanho() {
        return conteudo.length();
    }

    /** @return the characters at positions {@code de..ate}, blank-padded past the end */
    String alfa(int de, int ate) {
        if (de > conteudo.length()) {
            return " ".repeat(ate - de + 1);
        }
        String s = conteudo.substring(de - 1, Math.min(ate, conteudo.length()));
        return s + " ".repeat(ate - de + 1 - s.length());
    }

    /** @return the field without surrounding blanks */
    String texto(int de, int ate) {
        return alfa(de, ate).strip();
    }

    char caractere(int posicao) {
        return alfa(posicao, posicao).charAt(0);
    }

    /** @return the digits at {@code de..ate} */
    String digitos(int de, int ate, String campo) {
        if (ate > conteudo.length()) {
            throw new CampoInvalidoException(campo, "line truncated: it has " + conteudo.length() + " characters, the field needs positions "
                    + de + "-" + ate + " of " + tamanhoLayout);
        }
        String s = alfa(de, ate);
        if (!Digitos.saoDigitos(s)) {
            throw new CampoInvalidoException(campo, "positions " + de + "-" + ate + " must be digits, found '" + s.strip() + "'");
        }
        return s;
    }

    /**
     * @return the digits at {@code de..ate} without leading zeros, for a code that identifies the
     * beneficiary (agência, conta, convênio): a blank or all-zero field identifies nobody and is
     * an error, never read as "no value"
     */
    String identificacao(int de, int ate, String campo) {
        String s = Digitos.semZerosAEsquerda(digitos(de, ate, campo));
        if (s.isEmpty()) {
            throw new CampoInvalidoException(campo, "positions " + de + "-" + ate + " are zero: they must identify the beneficiary");
        }
        return s;
    }

    /** @return an amount with 2 implied decimals, scale 2 */
    BigDecimal valor(int de, int ate, String campo) {
        return new BigDecimal(digitos(de, ate, campo)).movePointLeft(2);
    }

    /** @return a DDMMAAAA date; zeros or blanks mean "no date" and give null */
    LocalDate data(int de, int ate, String campo) {
        String s = alfa(de, ate);
        if (s.isBlank() && ate <= conteudo.length() || s.chars().allMatch(c -> c == '0')) {
            return null;
        }
        String d = digitos(de, ate, campo);
        return criarData(Integer.parseInt(d.substring(4, 8)), Integer.parseInt(d.substring(2, 4)), Integer.parseInt(d.substring(0, 2)),
                campo, d);
    }

    /**
     * @return a DDMMAA date (CNAB 400); zeros or blanks give null. Two-digit years 00-79 are taken
     * as 2000-2079 and 80-99 as 1980-1999: banks adopted the 6-digit form long after 1980.
     */
    LocalDate dataCurta(int de, int ate, String campo) {
        String s = alfa(de, ate);
        if (s.isBlank() && ate <= conteudo.length() || s.chars().allMatch(c -> c == '0')) {
            return null;
        }
        String d = digitos(de, ate, campo);
        int aa = Integer.parseInt(d.substring(4, 6));
        return criarData(aa < 80 ? 2000 + aa : 1900 + aa, Integer.parseInt(d.substring(2, 4)), Integer.parseInt(d.substring(0, 2)),
                campo, d);
    }

    private static LocalDate criarData(int ano, int mes, int dia, String campo, String bruto) {
        try {
            return LocalDate.of(ano, mes, dia);
        } catch (DateTimeException e) {
            throw new CampoInvalidoException(campo, "'" + bruto + "' is not a valid date");
        }
    }

    @Override
    public String toString() {
        return "line " + numero;
    }
}
