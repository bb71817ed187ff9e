package br.com.recebiveishub.plugin.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PixKeyTest {

    @Test
    void readsEachTypeOfKey() {
        assertThat(PixKey.parse("52998224725").type()).isEqualTo(PixKey.Type.CPF);
        assertThat(PixKey.parse("11222333000181").type()).isEqualTo(PixKey.Type.CNPJ);
        assertThat(PixKey.parse("12ABC34501DE35").type()).isEqualTo(PixKey.Type.CNPJ);
        assertThat(PixKey.parse("fulano@example.com.br").type()).isEqualTo(PixKey.Type.EMAIL);
        assertThat(PixKey.parse("+5561912345678").type()).isEqualTo(PixKey.Type.PHONE);
        assertThat(PixKey.parse("+556132345678").type()).isEqualTo(PixKey.Type.PHONE);
        assertThat(PixKey.parse("123e4567-e12b-12d1-a456-426655440000").type()).isEqualTo(PixKey.Type.EVP);
    }

    @Test
    void refusesKeysDictWouldNotFind() {
        assertThatThrownBy(() -> PixKey.parse("52998224724")).hasMessageContaining("check digits").hasMessageNotContaining("52998224724");
        assertThatThrownBy(() -> PixKey.parse("11222333000182")).hasMessageContaining("check digits");
        assertThatThrownBy(() -> PixKey.parse("529.982.247-25")).hasMessageContaining("not a CPF");
        assertThatThrownBy(() -> PixKey.parse("Fulano@example.com")).hasMessageContaining("lower case");
        assertThatThrownBy(() -> PixKey.parse("fulano@")).hasMessageContaining("not a valid address");
        assertThatThrownBy(() -> PixKey.parse("+351912345678")).hasMessageContaining("+55");
        assertThatThrownBy(() -> PixKey.parse("+5561812345678")).hasMessageContaining("+55");
        assertThatThrownBy(() -> PixKey.parse("+5501912345678")).hasMessageContaining("+55");
        assertThatThrownBy(() -> PixKey.parse("123E4567-E12B-12D1-A456-426655440000")).hasMessageContaining("lower-case UUID");
        assertThatThrownBy(() -> PixKey.parse("a".repeat(71) + "@ex.com")).hasMessageContaining("77");
        assertThatThrownBy(() -> PixKey.parse("")).hasMessageContaining("empty");
    }

    @Test
    void toStringMasksTheKey() {
        assertThat(PixKey.parse("52998224725").toString()).isEqualTo("CPF(***)");
        assertThat(PixKey.parse("fulano@example.com.br").toString()).doesNotContain("fulano");
        assertThat(PixKey.parse("123e4567-e12b-12d1-a456-426655440000").toString()).isEqualTo("EVP(***0000)");
    }
}
