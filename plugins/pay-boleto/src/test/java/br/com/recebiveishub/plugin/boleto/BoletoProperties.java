package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of the barcode, the linha digitável and the due-date factor. */
class BoletoProperties {

    @Provide
    Arbitrary<CodigoDeBarras> codigos() {
        Arbitrary<String> banco = Arbitraries.strings().numeric().ofLength(3);
        Arbitrary<Integer> fator = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1000, 9999));
        Arbitrary<BigDecimal> valor = Arbitraries.longs().between(0, 9_999_999_999L).map(c -> BigDecimal.valueOf(c, 2));
        Arbitrary<String> livre = Arbitraries.strings().numeric().ofLength(25);
        return Combinators.combine(banco, fator, valor, livre).as(CodigoDeBarras::montar);
    }

    @Property
    void barcodeAndLinhaRoundTrip(@ForAll("codigos") CodigoDeBarras codigo) {
        LinhaDigitavel linha = LinhaDigitavel.de(codigo);
        assertThat(linha.digitos()).hasSize(47);
        assertThat(LinhaDigitavel.parse(linha.formatada())).isEqualTo(linha);
        assertThat(LinhaDigitavel.parse(linha.digitos()).codigoDeBarras()).isEqualTo(codigo);
        assertThat(CodigoDeBarras.parse(codigo.digitos())).isEqualTo(codigo);
        assertThat(linha.formatada()).matches("\\d{5}\\.\\d{5} \\d{5}\\.\\d{6} \\d{5}\\.\\d{6} \\d \\d{14}");
    }

    /**
     * A single changed digit in fields 1-3 or 4 of the linha digitável is always caught (módulo 10
     * catches every single-digit change; the general digit is recomputed). Elsewhere only the
     * general módulo-11 digit protects the number, and FEBRABAN's rule gives digit 1 for remainders
     * 0, 1 and 10, so exactly the changes that move the remainder among those three go unnoticed:
     * the property states that, and {@link #theGeneralDigitCannotSeeARemainderMovingBetweenZeroAndOne}
     * shows such a case.
     */
    @Property
    void anySingleDigitChangeIsDetected(@ForAll("codigos") CodigoDeBarras codigo, @ForAll @IntRange(min = 0, max = 46) int posicao,
                                        @ForAll @IntRange(min = 1, max = 9) int delta) {
        String linha = LinhaDigitavel.de(codigo).digitos();
        char novo = (char) ('0' + (linha.charAt(posicao) - '0' + delta) % 10);
        String alterada = linha.substring(0, posicao) + novo + linha.substring(posicao + 1);
        boolean detectada;
        try {
            LinhaDigitavel.parse(alterada);
            detectada = false;
        } catch (IllegalArgumentException e) {
            detectada = true;
        }
        if (posicao <= 32) {
            assertThat(detectada).as("change at linha position %d", posicao + 1).isTrue();
        } else {
            assertThat(detectada).isEqualTo(!restoPassouEntreZeroEUm(codigo.digitos(), posicao, novo));
        }
    }

    @Property
    void anySingleDigitChangeOfTheBarcodeIsDetectedUnlessTheRemainderMovesAmongThoseGivingDigitOne(
            @ForAll("codigos") CodigoDeBarras codigo, @ForAll @IntRange(min = 0, max = 43) int posicao,
            @ForAll @IntRange(min = 1, max = 9) int delta) {
        String d = codigo.digitos();
        char novo = (char) ('0' + (d.charAt(posicao) - '0' + delta) % 10);
        String alterado = d.substring(0, posicao) + novo + d.substring(posicao + 1);
        int antes = Modulo11.restoPesos2a9(CodigoDeBarras.semDv(d));
        int depois = Modulo11.restoPesos2a9(CodigoDeBarras.semDv(alterado));
        boolean invisivel = posicao != 4 && mesmoDigito(antes, depois);
        if (invisivel) {
            assertThat(CodigoDeBarras.parse(alterado).digitos()).isEqualTo(alterado);
        } else {
            assertThatThrownBy(() -> CodigoDeBarras.parse(alterado)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 1)
    void theGeneralDigitCannotSeeARemainderMovingBetweenZeroAndOne() {
        // Search a concrete pair to document the rule's blind spot.
        for (long v = 0; v < 100_000; v++) {
            CodigoDeBarras c = CodigoDeBarras.montar("001", 1000, BigDecimal.valueOf(v, 2), "0".repeat(25));
            String d = c.digitos();
            for (int delta = 1; delta <= 9; delta++) {
                char novo = (char) ('0' + (d.charAt(18) - '0' + delta) % 10);
                String alterado = d.substring(0, 18) + novo + d.substring(19);
                if (Modulo11.restoPesos2a9(CodigoDeBarras.semDv(d)) + Modulo11.restoPesos2a9(CodigoDeBarras.semDv(alterado)) == 1) {
                    assertThat(CodigoDeBarras.parse(alterado).valor()).isNotEqualByComparingTo(c.valor());
                    return;
                }
            }
        }
        throw new AssertionError("no example found");
    }

    // For a change in field 5 (factor and amount, linha positions 34-47 = barcode positions 6-19).
    private static boolean restoPassouEntreZeroEUm(String barcode, int posicaoLinha, char novo) {
        if (posicaoLinha == 32) {
            return false;
        }
        int posicaoBarcode = posicaoLinha - 33 + 5;
        String alterado = barcode.substring(0, posicaoBarcode) + novo + barcode.substring(posicaoBarcode + 1);
        return mesmoDigito(Modulo11.restoPesos2a9(CodigoDeBarras.semDv(barcode)), Modulo11.restoPesos2a9(CodigoDeBarras.semDv(alterado)));
    }

    // Remainders 0, 1 and 10 all give general digit 1 (11 - 10 = 1; 11 and 10 become 1).
    private static boolean mesmoDigito(int restoAntes, int restoDepois) {
        return restoAntes != restoDepois && digitoUm(restoAntes) && digitoUm(restoDepois);
    }

    private static boolean digitoUm(int resto) {
        return resto == 0 || resto == 1 || resto == 10;
    }

    @Property
    void factorRoundTripAcrossThe2025Restart(@ForAll @LongRange(min = 0, max = 25_000) long diasDesde2000,
                                             @ForAll @IntRange(min = -5500, max = 3000) int deslocamentoReferencia) {
        LocalDate vencimento = LocalDate.of(2000, 7, 3).plusDays(diasDesde2000);
        LocalDate referencia = vencimento.plusDays(deslocamentoReferencia);
        int fator = FatorVencimento.codificar(vencimento);
        assertThat(fator).isBetween(1000, 9999);
        assertThat(FatorVencimento.decodificar(fator, referencia)).isEqualTo(vencimento);
    }

    @Property
    void factorRoundTripAroundTheRestartDay(@ForAll @IntRange(min = -400, max = 400) int dias,
                                            @ForAll @IntRange(min = -3000, max = 3000) int deslocamentoReferencia) {
        LocalDate vencimento = LocalDate.of(2025, 2, 22).plusDays(dias);
        LocalDate referencia = vencimento.plusDays(deslocamentoReferencia);
        assertThat(FatorVencimento.decodificar(FatorVencimento.codificar(vencimento), referencia)).isEqualTo(vencimento);
    }
}
