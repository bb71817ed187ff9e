package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The worked examples of the bank manuals in shared/specs. */
class CheckDigitsTest {

    @Test
    void modulo10CaixaManualExample() {
        // Caixa boleto manual 5.5.1: field 1 "104900550" has DV 5.
        assertThat(Modulo10.dv("104900550")).isEqualTo(5);
    }

    @Test
    void generalDigitCaixaManualExample() {
        // Caixa boleto manual 5.1: sum 788, remainder 7, DV 4.
        String semDv = CodigoDeBarras.semDv("10494324200000321120055077222133347777777771");
        assertThat(Modulo11.soma(semDv, 2, 9)).isEqualTo(788);
        assertThat(Modulo11.dvGeralCodigoDeBarras(semDv)).isEqualTo(4);
    }

    @Test
    void generalDigitNeverZero() {
        // Remainders 0 and 1 (results 11 and 10) become 1; so does a result of 0, which cannot occur.
        assertThat(Modulo11.dvGeralCodigoDeBarras("0".repeat(43))).isEqualTo(1);
        String resto1 = encontrarComResto(1);
        assertThat(Modulo11.dvGeralCodigoDeBarras(resto1)).isEqualTo(1);
    }

    private static String encontrarComResto(int resto) {
        for (int i = 0; i < 100; i++) {
            String s = String.format("%043d", i);
            if (Modulo11.restoPesos2a9(s) == resto) {
                return s;
            }
        }
        throw new AssertionError();
    }

    @Test
    void caixaDigits() {
        // Annex IV: nosso número 14/000000000000019 has DV 7; annex VI: beneficiary 005507 has DV 7;
        // annex III: the free field of the manual's example has DV 1.
        assertThat(Modulo11.dvCaixa("14000000000000019")).isEqualTo(7);
        assertThat(Modulo11.dvCaixa("005507")).isEqualTo(7);
        assertThat(Modulo11.dvCaixa("005507722213334777777777")).isEqualTo(1);
    }

    @Test
    void bancoDoBrasilDigit() {
        // Doc5175 annex XI: 05009401448 sums 221, remainder 1, DV 1.
        assertThat(Modulo11.dvBancoDoBrasil("05009401448")).isEqualTo('1');
        // Remainder 10 is X.
        for (int i = 0; i < 1000; i++) {
            String n = String.format("%011d", i);
            char dv = Modulo11.dvBancoDoBrasil(n);
            assertThat(dv).isIn('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X');
        }
    }

    @Test
    void bradescoDigit() {
        // CNAB 400 manual: carteira 19 + nosso número 00000000002 gives 8; 00000000001 gives P.
        assertThat(Modulo11.dvBradesco("1900000000002")).isEqualTo('8');
        assertThat(Modulo11.dvBradesco("1900000000001")).isEqualTo('P');
        // The real return's 000000000097 is nosso número 9 with DV 7 in carteira 09.
        assertThat(Modulo11.dvBradesco("0900000000009")).isEqualTo('7');
    }
}
