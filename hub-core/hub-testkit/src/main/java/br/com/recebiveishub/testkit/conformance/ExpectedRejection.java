package br.com.recebiveishub.testkit.conformance;

/**
 * A rejection a sample file must yield, as its format's documentation or the file itself says.
 *
 * @param line  the 1-based line the rejection points at
 * @param field the field it names, as the plugin's documentation names it
 */
public record ExpectedRejection(long line, String field) {
}
