package br.com.recebiveishub.sdk;

import br.com.recebiveishub.sdk.model.StatementFile;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import org.pf4j.ExtensionPoint;

/**
 * Reads a bank account statement file (OFX, for example) into canonical statements, the input of
 * bank reconciliation of Pix, TED and other credits that no CNAB return reports.
 *
 * <p>The hub picks the first reader whose {@link #accepts(SourceFile)} answers {@code true}. An entry
 * that cannot be read (date, amount, missing FITID, duplicate FITID) becomes a
 * {@link br.com.recebiveishub.sdk.model.RecordRejection} naming file, line, field and reason while
 * the good entries proceed; nothing is dropped silently. A file that cannot be read as a whole
 * (not a statement, broken XML, a DOCTYPE, no statement in it) raises {@link SourceFileException}
 * and the hub applies nothing of it.
 *
 * <p>Implementations are stateless, thread-safe and write nowhere; they never log personal data
 * (payee names, documents, memos).
 */
public interface StatementReader extends ExtensionPoint {

    /** @return the format this reader reads, e.g. {@code OFX} */
    String format();

    /** @return whether this reader understands the file (by name and its first bytes) */
    boolean accepts(SourceFile file);

    /**
     * Reads the whole file.
     *
     * @return every statement in the file, in file order, and the rejected entries
     * @throws SourceFileException when the file as a whole is unreadable
     */
    StatementFile read(SourceFile file) throws SourceFileException;
}
