package br.com.recebiveishub.plugin.pix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Crc16Test {

    @Test
    void catalogueCheckValue() {
        // CRC-16/CCITT-FALSE (a.k.a. CRC-16/IBM-3740) check value from the CRC catalogue
        assertThat(Crc16.of("123456789")).isEqualTo(0x29B1);
        assertThat(Crc16.hex("123456789")).isEqualTo("29B1");
        assertThat(Crc16.of(new byte[0])).isEqualTo(0xFFFF);
    }
}
