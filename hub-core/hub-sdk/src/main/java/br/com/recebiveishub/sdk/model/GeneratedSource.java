package br.com.recebiveishub.sdk.model;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * One file a {@link br.com.recebiveishub.sdk.SourceFileGenerator} wrote, with what a correct
 * import of it yields (so tests and the demo can check the import independently).
 *
 * @param path        where it was written
 * @param receivables how many receivables it holds
 * @param total       their total amount
 */
public record GeneratedSource(Path path, int receivables, BigDecimal total) {
}
