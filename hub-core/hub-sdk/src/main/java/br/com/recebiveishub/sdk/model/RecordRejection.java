package br.com.recebiveishub.sdk.model;

/**
 * Why one record of a file was not accepted. Never carries personal data in {@code reason}.
 *
 * @param file   file name
 * @param line   1-based line (or record ordinal); 0 when not applicable
 * @param record a short reference of the record, e.g. {@code dup 002} or {@code segment T}
 * @param field  the field at fault, e.g. {@code dest/CPF}
 * @param reason what is wrong, e.g. {@code CPF invalid: must have 11 digits, found 12}
 */
public record RecordRejection(String file, long line, String record, String field, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + " [" + record + "] " + field + ": " + reason;
    }
}
