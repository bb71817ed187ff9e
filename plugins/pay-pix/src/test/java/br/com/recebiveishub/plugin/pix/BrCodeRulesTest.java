package br.com.recebiveishub.plugin.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.plugin.pix.BrCodeException.Rule;
import br.com.recebiveishub.testkit.SharedSamples;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each invalid variant of a real sample breaks exactly one rule (the CRC is recomputed unless the
 * CRC is the point) and is refused naming that tag and rule.
 */
class BrCodeRulesTest {

    private static String staticEvp;
    private static String dynamic;
    private static String staticTxid;

    @BeforeAll
    static void samples() throws IOException {
        List<String> p = Files.readAllLines(SharedSamples.sample("pix/brcode-valid.txt"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        staticEvp = p.get(0);
        dynamic = p.get(1);
        staticTxid = p.get(3);
    }

    private static void refused(String payload, String tag, Rule rule) {
        assertThatThrownBy(() -> BrCode.parse(payload))
                .isInstanceOf(BrCodeException.class)
                .satisfies(e -> {
                    BrCodeException b = (BrCodeException) e;
                    assertThat(b.rule()).as(b.getMessage()).isEqualTo(rule);
                    assertThat(b.tag()).as(b.getMessage()).isEqualTo(tag);
                    assertThat(b.getMessage()).contains("tag " + tag);
                });
    }

    @Test
    void wrongCrcIsRefused() {
        String bad = staticEvp.substring(0, staticEvp.length() - 4) + "1D3E";
        refused(bad, "63", Rule.CRC_MISMATCH);
        assertThatThrownBy(() -> BrCode.parse(bad)).hasMessageContaining("1D3D").hasMessageContaining("1D3E");
    }

    @Test
    void lowerCaseCrcIsRefused() {
        refused(staticEvp.substring(0, staticEvp.length() - 4) + "1d3d", "63", Rule.CRC_FORMAT);
    }

    @Test
    void aChangedCharacterBreaksTheCrc() {
        refused(staticEvp.replace("Fulano de Tal", "Fulano de Tam"), "63", Rule.CRC_MISMATCH);
    }

    @Test
    void crcNotLastOrMissingIsRefused() {
        String body = staticEvp.substring(0, staticEvp.length() - 8);
        refused(body, "63", Rule.MISSING_TAG);
        refused(staticEvp + Emv.tlv("99", "x"), "63", Rule.CRC_FORMAT);
    }

    @Test
    void nameOf26CharactersIsRefused() {
        refused(Emv.with(staticEvp, "59", "A".repeat(26)), "59", Rule.MERCHANT_NAME);
        assertThat(BrCode.parse(Emv.with(staticEvp, "59", "A".repeat(25))).merchantName()).hasSize(25);
        refused(Emv.with(staticEvp, "59", ""), "59", Rule.MERCHANT_NAME);
        refused(Emv.with(staticEvp, "59", null), "59", Rule.MERCHANT_NAME);
    }

    @Test
    void cityOf16CharactersIsRefused() {
        refused(Emv.with(staticEvp, "60", "SAO JOSE DOS CAM"), "60", Rule.MERCHANT_CITY);
        assertThat(BrCode.parse(Emv.with(staticEvp, "60", "SAO JOSE DOS CA")).merchantCity()).hasSize(15);
    }

    @Test
    void locationWithSchemeIsRefused() {
        String account = Emv.tlv("00", "br.gov.bcb.pix")
                + Emv.tlv("25", "https://exemplodeurl.com.br/pix/v2/11111111-1111-1111-1111-111111111111");
        refused(Emv.with(dynamic, "26", account), "26.25", Rule.LOCATION_URL);
        String http = Emv.tlv("00", "br.gov.bcb.pix") + Emv.tlv("25", "http://exemplodeurl.com.br/pix/v2/x");
        refused(Emv.with(dynamic, "26", http), "26.25", Rule.LOCATION_URL);
    }

    @Test
    void wrongCurrencyIsRefused() {
        refused(Emv.with(staticEvp, "53", "840"), "53", Rule.CURRENCY);
        refused(Emv.with(staticEvp, "53", null), "53", Rule.MISSING_TAG);
    }

    @Test
    void wrongCountryIsRefused() {
        refused(Emv.with(staticEvp, "58", "PT"), "58", Rule.COUNTRY);
    }

    @Test
    void amountFormatIsEnforced() {
        refused(Emv.with(dynamic, "54", "1,00"), "54", Rule.AMOUNT);
        refused(Emv.with(dynamic, "54", "12345678901.00"), "54", Rule.AMOUNT);
        refused(Emv.with(dynamic, "54", "0.00"), "54", Rule.AMOUNT);
        refused(Emv.with(dynamic, "54", "-1.00"), "54", Rule.AMOUNT);
        refused(Emv.with(dynamic, "54", "1.001"), "54", Rule.AMOUNT);
        // 13 characters is the maximum EMV allows
        assertThat(BrCode.parse(Emv.with(dynamic, "54", "1234567890.00")).amount()).contains(new BigDecimal("1234567890.00"));
    }

    @Test
    void payloadFormatIndicatorMustBe01AndFirst() {
        refused(Emv.with(staticEvp, "00", "02"), "00", Rule.PAYLOAD_FORMAT);
        List<String[]> fields = Emv.split(staticEvp);
        String swapped = Emv.join(List.of(fields.get(1), fields.get(0), fields.get(2), fields.get(3), fields.get(4),
                fields.get(5), fields.get(6), fields.get(7)));
        refused(swapped, "00", Rule.PAYLOAD_FORMAT);
    }

    @Test
    void initiationMethodIs11Or12() {
        refused(Emv.with(dynamic, "01", "13"), "01", Rule.INITIATION_METHOD);
        assertThat(BrCode.parse(Emv.with(dynamic, "01", "11")).initiation()).contains(BrCode.Initiation.REUSABLE);
    }

    @Test
    void guiMustBeThePixArrangement() {
        String account = Emv.tlv("00", "br.gov.bcb.pox") + Emv.tlv("01", "123e4567-e12b-12d1-a456-426655440000");
        refused(Emv.with(staticEvp, "26", account), "26.00", Rule.GUI);
        refused(Emv.with(staticEvp, "26", Emv.tlv("01", "123e4567-e12b-12d1-a456-426655440000")), "26.00", Rule.GUI);
        refused(Emv.with(staticEvp, "26", null), "26", Rule.MISSING_TAG);
    }

    @Test
    void keyXorLocation() {
        String both = Emv.tlv("00", "br.gov.bcb.pix") + Emv.tlv("01", "123e4567-e12b-12d1-a456-426655440000")
                + Emv.tlv("25", "exemplodeurl.com.br/pix/v2/1");
        refused(Emv.with(staticEvp, "26", both), "26", Rule.KEY_OR_LOCATION);
        refused(Emv.with(staticEvp, "26", Emv.tlv("00", "br.gov.bcb.pix")), "26", Rule.KEY_OR_LOCATION);
    }

    @Test
    void invalidKeyIsRefusedWithoutRepeatingIt() {
        String cpfWrongDigit = "12345678900";
        String account = Emv.tlv("00", "br.gov.bcb.pix") + Emv.tlv("01", cpfWrongDigit);
        refused(Emv.with(staticEvp, "26", account), "26.01", Rule.PIX_KEY);
        assertThatThrownBy(() -> BrCode.parse(Emv.with(staticEvp, "26", account)))
                .hasMessageContaining("check digits").hasMessageNotContaining(cpfWrongDigit);
        String phone = Emv.tlv("00", "br.gov.bcb.pix") + Emv.tlv("01", "+5511812345678");
        refused(Emv.with(staticEvp, "26", phone), "26.01", Rule.PIX_KEY);
    }

    @Test
    void dynamicCodeCarriesNoDescription() {
        String account = Emv.tlv("00", "br.gov.bcb.pix") + Emv.tlv("02", "pedido 1")
                + Emv.tlv("25", "exemplodeurl.com.br/pix/v2/11111111-1111-1111-1111-111111111111");
        refused(Emv.with(dynamic, "26", account), "26.02", Rule.DESCRIPTION);
    }

    @Test
    void txidRules() {
        refused(Emv.with(staticTxid, "62", Emv.tlv("05", "A".repeat(26))), "62.05", Rule.TXID);
        refused(Emv.with(staticTxid, "62", Emv.tlv("05", "pedido-1")), "62.05", Rule.TXID);
        refused(Emv.with(staticTxid, "62", Emv.tlv("05", "")), "62.05", Rule.TXID);
        assertThat(BrCode.parse(Emv.with(staticTxid, "62", Emv.tlv("05", "A".repeat(25)))).reference()).contains("A".repeat(25));
        // a dynamic code's txid lives in the cob behind the location
        refused(Emv.with(dynamic, "62", Emv.tlv("05", "abc123")), "62.05", Rule.TXID);
        refused(Emv.with(dynamic, "62", Emv.tlv("50", "x")), "62.05", Rule.MISSING_TAG);
        refused(Emv.with(dynamic, "62", null), "62", Rule.MISSING_TAG);
    }

    @Test
    void structureErrorsAreNamed() {
        refused(staticEvp.substring(0, 30), "26", Rule.TLV_STRUCTURE);
        refused("0002", "00", Rule.TLV_STRUCTURE);
        refused("0002010X12", "--", Rule.TLV_STRUCTURE);
        refused("", "--", Rule.PAYLOAD_LENGTH);
        refused(Emv.with(staticEvp, "26", Emv.tlv("00", "br.gov.bcb.pix") + "01"), "26", Rule.TLV_STRUCTURE);
        refused(Emv.with(staticEvp, "59", "Fulano").replace("5906Fulano", "5906Fulano5906Fulano"), "59", Rule.DUPLICATE_TAG);
        refused(Emv.insert(staticEvp, "63", "70", "x"), "70", Rule.UNEXPECTED_TAG);
        refused(Emv.with(staticEvp, "52", "00A0"), "52", Rule.MERCHANT_CATEGORY);
    }

    @Test
    void payloadOver512IsRefused() {
        String big = staticEvp;
        for (int i = 80; i < 87; i++) {
            big = Emv.insert(big, "63", String.valueOf(i), "x".repeat(70));
        }
        assertThat(big.length()).isGreaterThan(512);
        refused(big, "--", Rule.PAYLOAD_LENGTH);
    }

    @Test
    void unreservedTemplatesAreKeptOnReEncoding() {
        String withTemplate = Emv.insert(staticEvp, "63", "80", Emv.tlv("00", "br.com.example") + Emv.tlv("01", "x"));
        assertThat(BrCode.parse(withTemplate).encode()).isEqualTo(withTemplate);
    }

    @Test
    void builderRefusesWhatParseRefuses() {
        PixKey key = PixKey.parse("123e4567-e12b-12d1-a456-426655440000");
        assertThatThrownBy(() -> BrCode.withKey(key).merchantName("A".repeat(26)).merchantCity("X").build())
                .isInstanceOfSatisfying(BrCodeException.class, e -> assertThat(e.rule()).isEqualTo(Rule.MERCHANT_NAME));
        assertThatThrownBy(() -> BrCode.withKey(key).merchantName("A").merchantCity("X").amount(new BigDecimal("1.001")).build())
                .isInstanceOfSatisfying(BrCodeException.class, e -> assertThat(e.rule()).isEqualTo(Rule.AMOUNT));
        assertThatThrownBy(() -> BrCode.withLocation("pix.example.com/qr/v2/abc").merchantName("A").merchantCity("X").txid("ABC").build())
                .isInstanceOfSatisfying(BrCodeException.class, e -> assertThat(e.rule()).isEqualTo(Rule.TXID));
        assertThat(BrCode.withKey(key).merchantName("A").merchantCity("X").amount(new BigDecimal("10.5")).build().amount())
                .contains(new BigDecimal("10.50"));
    }

    @Test
    void toStringLeavesOutKeyAndName() {
        BrCode c = BrCode.parse(staticEvp);
        assertThat(c.toString()).doesNotContain("123e4567").doesNotContain("Fulano");
    }
}
