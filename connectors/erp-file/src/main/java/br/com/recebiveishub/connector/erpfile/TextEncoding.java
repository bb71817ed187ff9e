package br.com.recebiveishub.connector.erpfile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides how a text export is encoded: UTF-8 (with or without byte-order mark) when every byte
 * sequence is valid UTF-8, Windows-1252 (what Brazilian Windows ERPs write) otherwise. Plain
 * ASCII reads the same either way. UTF-16 is refused with a hint, since Excel's "Unicode text"
 * is tab-separated anyway.
 */
final class TextEncoding {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextEncoding() {
    }

    /** The encoding decided for a file, and whether it starts with a UTF-8 byte-order mark. */
    record Decision(Charset charset, boolean bom) {
    }

    /**
     * Reads the file once to decide its encoding; streams, holds no more than a buffer.
     *
     * @throws UnsupportedEncodingException for UTF-16, with a message fit for the operator
     */
    static Decision detect(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(3);
        }
        if (head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE) || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            throw new UnsupportedEncodingException("UTF-16 is not supported: export the CSV as UTF-8 or Windows-1252 (ANSI)");
        }
        boolean bom = head.length == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader r = new InputStreamReader(Files.newInputStream(path), strict)) {
            char[] buf = new char[1 << 16];
            while (r.read(buf) >= 0) {
                // validating only
            }
            return new Decision(StandardCharsets.UTF_8, bom);
        } catch (CharacterCodingException e) {
            return new Decision(WINDOWS_1252, false);
        }
    }

    /** Opens the file as text in the decided encoding, past the byte-order mark. */
    static Reader open(Path path, Decision decision) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        if (decision.bom()) {
            in.skipNBytes(3);
        }
        return new InputStreamReader(in, decision.charset());
    }
}
