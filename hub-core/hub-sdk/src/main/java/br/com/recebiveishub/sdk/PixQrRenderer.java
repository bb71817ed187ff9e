package br.com.recebiveishub.sdk;

import org.pf4j.ExtensionPoint;

/**
 * Draws a Pix BR Code (the EMV "copia e cola" payload) as a QR code image, for a Pix charge shown
 * on its own (e-mail, payment page) and for the QR printed on a boleto híbrido.
 *
 * <p>The QR uses error correction level M and keeps a quiet zone of at least four modules on
 * every side. The BR Code's CRC16 (field 63) is checked first: a payload whose CRC does not match
 * is refused with {@link IllegalArgumentException}, so a payer is never shown a code their bank
 * app will reject.
 *
 * <p>Implementations are pure and thread-safe.
 */
public interface PixQrRenderer extends ExtensionPoint {

    /**
     * @param brCode    the BR Code payload, ending with {@code 6304} and its four-hex-digit CRC
     * @param minSizePx the least width (= height) of the image in pixels; the image is a whole
     *                  number of pixels per module, so it may be somewhat larger
     * @return a PNG image, black modules on white
     * @throws IllegalArgumentException when the payload is empty, too long or its CRC is wrong
     */
    byte[] renderPng(String brCode, int minSizePx);
}
