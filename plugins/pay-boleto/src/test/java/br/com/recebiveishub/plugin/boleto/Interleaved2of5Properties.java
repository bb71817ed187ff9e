package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.ITFReader;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Encode → decode round trips of the Interleaved 2 of 5 encoder over random valid boleto barcodes. */
class Interleaved2of5Properties {

    @Provide
    Arbitrary<String> barcodes() {
        Arbitrary<String> banco = Arbitraries.of("104", "001", "237", "341");
        Arbitrary<Integer> fator = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1000, 9999));
        Arbitrary<BigDecimal> valor = Arbitraries.longs().between(0, 9_999_999_999L).map(c -> BigDecimal.valueOf(c, 2));
        Arbitrary<String> livre = Arbitraries.strings().numeric().ofLength(25);
        return Combinators.combine(banco, fator, valor, livre)
                .as((b, f, v, l) -> CodigoDeBarras.montar(b, f, v, l).digitos());
    }

    @Property
    void patternRoundTrips(@ForAll("barcodes") String barcode) {
        assertThat(barcode).hasSize(44);
        assertThat(Interleaved2of5.decodificar(Interleaved2of5.codificar(barcode))).isEqualTo(barcode);
    }

    @Property
    void measuredWidthsRoundTrip(@ForAll("barcodes") String barcode, @ForAll @IntRange(min = 1, max = 6) int narrowPx,
                                 @ForAll @IntRange(min = 2, max = 3) int ratio) {
        int[] modulos = Interleaved2of5.larguras(Interleaved2of5.codificar(barcode), ratio);
        int[] px = new int[modulos.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = modulos[i] * narrowPx;
        }
        assertThat(Interleaved2of5.decodificarLarguras(px)).isEqualTo(barcode);
    }

    /** An independent decoder (ZXing's ITF reader) reads what the encoder draws. */
    @Property(tries = 60)
    void zxingReadsTheDrawnBars(@ForAll("barcodes") String barcode, @ForAll @IntRange(min = 2, max = 4) int narrowPx)
            throws Exception {
        int[] modulos = Interleaved2of5.larguras(Interleaved2of5.codificar(barcode), 3);
        int quiet = 12 * narrowPx;
        int width = quiet * 2;
        for (int m : modulos) {
            width += m * narrowPx;
        }
        BufferedImage img = new BufferedImage(width, 40, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, 0xFFFFFF);
            }
        }
        int x = quiet;
        for (int i = 0; i < modulos.length; i++) {
            int w = modulos[i] * narrowPx;
            if (i % 2 == 0) {
                for (int dx = 0; dx < w; dx++) {
                    for (int y = 0; y < 40; y++) {
                        img.setRGB(x + dx, y, 0x000000);
                    }
                }
            }
            x += w;
        }
        Result r = new ITFReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))),
                Map.of(DecodeHintType.ALLOWED_LENGTHS, new int[] {44}));
        assertThat(r.getBarcodeFormat()).isEqualTo(BarcodeFormat.ITF);
        assertThat(r.getText()).isEqualTo(barcode);
    }
}
