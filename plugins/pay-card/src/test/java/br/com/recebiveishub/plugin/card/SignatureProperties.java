package br.com.recebiveishub.plugin.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookSignatureException;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any change to the signed id, request id or timestamp breaks the signature; the original always verifies. */
class SignatureProperties {

    private static final Duration WIDE = Duration.ofDays(365_000);

    record Notice(String secret, String id, String requestId, long ts) {
    }

    @Provide
    Arbitrary<Notice> notices() {
        return Combinators.combine(
                Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(40),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().withChars("0123456789abcdef-").ofMinLength(1).ofMaxLength(36),
                Arbitraries.longs().between(1, 99_999_999_999L)).as(Notice::new);
    }

    @Property(tries = 300)
    void theOriginalVerifies(@ForAll("notices") Notice n) {
        String v1 = WebhookSignature.sign(n.secret(), n.id(), n.requestId(), String.valueOf(n.ts()));
        Instant at = WebhookSignature.verify(n.secret(), "ts=" + n.ts() + ",v1=" + v1, n.id(), n.requestId(),
                Instant.ofEpochSecond(n.ts()), WIDE);
        assertThat(at).isEqualTo(Instant.ofEpochSecond(n.ts()));
    }

    @Property(tries = 300)
    void changingTheIdBreaksIt(@ForAll("notices") Notice n, @ForAll("digits") String other) {
        if (other.equals(n.id())) {
            return;
        }
        String v1 = WebhookSignature.sign(n.secret(), n.id(), n.requestId(), String.valueOf(n.ts()));
        assertMismatch(n.secret(), "ts=" + n.ts() + ",v1=" + v1, other, n.requestId(), n.ts());
    }

    @Property(tries = 300)
    void changingTheRequestIdBreaksIt(@ForAll("notices") Notice n, @ForAll("requestIds") String other) {
        if (other.equals(n.requestId())) {
            return;
        }
        String v1 = WebhookSignature.sign(n.secret(), n.id(), n.requestId(), String.valueOf(n.ts()));
        assertMismatch(n.secret(), "ts=" + n.ts() + ",v1=" + v1, n.id(), other, n.ts());
    }

    @Property(tries = 300)
    void changingTheTimestampBreaksIt(@ForAll("notices") Notice n, @ForAll("timestamps") long other) {
        if (other == n.ts()) {
            return;
        }
        String v1 = WebhookSignature.sign(n.secret(), n.id(), n.requestId(), String.valueOf(n.ts()));
        assertMismatch(n.secret(), "ts=" + other + ",v1=" + v1, n.id(), n.requestId(), other);
    }

    @Provide
    Arbitrary<String> digits() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> requestIds() {
        return Arbitraries.strings().withChars("0123456789abcdef-").ofMinLength(1).ofMaxLength(36);
    }

    @Provide
    Arbitrary<Long> timestamps() {
        return Arbitraries.longs().between(1, 99_999_999_999L);
    }

    private static void assertMismatch(String secret, String header, String id, String requestId, long ts) {
        assertThatThrownBy(() -> WebhookSignature.verify(secret, header, id, requestId, Instant.ofEpochSecond(ts), WIDE))
                .isInstanceOfSatisfying(WebhookSignatureException.class, e -> assertThat(e.reason()).isEqualTo("mismatch"));
    }
}
