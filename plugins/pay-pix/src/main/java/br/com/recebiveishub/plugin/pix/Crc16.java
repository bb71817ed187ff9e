package br.com.recebiveishub.plugin.pix;

import java.nio.charset.StandardCharsets;

/**
 * CRC16-CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR), the
 * checksum EMV MPM puts in tag 63 of a BR Code.
 *
 * <p>It is computed over the UTF-8 bytes of the payload up to and including {@code "6304"}, so a
 * payer's app that reads a name with an accent computes the same value as the one that wrote it.
 */
final class Crc16 {

    private Crc16() {
    }

    static int of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    static int of(byte[] bytes) {
        int crc = 0xFFFF;
        for (byte b : bytes) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }

    /** @return the CRC as tag 63 carries it: four upper-case hexadecimal digits */
    static String hex(String text) {
        return String.format("%04X", of(text));
    }
}
