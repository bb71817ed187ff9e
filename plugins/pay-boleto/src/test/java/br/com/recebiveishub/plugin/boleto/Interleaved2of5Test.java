package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The Interleaved 2 of 5 encoder against the symbology's published tables. */
class Interleaved2of5Test {

    @Test
    void encodesAPairWithTheFirstDigitInBarsAndTheSecondInSpaces() {
        // ITF digit table (weights 1-2-4-7-parity): 1 = WNNNW, 2 = NWNNW.
        // Bars W N N N W interleaved with spaces N W N N W.
        assertThat(Interleaved2of5.codificar("12")).isEqualTo("nnnn" + "wn" + "nw" + "nn" + "nn" + "ww" + "wnn");
        // 0 = NNWWN, 9 = NWNWN.
        assertThat(Interleaved2of5.codificar("09")).isEqualTo("nnnn" + "nn" + "nw" + "wn" + "ww" + "nn" + "wnn");
    }

    @Test
    void aBoletoBarcodeIs405NarrowModulesLongAt1To3() {
        String elementos = Interleaved2of5.codificar("10494324200000321120055077222133347777777771");
        assertThat(elementos).hasSize(4 + 44 * 5 + 3).startsWith("nnnn").endsWith("wnn");
        assertThat(Arrays.stream(Interleaved2of5.larguras(elementos, 3)).sum()).isEqualTo(405);
        // 405 x 0.254 mm = 102.87 mm: FEBRABAN's 103 mm.
        assertThat(405 * BoletoPdfRenderer.BARRA_FINA / 72 * 25.4).isCloseTo(102.87, org.assertj.core.data.Offset.offset(0.01));
        // Every digit has exactly two wide elements out of five.
        String meio = elementos.substring(4, elementos.length() - 3);
        assertThat(meio.chars().filter(c -> c == 'w').count()).isEqualTo(44 * 2);
    }

    @Test
    void refusesOddOrNonDigitInput() {
        assertThatThrownBy(() -> Interleaved2of5.codificar("123")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interleaved2of5.codificar("12a4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interleaved2of5.codificar("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodingRefusesBrokenSymbols() {
        String ok = Interleaved2of5.codificar("1234");
        assertThat(Interleaved2of5.decodificar(ok)).isEqualTo("1234");
        assertThatThrownBy(() -> Interleaved2of5.decodificar(ok.substring(1))).hasMessageContaining("start or stop");
        // Three wide bars in a group is no digit.
        String quebrado = "nnnn" + "ww" + "nw" + "wn" + "nn" + "ww" + "nn" + "nw" + "nn" + "wn" + "nw" + "wnn";
        assertThatThrownBy(() -> Interleaved2of5.decodificar(quebrado)).hasMessageContaining("not a digit");
        assertThatThrownBy(() -> Interleaved2of5.decodificarLarguras(new int[] {2, 2, 2, 2, 3, 2, 2}))
                .hasMessageContaining("cannot be told apart");
    }
}
