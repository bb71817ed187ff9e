package br.com.recebiveishub.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples for {@link Documento}: public example numbers, typical typing errors, formatting and masking. */
class DocumentoTest {

    @ParameterizedTest
    @ValueSource(strings = {"529.982.247-25", "52998224725", "111.444.777-35", "123.456.789-09"})
    void acceptsValidCpfs(String raw) {
        Documento d = Documento.parse(raw);
        assertThat(d.tipo()).isEqualTo(Documento.Tipo.CPF);
        assertThat(d.numero()).hasSize(11).containsOnlyDigits();
        assertThat(Documento.cpf(raw)).isEqualTo(d);
    }

    @ParameterizedTest
    // 11.222.333/0001-81 classic example; 00.000.000/0001-91 Banco do Brasil; 33.000.167/0001-01 Petrobras;
    // 58.716.523/0001-19 the recipient of the sample NF-e in shared/samples/nfe
    @ValueSource(strings = {"11.222.333/0001-81", "00.000.000/0001-91", "33000167000101", "58716523000119"})
    void acceptsValidNumericCnpjs(String raw) {
        Documento d = Documento.parse(raw);
        assertThat(d.tipo()).isEqualTo(Documento.Tipo.CNPJ);
        assertThat(d.numero()).hasSize(14).containsOnlyDigits();
        assertThat(Documento.cnpj(raw)).isEqualTo(d);
    }

    @Test
    void acceptsTheAlphanumericCnpjOfTheReceitaFederalAnnouncement() {
        Documento d = Documento.parse("12.ABC.345/01DE-35");
        assertThat(d.tipo()).isEqualTo(Documento.Tipo.CNPJ);
        assertThat(d.numero()).isEqualTo("12ABC34501DE35");
        assertThat(d.formatado()).isEqualTo("12.ABC.345/01DE-35");
        assertThat(Documento.parse("12.abc.345/01de-35")).as("lower case is normalised").isEqualTo(d);
        assertThat(Documento.checkDigits("12ABC34501DE")).isEqualTo("35");
    }

    @Test
    void rejectsAlphanumericCnpjWithWrongCheckDigits() {
        assertThatThrownBy(() -> Documento.parse("12.ABC.345/01DE-36"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CNPJ invalid: check digits do not match");
        assertThatThrownBy(() -> Documento.parse("12.ABC.345/01DE-3A"))
                .hasMessage("CNPJ invalid: check digits must be numeric");
        assertThatThrownBy(() -> Documento.parse("12.AB$.345/01DE-35"))
                .hasMessage("CNPJ invalid: character 5 is not 0-9 or A-Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"529.982.247-24", "529.982.247-15", "111.444.777-53"})
    void rejectsCpfWithWrongCheckDigits(String raw) {
        assertThatThrownBy(() -> Documento.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CPF invalid: check digits do not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11.222.333/0001-80", "11.222.333/0001-91", "33000167000102"})
    void rejectsCnpjWithWrongCheckDigits(String raw) {
        assertThatThrownBy(() -> Documento.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CNPJ invalid: check digits do not match");
    }

    @Test
    void rejectsTwelveDigitCpfAsInTheSampleNfe() {
        // the recipient CPF of shared/samples/nfe/nfe-4.00-cpf-invalido.xml has 12 digits
        assertThatThrownBy(() -> Documento.cpf("014345733812"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CPF invalid: must have 11 digits, found 12");
        assertThatThrownBy(() -> Documento.parse("014345733812"))
                .hasMessage("CPF/CNPJ must have 11 (CPF) or 14 (CNPJ) characters, found 12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000", "111.111.111-11", "99999999999"})
    void rejectsCpfWithRepeatedDigits(String raw) {
        // 111.111.111-11 even has matching check digits: still refused
        assertThatThrownBy(() -> Documento.parse(raw)).hasMessage("CPF invalid: repeated digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000000", "11.111.111/1111-11"})
    void rejectsCnpjWithRepeatedDigits(String raw) {
        assertThatThrownBy(() -> Documento.parse(raw)).hasMessage("CNPJ invalid: repeated digits");
    }

    @Test
    void rejectsEmptyWrongLengthAndLetters() {
        assertThatThrownBy(() -> Documento.parse(null)).hasMessage("CPF/CNPJ is empty");
        assertThatThrownBy(() -> Documento.parse("  ")).hasMessage("CPF/CNPJ is empty");
        assertThatThrownBy(() -> Documento.parse("5299822472")).hasMessageContaining("found 10");
        assertThatThrownBy(() -> Documento.cpf("5299822472A")).hasMessage("CPF invalid: must contain digits only");
        assertThatThrownBy(() -> Documento.cnpj("52998224725")).hasMessage("CNPJ invalid: must have 14 characters, found 11");
    }

    @Test
    void messagesNeverRepeatTheNumber() {
        for (String raw : new String[] {"529.982.247-24", "014345733812", "11.222.333/0001-80", "5299822472A"}) {
            try {
                Documento.parse(raw);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).doesNotContain(raw).doesNotContain(raw.replaceAll("\\D", ""));
            }
        }
    }

    @Test
    void formatsWithUsualPunctuation() {
        assertThat(Documento.parse("52998224725").formatado()).isEqualTo("529.982.247-25");
        assertThat(Documento.parse("11222333000181").formatado()).isEqualTo("11.222.333/0001-81");
        assertThat(Documento.parse(" 529 982 247 25 ").numero()).isEqualTo("52998224725");
    }

    @Test
    void toStringMasksTheNumber() {
        Documento cpf = Documento.parse("529.982.247-25");
        assertThat(cpf.toString()).isEqualTo("CPF(***25)").doesNotContain("529982");
        assertThat(Documento.parse("11.222.333/0001-81").toString()).isEqualTo("CNPJ(***81)");
        Debtor debtor = new Debtor(cpf, "Maria da Conceição", null, "maria@example.com", "11987654321");
        assertThat(debtor.toString()).isEqualTo("Debtor[CPF(***25)]").doesNotContain("Maria").doesNotContain("maria@");
    }

    @Test
    void equalityIsByTypeAndNormalisedNumber() {
        assertThat(Documento.parse("529.982.247-25")).isEqualTo(Documento.parse("52998224725"))
                .hasSameHashCodeAs(Documento.parse("52998224725"))
                .isNotEqualTo(Documento.parse("111.444.777-35"));
    }

    @Test
    void computesCheckDigits() {
        assertThat(Documento.checkDigits("529982247")).isEqualTo("25");
        assertThat(Documento.checkDigits("529.982.247")).isEqualTo("25");
        assertThat(Documento.checkDigits("112223330001")).isEqualTo("81");
        assertThat(Documento.checkDigits("000000000001")).isEqualTo("91");
        assertThatThrownBy(() -> Documento.checkDigits("1234")).isInstanceOf(IllegalArgumentException.class);
    }
}
