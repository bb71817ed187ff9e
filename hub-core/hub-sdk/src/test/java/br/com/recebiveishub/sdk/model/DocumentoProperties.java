package br.com.recebiveishub.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Properties of {@link Documento}: generated check digits always validate, and any single change is caught. */
class DocumentoProperties {

    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Provide
    Arbitrary<String> cpfBases() {
        return Arbitraries.strings().numeric().ofLength(9);
    }

    @Provide
    Arbitrary<String> numericCnpjBases() {
        return Arbitraries.strings().numeric().ofLength(12);
    }

    @Provide
    Arbitrary<String> alphanumericCnpjBases() {
        return Arbitraries.strings().withChars(ALNUM.toCharArray()).ofLength(12);
    }

    @Property
    void cpfBasePlusCheckDigitsParses(@ForAll("cpfBases") String base) {
        String full = base + Documento.checkDigits(base);
        Assume.that(full.chars().distinct().count() > 1); // repeated digits are refused on purpose
        Documento d = Documento.parse(full);
        assertThat(d.tipo()).isEqualTo(Documento.Tipo.CPF);
        assertThat(d.numero()).isEqualTo(full);
        assertThat(Documento.parse(d.formatado())).isEqualTo(d);
    }

    @Property
    void cnpjBasePlusCheckDigitsParses(@ForAll("numericCnpjBases") String base) {
        String full = base + Documento.checkDigits(base);
        Assume.that(full.chars().distinct().count() > 1);
        Documento d = Documento.parse(full);
        assertThat(d.tipo()).isEqualTo(Documento.Tipo.CNPJ);
        assertThat(Documento.parse(d.formatado())).isEqualTo(d);
    }

    @Property
    void alphanumericCnpjBasePlusCheckDigitsParses(@ForAll("alphanumericCnpjBases") String base) {
        String full = base + Documento.checkDigits(base);
        Assume.that(full.chars().distinct().count() > 1);
        Documento d = Documento.parse(full);
        assertThat(d.tipo()).isEqualTo(Documento.Tipo.CNPJ);
        assertThat(d.numero()).isEqualTo(full);
        assertThat(Documento.parse(d.formatado().toLowerCase())).isEqualTo(d);
    }

    /**
     * Changing one digit of a CPF breaks it. The one blind spot is the algorithm's own: módulo 11
     * maps remainders 0 and 1 both to check digit 0, so a change in the base can go unnoticed only
     * when the first check digit is 0. A changed check digit is always caught.
     */
    @Property
    void changingOneDigitOfACpfBreaksIt(@ForAll("cpfBases") String base,
                                         @ForAll("positions11") int position,
                                         @ForAll("digitShifts") int shift) {
        String full = base + Documento.checkDigits(base);
        String changed = replace(full, position, (char) ('0' + (full.charAt(position) - '0' + shift) % 10));
        boolean accepted = parses(changed);
        Statistics.label("change caught").collect(!accepted);
        if (position >= 9 || full.charAt(9) != '0') {
            assertThat(accepted).as("changed %s at %d", full, position).isFalse();
        }
        if (!accepted) {
            assertThatThrownBy(() -> Documento.parse(changed)).hasMessageStartingWith("CPF invalid");
        }
    }

    /** As {@link #changingOneDigitOfACpfBreaksIt}, for alphanumeric (and so numeric) CNPJs. */
    @Property
    void changingOneCharacterOfACnpjBreaksIt(@ForAll("alphanumericCnpjBases") String base,
                                              @ForAll("positions14") int position,
                                              @ForAll("digitShifts") int shift) {
        String full = base + Documento.checkDigits(base);
        char c = full.charAt(position);
        char replacement;
        if (Character.isDigit(c)) {
            replacement = (char) ('0' + (c - '0' + shift) % 10);
        } else {
            replacement = (char) ('A' + (c - 'A' + shift) % 26);
            // a letter's weight is its code minus 48: a change by a multiple of 11 is invisible to módulo 11
            Assume.that(Math.abs(replacement - c) % 11 != 0);
        }
        String changed = replace(full, position, replacement);
        boolean accepted = parses(changed);
        Statistics.label("change caught").collect(!accepted);
        if (position >= 12 || full.charAt(12) != '0') {
            assertThat(accepted).as("changed %s at %d", full, position).isFalse();
        }
        if (!accepted) {
            assertThatThrownBy(() -> Documento.parse(changed)).hasMessageStartingWith("CNPJ invalid");
        }
    }

    private static boolean parses(String s) {
        try {
            Documento.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<Integer> positions11() {
        return Arbitraries.integers().between(0, 10);
    }

    @Provide
    Arbitrary<Integer> positions14() {
        return Arbitraries.integers().between(0, 13);
    }

    @Provide
    Arbitrary<Integer> digitShifts() {
        return Arbitraries.integers().between(1, 9);
    }

    private static String replace(String s, int i, char c) {
        return s.substring(0, i) + c + s.substring(i + 1);
    }
}
