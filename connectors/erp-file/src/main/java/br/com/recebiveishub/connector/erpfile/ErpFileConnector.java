package br.com.recebiveishub.connector.erpfile;

import br.com.recebiveishub.sdk.ErpConnector;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.RecordSink;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * The file-drop ERP connector: reads NF-e 4.00 XML files ({@code *.xml}) and the ERP CSV export
 * ({@code *.csv}, layout in this module's README.md) into canonical receivables, streaming each
 * record or rejection to the sink in file order.
 *
 * <ul>
 *   <li>NF-e: one receivable per {@code cobr/dup} (source system {@code NFE}, external id
 *       chave de acesso + "/" + nDup), or one of {@code vNF} due after the tenant's default term
 *       when there is no duplicata; the debtor is {@code dest}.</li>
 *   <li>CSV: one receivable per row (source system from {@code origem}, default {@code ERP-CSV};
 *       external id {@code id_titulo}).</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; reads only the file it is given.
 */
@Extension
public class ErpFileConnector implements ErpConnector {

    /** Creates the connector (PF4J instantiates it). */
    public ErpFileConnector() {
    }

    /** Accepts files named {@code *.xml} (NF-e) or {@code *.csv}, in any letter case. */
    @Override
    public boolean accepts(SourceFile file) {
        return kind(file) != null;
    }

    @Override
    public void read(SourceFile file, ConnectorContext context, RecordSink sink) throws SourceFileException {
        String kind = kind(file);
        if ("xml".equals(kind)) {
            new NfeReader().read(file, context, sink);
        } else if ("csv".equals(kind)) {
            new CsvReader().read(file, sink);
        } else {
            throw new SourceFileException(file.name(), 0, null, "not an .xml (NF-e) or .csv file");
        }
    }

    private static String kind(SourceFile file) {
        String name = file.name() == null ? "" : file.name().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml")) {
            return "xml";
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        return null;
    }
}
