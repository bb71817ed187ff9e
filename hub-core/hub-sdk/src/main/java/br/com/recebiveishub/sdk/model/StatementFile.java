package br.com.recebiveishub.sdk.model;

import java.util.List;

/**
 * A parsed statement file.
 *
 * @param format     e.g. {@code OFX 102 SGML} or {@code OFX 220 XML}
 * @param charset    the character set the bytes were decoded with (which may differ from what the
 *                   file's header declares; see the reader's documentation)
 * @param statements statements in file order (a file may hold several accounts or periods)
 * @param rejections entries (or whole statements) that could not be read
 */
public record StatementFile(String format, String charset, List<BankStatement> statements,
                            List<RecordRejection> rejections) {

    public StatementFile {
        statements = List.copyOf(statements);
        rejections = List.copyOf(rejections);
    }
}
