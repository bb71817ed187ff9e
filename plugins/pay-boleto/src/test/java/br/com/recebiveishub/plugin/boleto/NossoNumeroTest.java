package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.model.IssuedCharge;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Nosso número per bank: issued form, canonical form, and ERP values with or without DV and padding. */
class NossoNumeroTest {

    private final BoletoProvider provider = new BoletoProvider();

    @Test
    void caixaCanonicalIsTheFreeNumberWithoutZeros() {
        for (String erp : new String[] {"11136997", "000000011136997", "0000000000011136997", "24000000011136997", "24000000011136997-9",
            "240000000111369979", "24/000000011136997-9", "11136997-9", " 11.136.997 "}) {
            assertThat(provider.canonicalNossoNumero("104", erp)).as(erp).isEqualTo("11136997");
        }
        assertThat(provider.canonicalNossoNumero("104", "14000000000000019-7")).isEqualTo("19");
        assertThatThrownBy(() -> provider.canonicalNossoNumero("104", "24000000011136997-8")).hasMessageContaining("check digit");
        assertThatThrownBy(() -> provider.canonicalNossoNumero("104", "1234567890123456")).hasMessageContaining("15-digit");
        assertThatThrownBy(() -> provider.canonicalNossoNumero("104", "0000")).hasMessageContaining("zero");
        assertThatThrownBy(() -> provider.canonicalNossoNumero("104", "12A4")).hasMessageContaining("digits");
        assertThatThrownBy(() -> provider.canonicalNossoNumero("104", " ")).hasMessageContaining("empty");
    }

    @Test
    void caixaIssuedChargeUsesTheSameKey() {
        IssuedCharge c = provider.issue(Fixtures.caixa(), Fixtures.pedido(11136997, LocalDate.of(2026, 3, 10), "80.00"));
        assertThat(c.nossoNumero()).isEqualTo("11136997");
        assertThat(c.nossoNumeroImpresso()).isEqualTo("14/000000011136997-" + Modulo11.dvCaixa("14000000011136997"));
        assertThat(provider.canonicalNossoNumero("104", c.nossoNumeroImpresso())).isEqualTo(c.nossoNumero());
        CodigoDeBarras codigo = CodigoDeBarras.parse(c.barcode());
        // Free field: 005507 + DV 7 + 000 + '1' + 000 + '4' + 011136997 + DV.
        assertThat(codigo.campoLivre()).startsWith("0055077" + "000" + "1" + "000" + "4" + "011136997");
        assertThat(codigo.vencimento(LocalDate.of(2026, 1, 1))).contains(LocalDate.of(2026, 3, 10));
    }

    @Test
    void bancoDoBrasilCanonicalIsTheWholeNumber() {
        assertThat(provider.canonicalNossoNumero("001", "32948600000000196")).isEqualTo("32948600000000196");
        assertThat(provider.canonicalNossoNumero("001", "00032948600000000196")).isEqualTo("32948600000000196");
        // Convênio 6: 11 digits + DV (Doc5175 annex XI example).
        assertThat(provider.canonicalNossoNumero("001", "05009401448-1")).isEqualTo("5009401448");
        assertThat(provider.canonicalNossoNumero("001", "050094014481")).isEqualTo("5009401448");
        assertThat(provider.canonicalNossoNumero("001", "5009401448")).isEqualTo("5009401448");
        assertThatThrownBy(() -> provider.canonicalNossoNumero("001", "05009401448-2")).hasMessageContaining("check digit");
        assertThatThrownBy(() -> provider.canonicalNossoNumero("001", "32948600000000196-1")).hasMessageContaining("no check digit");
    }

    @Test
    void bancoDoBrasilIssuesForConvenio7And6() {
        IssuedCharge sete = provider.issue(Fixtures.bancoDoBrasil(), Fixtures.pedido(196, LocalDate.of(2026, 3, 10), "40.00"));
        assertThat(sete.nossoNumero()).isEqualTo("12345670000000196");
        assertThat(sete.nossoNumeroImpresso()).isEqualTo("12345670000000196");
        assertThat(CodigoDeBarras.parse(sete.barcode()).campoLivre()).isEqualTo("000000" + "12345670000000196" + "17");

        IssuedCharge seis = provider.issue(Fixtures.bancoDoBrasilConvenio6(), Fixtures.pedido(7, LocalDate.of(2026, 3, 10), "40.00"));
        assertThat(seis.nossoNumero()).isEqualTo("12345600007");
        assertThat(seis.nossoNumeroImpresso()).isEqualTo("12345600007-" + Modulo11.dvBancoDoBrasil("12345600007"));
        assertThat(CodigoDeBarras.parse(seis.barcode()).campoLivre()).isEqualTo("12345600007" + "1234" + "00012345" + "18");
        assertThat(provider.canonicalNossoNumero("001", seis.nossoNumeroImpresso())).isEqualTo(seis.nossoNumero());
        assertThatThrownBy(() -> provider.issue(Fixtures.bancoDoBrasilConvenio6(), Fixtures.pedido(100_000, LocalDate.of(2026, 3, 10), "1.00")))
                .hasMessageContaining("nossoNumeroSequence");
    }

    @Test
    void bradescoCanonicalIsTheElevenDigitNumber() {
        assertThat(provider.canonicalNossoNumero("237", "97")).isEqualTo("97");
        assertThat(provider.canonicalNossoNumero("237", "000000000097")).isEqualTo("9");
        assertThat(provider.canonicalNossoNumero("237", "00000000009-7")).isEqualTo("9");
        assertThat(provider.canonicalNossoNumero("237", "19/00000000002-8")).isEqualTo("2");
        assertThat(provider.canonicalNossoNumero("237", "19/00000000001-P")).isEqualTo("1");
        assertThat(provider.canonicalNossoNumero("237", "0000000001P")).isEqualTo("1");
        assertThatThrownBy(() -> provider.canonicalNossoNumero("237", "19/00000000002-7")).hasMessageContaining("check digit");
        IssuedCharge c = provider.issue(Fixtures.bradesco(), Fixtures.pedido(9, LocalDate.of(2026, 3, 10), "5.00"));
        assertThat(c.nossoNumero()).isEqualTo("9");
        assertThat(c.nossoNumeroImpresso()).isEqualTo("09/00000000009-7");
        assertThat(provider.canonicalNossoNumero("237", c.nossoNumeroImpresso())).isEqualTo("9");
    }

    @Test
    void unsupportedBank() {
        assertThatThrownBy(() -> provider.canonicalNossoNumero("341", "123")).hasMessageContaining("not supported");
    }
}
