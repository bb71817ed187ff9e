package br.com.recebiveishub.plugin.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class TxidAndMoneyProperties {

    @Property(tries = 500)
    void derivedTxidIsStableAndValid(@ForAll @StringLength(min = 1, max = 80) String key) {
        Txid t = Txid.derive(key);
        assertThat(t.value()).matches("[a-zA-Z0-9]{32}");
        assertThat(Txid.derive(key)).isEqualTo(t);
        assertThat(Txid.derive(key + "x")).isNotEqualTo(t);
    }

    @Example
    void txidLengthIsAnchored() {
        assertThatThrownBy(() -> new Txid("a".repeat(25))).hasMessageContaining("26 to 35");
        assertThatThrownBy(() -> new Txid("a".repeat(36))).hasMessageContaining("26 to 35");
        assertThatThrownBy(() -> new Txid("a".repeat(30) + "-")).hasMessageContaining("26 to 35");
        assertThat(new Txid("a".repeat(26)).value()).hasSize(26);
        assertThat(new Txid("a".repeat(35)).value()).hasSize(35);
    }

    @Property(tries = 500)
    void moneyRoundTripsThroughTheApiString(@ForAll @LongRange(min = 0, max = 999_999_999_999L) long cents) {
        BigDecimal v = BigDecimal.valueOf(cents, 2);
        String text = Money.format(v, "valor");
        assertThat(text).matches("\\d{1,10}\\.\\d{2}");
        assertThat(Money.parse(text, "valor")).isEqualTo(v);
    }

    @Example
    void moneyRefusesWhatTheApiCannotCarry() {
        assertThat(Money.format(new BigDecimal("10.5"), "v")).isEqualTo("10.50");
        assertThat(Money.format(new BigDecimal("7"), "v")).isEqualTo("7.00");
        assertThatThrownBy(() -> Money.format(new BigDecimal("1.005"), "v")).hasMessageContaining("two decimal");
        assertThatThrownBy(() -> Money.format(new BigDecimal("-1.00"), "v")).hasMessageContaining("between");
        assertThatThrownBy(() -> Money.format(new BigDecimal("10000000000.00"), "v")).hasMessageContaining("between");
        assertThatThrownBy(() -> Money.parse("1.5", "v")).hasMessageContaining("two decimals");
        assertThatThrownBy(() -> Money.parse("1,50", "v")).hasMessageContaining("two decimals");
        assertThatThrownBy(() -> Money.parse("1e2", "v")).hasMessageContaining("two decimals");
    }
}
