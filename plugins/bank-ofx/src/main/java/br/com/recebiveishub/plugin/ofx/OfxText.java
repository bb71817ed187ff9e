package br.com.recebiveishub.plugin.ofx;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OFX file's bytes decoded to text, with the header read.
 *
 * <p>Character set: Brazilian banks declare {@code CHARSET:1252} (or an XML {@code encoding}) and
 * then write UTF-8, or the reverse. The declaration is therefore a hint only: bytes that are valid
 * UTF-8 and contain a multi-byte sequence are UTF-8 (windows-1252 text with accents is almost never
 * valid UTF-8); bytes that are not valid UTF-8 are decoded with the declared single-byte set
 * (windows-1252 when the declaration is missing, {@code NONE} or itself UTF-8). A UTF-8 byte-order
 * mark is honoured and removed.
 *
 * @param text     the decoded file, header included (so line numbers are the file's)
 * @param charset  the charset used
 * @param declared what the header declared, may be null
 * @param xml      whether the body is OFX 2.x XML (else OFX 1.x SGML)
 * @param version  the header's VERSION, e.g. {@code 102} or {@code 220}, may be null
 * @param header   the SGML header's fields (empty for XML)
 * @param bodyStart offset in {@code text} where the body ({@code <OFX>} or the XML) starts
 */
record OfxText(String text, Charset charset, String declared, boolean xml, String version, Map<String, String> header,
               int bodyStart) {

    private static final Pattern XML_ENCODING = Pattern.compile("<\\?xml[^>]*encoding\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern OFX_PI_VERSION = Pattern.compile("<\\?OFX[^>]*VERSION\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** @throws IllegalArgumentException with the reason when the bytes are not an OFX file */
    static OfxText decode(byte[] raw) {
        byte[] bytes = raw;
        boolean bom = false;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            bytes = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
            bom = true;
        }
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
            throw new IllegalArgumentException("UTF-16 OFX files are not supported");
        }
        // The header is ASCII in every variant: read it before choosing the charset.
        String ascii = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        String trimmed = ascii.stripLeading();
        boolean xml = trimmed.startsWith("<?xml") || trimmed.startsWith("<?OFX");
        String declared = null;
        Map<String, String> header = new LinkedHashMap<>();
        if (xml) {
            Matcher m = XML_ENCODING.matcher(ascii);
            declared = m.find() ? m.group(1) : null;
        } else if (trimmed.startsWith("OFXHEADER")) {
            for (String line : ascii.split("\r\n|\r|\n")) {
                String l = line.strip();
                if (l.startsWith("<")) {
                    break;
                }
                int colon = l.indexOf(':');
                if (colon > 0) {
                    header.put(l.substring(0, colon).strip().toUpperCase(Locale.ROOT), l.substring(colon + 1).strip());
                }
            }
            declared = header.get("CHARSET");
            if ("UTF-8".equalsIgnoreCase(header.get("ENCODING"))) {
                declared = "UTF-8";
            }
        } else if (!trimmed.startsWith("<OFX>")) {
            throw new IllegalArgumentException("not an OFX file: it starts with neither an OFX header, <OFX> nor <?xml");
        }

        Charset charset = choose(bytes, declared, bom);
        String text = new String(bytes, charset);
        int bodyStart;
        String version;
        if (xml) {
            bodyStart = text.indexOf('<');
            Matcher v = OFX_PI_VERSION.matcher(text);
            version = v.find() ? v.group(1) : null;
            if (!text.contains("<OFX")) {
                throw new IllegalArgumentException("XML file without an <OFX> element");
            }
        } else {
            bodyStart = text.indexOf("<OFX>");
            if (bodyStart < 0) {
                bodyStart = text.toUpperCase(Locale.ROOT).indexOf("<OFX>");
            }
            if (bodyStart < 0) {
                throw new IllegalArgumentException("OFX header without an <OFX> element");
            }
            version = header.get("VERSION");
        }
        return new OfxText(text, charset, declared, xml, version, header, bodyStart);
    }

    private static Charset choose(byte[] bytes, String declared, boolean bom) {
        if (bom) {
            return StandardCharsets.UTF_8;
        }
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return StandardCharsets.US_ASCII;
        }
        if (validUtf8(bytes)) {
            return StandardCharsets.UTF_8;
        }
        Charset fromHeader = single(declared);
        return fromHeader != null ? fromHeader : WINDOWS_1252;
    }

    /** The single-byte charset a declaration names; null for UTF-8, NONE, unknown or absent. */
    private static Charset single(String declared) {
        if (declared == null) {
            return null;
        }
        String d = declared.strip().toUpperCase(Locale.ROOT);
        switch (d) {
            case "1252", "CP1252", "WINDOWS-1252":
                return WINDOWS_1252;
            case "ISO-8859-1", "8859-1", "ISO8859-1", "LATIN1", "ISO-8859-15":
                return StandardCharsets.ISO_8859_1;
            default:
                return null;
        }
    }

    static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** @return the 1-based line of an offset in {@link #text()} */
    long lineOf(int offset) {
        long line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
