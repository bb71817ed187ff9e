package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.SourceFileException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a bank file into its lines. Banks end lines with CRLF, some files have LF only, a
 * trailing DOS end-of-file mark (0x1A) or a UTF-8 byte-order mark; all are accepted. Bytes are
 * read as ISO-8859-1 so that a character position is a byte position, which is what the layouts
 * count. Control characters anywhere else mean the file is not text, and the whole file is refused.
 */
final class ArquivoCnab {

    private ArquivoCnab() {
    }

    /**
     * @return the non-blank lines with their 1-based physical line numbers; lines longer than the
     *         layout only because of trailing blanks are cut to the layout
     * @throws SourceFileException when the file is empty or is not text
     */
    static List<LinhaCnab> linhas(String arquivo, byte[] bytes, int tamanhoLayout) throws SourceFileException {
        int inicio = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        int fim = bytes.length;
        while (fim > inicio && (bytes[fim - 1] == 0x1A || bytes[fim - 1] == '\n' || bytes[fim - 1] == '\r' || bytes[fim - 1] == ' ')) {
            fim--;
        }
        if (fim == inicio) {
            throw new SourceFileException(arquivo, 0, null, "the file is empty");
        }
        long linha = 1;
        int coluna = 1;
        for (int i = inicio; i < fim; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\n' || b == '\r') {
                if (b == '\n' || i + 1 == fim || bytes[i + 1] != '\n') {
                    linha++;
                    coluna = 1;
                }
                continue;
            }
            if (b < 0x20 || b == 0x7f) {
                throw new SourceFileException(arquivo, linha, null, String.format(
                        "binary content: byte 0x%02X at column %d; a CNAB file is text with fixed-width lines", b, coluna));
            }
            coluna++;
        }
        String texto = new String(bytes, inicio, fim - inicio, StandardCharsets.ISO_8859_1);
        List<LinhaCnab> linhas = new ArrayList<>();
        // CRLF as banks send it, LF, or a lone CR from old systems.
        String[] partes = texto.split("\r\n|\n|\r", -1);
        for (int i = 0; i < partes.length; i++) {
            String l = partes[i];
            if (l.isBlank()) {
                continue;
            }
            if (l.length() > tamanhoLayout && l.substring(tamanhoLayout).isBlank()) {
                l = l.substring(0, tamanhoLayout);
            }
            linhas.add(new LinhaCnab(i + 1L, l, tamanhoLayout));
        }
        return linhas;
    }

    /** @return the first line of the file's first {@code n} bytes, without its line break, or "" */
    static String primeiraLinha(byte[] cabeca) {
        int inicio = cabeca.length >= 3 && (cabeca[0] & 0xff) == 0xEF && (cabeca[1] & 0xff) == 0xBB && (cabeca[2] & 0xff) == 0xBF ? 3 : 0;
        int fim = inicio;
        while (fim < cabeca.length && cabeca[fim] != '\n' && cabeca[fim] != '\r') {
            fim++;
        }
        return new String(cabeca, inicio, fim - inicio, StandardCharsets.ISO_8859_1);
    }
}
