package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.PixQrRenderer;
import org.pf4j.Extension;

/**
 * The Pix QR code of a charge as a PNG ({@link PixQrRenderer}): the same symbol the boleto PDF
 * prints on a boleto híbrido (level M, four-module quiet zone, CRC checked first).
 */
@Extension
public final class PixQrPngRenderer implements PixQrRenderer {

    @Override
    public byte[] renderPng(String brCode, int minSizePx) {
        return PixQrCode.de(brCode).png(minSizePx);
    }
}
