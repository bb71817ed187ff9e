package br.com.recebiveishub.plugin.boleto;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The QR code of a Pix BR Code: error correction level M, a quiet zone of four modules, drawn
 * either as a PNG ({@link #png(int)}) or module by module into a PDF by the boleto renderer. The
 * one place the plugin turns a BR Code into a QR symbol.
 */
final class PixQrCode {

    /** Quiet zone on each side, in modules (ISO/IEC 18004 asks for four). */
    static final int ZONA_DE_SILENCIO = 4;
    /** The longest BR Code accepted (EMV payloads are at most 512 characters). */
    static final int TAMANHO_MAXIMO = 512;

    private final String brCode;
    private final QRCode qr;

    private PixQrCode(String brCode, QRCode qr) {
        this.brCode = brCode;
        this.qr = qr;
    }

    /**
     * @throws IllegalArgumentException when the payload is empty, too long, not ASCII printable or its
     *                                  CRC16 (field 63) is wrong
     */
    static PixQrCode de(String brCode) {
        validar(brCode);
        try {
            QRCode qr = Encoder.encode(brCode, ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
            return new PixQrCode(brCode, qr);
        } catch (WriterException e) {
            throw new IllegalArgumentException("pixBrCode cannot be encoded as a QR code: " + e.getMessage(), e);
        }
    }

    static void validar(String brCode) {
        if (brCode == null || brCode.isBlank()) {
            throw new IllegalArgumentException("pixBrCode is empty");
        }
        if (brCode.length() > TAMANHO_MAXIMO) {
            throw new IllegalArgumentException("pixBrCode has " + brCode.length() + " characters, more than " + TAMANHO_MAXIMO);
        }
        if (!brCode.startsWith("000201")) {
            throw new IllegalArgumentException("pixBrCode must start with the payload format indicator 000201");
        }
        int n = brCode.length();
        if (n < 8 || !brCode.startsWith("6304", n - 8)) {
            throw new IllegalArgumentException("pixBrCode must end with field 63 (6304 and four hex digits)");
        }
        String informado = brCode.substring(n - 4).toUpperCase();
        String calculado = crc16(brCode.substring(0, n - 4));
        if (!calculado.equals(informado)) {
            throw new IllegalArgumentException("pixBrCode CRC is " + informado + ", expected " + calculado);
        }
    }

    /** CRC16-CCITT-FALSE (polynomial 0x1021, initial 0xFFFF) over the UTF-8 bytes, four upper-case hex digits. */
    static String crc16(String payload) {
        int crc = 0xFFFF;
        for (byte b : payload.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }
        return String.format("%04X", crc);
    }

    String brCode() {
        return brCode;
    }

    /** @return modules per side, without the quiet zone */
    int modulos() {
        return qr.getMatrix().getWidth();
    }

    /** @return modules per side, quiet zone included */
    int modulosComZona() {
        return modulos() + 2 * ZONA_DE_SILENCIO;
    }

    /** @return whether the module at (x, y) is dark; coordinates without the quiet zone, y downwards */
    boolean escuro(int x, int y) {
        ByteMatrix m = qr.getMatrix();
        return m.get(x, y) == 1;
    }

    ErrorCorrectionLevel nivel() {
        return qr.getECLevel();
    }

    /** @return a PNG at least {@code tamanhoMinimo} pixels wide, a whole number of pixels per module */
    byte[] png(int tamanhoMinimo) {
        if (tamanhoMinimo <= 0 || tamanhoMinimo > 4096) {
            throw new IllegalArgumentException("size must be 1-4096 pixels, found " + tamanhoMinimo);
        }
        int total = modulosComZona();
        int escala = Math.max(1, (tamanhoMinimo + total - 1) / total);
        int lado = total * escala;
        BufferedImage img = new BufferedImage(lado, lado, BufferedImage.TYPE_BYTE_BINARY);
        int branco = 0xFFFFFF;
        int preto = 0x000000;
        for (int py = 0; py < lado; py++) {
            for (int px = 0; px < lado; px++) {
                img.setRGB(px, py, branco);
            }
        }
        for (int y = 0; y < modulos(); y++) {
            for (int x = 0; x < modulos(); x++) {
                if (escuro(x, y)) {
                    int x0 = (x + ZONA_DE_SILENCIO) * escala;
                    int y0 = (y + ZONA_DE_SILENCIO) * escala;
                    for (int dy = 0; dy < escala; dy++) {
                        for (int dx = 0; dx < escala; dx++) {
                            img.setRGB(x0 + dx, y0 + dy, preto);
                        }
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
