package br.com.recebiveishub.sdk;

import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.RecordSink;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import org.pf4j.ExtensionPoint;

/**
 * Reads a client's ERP export (a file dropped in the tenant's inbox) into canonical receivables.
 *
 * <p>The hub picks the first connector whose {@link #accepts(SourceFile)} answers {@code true}. A
 * connector streams every record it reads to the {@link RecordSink}: a good one as a
 * {@link br.com.recebiveishub.sdk.model.ReceivableRecord}, a bad one as a
 * {@link br.com.recebiveishub.sdk.model.RecordRejection} naming file, line, field and reason. It
 * never drops a record silently. When the file as a whole cannot be read (not XML, wrong layout,
 * unknown encoding) it throws {@link SourceFileException} and the hub applies nothing of it.
 *
 * <p>Implementations must be stateless and thread-safe, and must not write anywhere: the hub owns
 * persistence, idempotency and audit.
 */
public interface ErpConnector extends ExtensionPoint {

    /** @return whether this connector understands the file (by name and, if needed, its first bytes) */
    boolean accepts(SourceFile file);

    /**
     * Reads the whole file.
     *
     * @param file    the dropped file
     * @param context tenant facts the reading depends on (default payment term)
     * @param sink    receives each record or rejection in file order
     * @throws SourceFileException when the file as a whole is unreadable; nothing of it is applied
     */
    void read(SourceFile file, ConnectorContext context, RecordSink sink) throws SourceFileException;
}
