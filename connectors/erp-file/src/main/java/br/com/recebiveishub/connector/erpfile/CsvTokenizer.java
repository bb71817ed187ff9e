package br.com.recebiveishub.connector.erpfile;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into CSV records: {@code ;} between fields, fields optionally in double quotes with
 * {@code ""} standing for a quote, quoted fields may hold separators and line breaks, records end
 * with CRLF, LF or a lone CR. Streams: holds one record at a time.
 *
 * <p>Lenient where spreadsheets are sloppy: a quote inside an unquoted field, or text after a
 * closing quote, is kept as text. An unterminated quote at the end of the input is an error,
 * since it swallowed the rest of the file.
 */
final class CsvTokenizer {

    /** One record: its fields as written (not trimmed) and the line where it starts. */
    record Row(long line, List<String> fields) {
    }

    /** The text cannot be split into records (an unterminated quoted field). */
    static final class SyntaxException extends Exception {
        private final long line;

        SyntaxException(long line, String message) {
            super(message);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;

    private final Reader in;
    private final char separator;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private final StringBuilder field = new StringBuilder(64);

    CsvTokenizer(Reader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    /** @return the next record, or null at the end of the input */
    Row next() throws IOException, SyntaxException {
        if (peek() < 0) {
            return null;
        }
        long start = line;
        long quoteLine = 0;
        List<String> fields = new ArrayList<>(24);
        field.setLength(0);
        int state = FIELD_START;
        while (true) {
            int c = read();
            if (c < 0) {
                if (state == QUOTED) {
                    throw new SyntaxException(quoteLine, "quoted field opened here is never closed");
                }
                fields.add(field.toString());
                return new Row(start, fields);
            }
            if (state == QUOTED) {
                if (c == '"') {
                    state = AFTER_QUOTE;
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                state = FIELD_START;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                fields.add(field.toString());
                return new Row(start, fields);
            } else if (c == '"' && state == FIELD_START) {
                state = QUOTED;
                quoteLine = line;
            } else if (c == '"' && state == AFTER_QUOTE) {
                field.append('"');
                state = QUOTED;
            } else {
                field.append((char) c);
                state = UNQUOTED;
            }
        }
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }
}
