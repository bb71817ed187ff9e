package br.com.recebiveishub.sdk.model;

/**
 * A file that cannot be read as a whole (wrong format, broken XML, unknown layout). The hub
 * applies nothing of it, keeps it in the inbox's error folder and reports this reason.
 */
public class SourceFileException extends Exception {

    private final String file;
    private final long line;
    private final String field;
    private final String reason;

    /**
     * @param file   file name
     * @param line   1-based line where the problem is, 0 if unknown
     * @param field  field or element at fault, may be null
     * @param reason what is wrong
     */
    public SourceFileException(String file, long line, String field, String reason) {
        this(file, line, field, reason, null);
    }

    /** As {@link #SourceFileException(String, long, String, String)}, keeping the cause. */
    public SourceFileException(String file, long line, String field, String reason, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + (field != null ? " [" + field + "]" : "") + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    /** @return the file name */
    public String file() {
        return file;
    }

    /** @return the 1-based line, 0 if unknown */
    public long line() {
        return line;
    }

    /** @return the field at fault, or null */
    public String field() {
        return field;
    }

    /** @return what is wrong */
    public String reason() {
        return reason;
    }
}
