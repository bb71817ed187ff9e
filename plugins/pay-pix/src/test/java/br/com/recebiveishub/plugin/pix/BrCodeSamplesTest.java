package br.com.recebiveishub.plugin.pix;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.testkit.SharedSamples;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every payload of {@code shared/samples/pix/brcode-valid.txt} parses, re-encodes to the same
 * bytes and carries the values read off the file by hand (expected values below were read from
 * the payloads' TLVs, not from this code's output).
 */
class BrCodeSamplesTest {

    private static List<String> payloads() throws IOException {
        return Files.readAllLines(SharedSamples.sample("pix/brcode-valid.txt"), StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    @Test
    void everySampleParsesAndReEncodesByteForByte() throws IOException {
        List<String> payloads = payloads();
        assertThat(payloads).hasSize(4);
        for (String p : payloads) {
            BrCode code = BrCode.parse(p);
            assertThat(code.encode()).as("re-encoding of %s", p).isEqualTo(p);
            assertThat(BrCode.parse(code.encode())).isEqualTo(code);
        }
    }

    @Test
    void bancoCentralStaticExampleWithEvpKey() throws IOException {
        BrCode c = BrCode.parse(payloads().get(0));
        assertThat(c.kind()).isEqualTo(BrCode.Kind.STATIC);
        assertThat(c.initiation()).isEmpty();
        assertThat(c.gui()).isEqualTo("br.gov.bcb.pix");
        assertThat(c.key()).get().satisfies(k -> {
            assertThat(k.type()).isEqualTo(PixKey.Type.EVP);
            assertThat(k.value()).isEqualTo("123e4567-e12b-12d1-a456-426655440000");
        });
        assertThat(c.location()).isEmpty();
        assertThat(c.merchantCategory()).isEqualTo("0000");
        assertThat(c.amount()).isEmpty();
        assertThat(c.merchantName()).isEqualTo("Fulano de Tal");
        assertThat(c.merchantCity()).isEqualTo("BRASILIA");
        assertThat(c.txid()).isEqualTo("***");
        assertThat(c.reference()).isEmpty();
        assertThat(c.crc()).isEqualTo("1D3D");
    }

    @Test
    void dynamicWithLocationAndOneCent() throws IOException {
        BrCode c = BrCode.parse(payloads().get(1));
        assertThat(c.kind()).isEqualTo(BrCode.Kind.DYNAMIC);
        assertThat(c.initiation()).contains(BrCode.Initiation.SINGLE_USE);
        assertThat(c.key()).isEmpty();
        assertThat(c.location()).contains("exemplodeurl.com.br/pix/v2/11111111-1111-1111-1111-111111111111");
        assertThat(c.amount()).contains(new BigDecimal("0.01"));
        assertThat(c.merchantName()).isEqualTo("TESTE DE TESTE DO TESTEIE").hasSize(25);
        assertThat(c.merchantCity()).isEqualTo("RIO DE JANEIRO");
        assertThat(c.txid()).isEqualTo("***");
        assertThat(c.crc()).isEqualTo("CD52");
    }

    @Test
    void dynamicWithLocationAndOneReal() throws IOException {
        BrCode c = BrCode.parse(payloads().get(2));
        assertThat(c.kind()).isEqualTo(BrCode.Kind.DYNAMIC);
        assertThat(c.initiation()).contains(BrCode.Initiation.SINGLE_USE);
        assertThat(c.location()).contains("exemplodeurl2.com.br/qr/v2/11111111-1111-1111-1111-111111111111");
        assertThat(c.amount()).contains(new BigDecimal("1.00"));
        assertThat(c.amount().get().scale()).isEqualTo(2);
        assertThat(c.merchantName()).isEqualTo("TESTE DO TESTE DO TESTEIE");
        assertThat(c.merchantCity()).isEqualTo("NOVA LIMA");
        assertThat(c.txid()).isEqualTo("***");
        assertThat(c.crc()).isEqualTo("0B0F");
    }

    @Test
    void staticWithUpperCaseGuiAndTxid() throws IOException {
        BrCode c = BrCode.parse(payloads().get(3));
        assertThat(c.kind()).isEqualTo(BrCode.Kind.STATIC);
        assertThat(c.gui()).isEqualTo("BR.GOV.BCB.PIX");
        assertThat(c.key()).get().extracting(PixKey::value).isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(c.amount()).contains(new BigDecimal("0.01"));
        assertThat(c.merchantName()).isEqualTo("TESTE DO TESTE DO TESTEIE");
        assertThat(c.merchantCity()).isEqualTo("SAO PAULO");
        assertThat(c.txid()).isEqualTo("1111111111111111111111").hasSize(22);
        assertThat(c.reference()).contains("1111111111111111111111");
        assertThat(c.crc()).isEqualTo("642D");
    }

    @Test
    void builderReproducesTheBancoCentralExample() throws IOException {
        BrCode built = BrCode.withKey(PixKey.parse("123e4567-e12b-12d1-a456-426655440000"))
                .merchantName("Fulano de Tal").merchantCity("BRASILIA").build();
        assertThat(built.encode()).isEqualTo(payloads().get(0));
    }

    @Test
    void builderReproducesTheDynamicExampleFromAnHttpsLocation() throws IOException {
        BrCode built = BrCode.withLocation("https://exemplodeurl.com.br/pix/v2/11111111-1111-1111-1111-111111111111")
                .amount(new BigDecimal("0.01")).merchantName("TESTE DE TESTE DO TESTEIE").merchantCity("RIO DE JANEIRO")
                .build();
        assertThat(built.encode()).isEqualTo(payloads().get(1));
    }
}
