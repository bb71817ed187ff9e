package br.com.recebiveishub.plugin.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.plugin.pix.BrCodeException.Rule;
import br.com.recebiveishub.sdk.model.Documento;
import java.math.BigDecimal;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BrCodeProperties {

    @Provide
    Arbitrary<PixKey> keys() {
        Arbitrary<String> evp = Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()).toString());
        Arbitrary<String> cpf = Arbitraries.strings().numeric().ofLength(9)
                .filter(s -> s.chars().distinct().count() > 1)
                .map(s -> s + Documento.checkDigits(s));
        Arbitrary<String> cnpj = Arbitraries.strings().withCharRange('0', '9').withCharRange('A', 'Z').ofLength(12)
                .filter(s -> s.chars().distinct().count() > 1)
                .map(s -> s + Documento.checkDigits(s));
        Arbitrary<String> email = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('.', '_', '+').ofMinLength(1).ofMaxLength(30)
                        .filter(s -> Character.isLetterOrDigit(s.charAt(0))),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("com.br", "com", "org.br", "gov.br"))
                .as((local, domain, tld) -> local + "@" + domain + "." + tld);
        Arbitrary<String> phone = Combinators.combine(
                Arbitraries.integers().between(11, 99).filter(d -> d % 10 != 0),
                Arbitraries.strings().numeric().ofLength(8))
                .as((ddd, n) -> "+55" + ddd + "9" + n);
        return Arbitraries.oneOf(evp, cpf, cnpj, email, phone).map(PixKey::parse);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').numeric().withChars(' ', '.', '&')
                .ofMinLength(1).ofMaxLength(25);
    }

    @Provide
    Arbitrary<String> cities() {
        return Arbitraries.strings().withCharRange('A', 'Z').withChars(' ').ofMinLength(1).ofMaxLength(15);
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        Arbitrary<BigDecimal> some = Arbitraries.longs().between(1, 999_999_999_999L).map(c -> BigDecimal.valueOf(c, 2));
        return Arbitraries.oneOf(some, Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> txids() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(25), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> descriptions() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars(' ').ofMinLength(1).ofMaxLength(20),
                Arbitraries.just(null));
    }

    @Property(tries = 500)
    void staticCodeRoundTrips(@ForAll("keys") PixKey key, @ForAll("names") String name, @ForAll("cities") String city,
                              @ForAll("amounts") BigDecimal amount, @ForAll("txids") String txid,
                              @ForAll("descriptions") String description) {
        // tag 26 (merchant account) holds GUI 0014br.gov.bcb.pix, 01 key and 02 description in at most 99 characters (Manual
        // do BR Code): a long e-mail key with a description beyond that is refused, checked here too
        int account = 18 + 4 + key.value().length() + (description == null ? 0 : 4 + description.length());
        if (account > 99) {
            assertThatThrownBy(() -> BrCode.withKey(key).merchantName(name).merchantCity(city).description(description).build())
                    .isInstanceOf(BrCodeException.class).hasMessageContaining("tag 26 holds at most 99");
            return;
        }
        BrCode built = BrCode.withKey(key).merchantName(name).merchantCity(city).amount(amount).txid(txid)
                .description(description).build();
        String payload = built.encode();
        BrCode parsed = BrCode.parse(payload);

        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.encode()).isEqualTo(payload);
        assertThat(parsed.kind()).isEqualTo(BrCode.Kind.STATIC);
        assertThat(parsed.key()).contains(key);
        assertThat(parsed.merchantName()).isEqualTo(name);
        assertThat(parsed.merchantCity()).isEqualTo(city);
        assertThat(parsed.amount().orElse(null)).isEqualTo(amount);
        assertThat(parsed.txid()).isEqualTo(txid == null ? "***" : txid);
        assertThat(parsed.description().orElse(null)).isEqualTo(description);
        assertThat(payload).startsWith("000201").contains("0014br.gov.bcb.pix").contains("5303986").contains("5802BR");
        assertThat(payload.length()).isLessThanOrEqualTo(BrCode.MAX_PAYLOAD);
    }

    @Property(tries = 300)
    void dynamicCodeRoundTrips(@ForAll @Size(min = 1, max = 40) String pathSeed, @ForAll("names") String name,
                               @ForAll("cities") String city, @ForAll("amounts") BigDecimal amount) {
        String path = "psp.example.com.br/qr/v2/" + Integer.toHexString(pathSeed.hashCode()) + pathSeed.length();
        BrCode built = BrCode.withLocation("https://" + path).merchantName(name).merchantCity(city).amount(amount).build();
        BrCode parsed = BrCode.parse(built.encode());
        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.location()).contains(path);
        assertThat(parsed.initiation()).contains(BrCode.Initiation.SINGLE_USE);
        assertThat(parsed.txid()).isEqualTo("***");
        assertThat(parsed.amount().orElse(null)).isEqualTo(amount);
    }

    /** CRC-16 detects every burst of up to 16 bits, so any one changed character of the name is caught. */
    @Property(tries = 500)
    void anyChangedCharacterOfTheNameFailsTheCrc(@ForAll("keys") PixKey key, @ForAll("names") String name,
                                                 @ForAll @IntRange(min = 0, max = 24) int index,
                                                 @ForAll @IntRange(min = 1, max = 60) int delta) {
        int at = index % name.length();
        String payload = BrCode.withKey(key).merchantName(name).merchantCity("BRASILIA").build().encode();
        char original = name.charAt(at);
        char changed = (char) (' ' + ((original - ' ' + delta) % 95));
        if (changed == original) {
            return;
        }
        String namedField = "59" + String.format("%02d", name.length()) + name;
        int start = payload.indexOf(namedField) + 4;
        String tampered = payload.substring(0, start + at) + changed + payload.substring(start + at + 1);
        assertThatThrownBy(() -> BrCode.parse(tampered))
                .isInstanceOfSatisfying(BrCodeException.class, e -> assertThat(e.rule()).isEqualTo(Rule.CRC_MISMATCH));
    }

    /** A CRC without reflection or final XOR leaves a zero remainder when its own value is appended. */
    @Property(tries = 1000)
    void crcResidueIsZero(@ForAll byte[] data) {
        int crc = Crc16.of(data);
        byte[] withCrc = java.util.Arrays.copyOf(data, data.length + 2);
        withCrc[data.length] = (byte) (crc >>> 8);
        withCrc[data.length + 1] = (byte) crc;
        assertThat(Crc16.of(withCrc)).isZero();
    }
}
