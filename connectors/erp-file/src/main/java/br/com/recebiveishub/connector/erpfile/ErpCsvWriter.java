package br.com.recebiveishub.connector.erpfile;

import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Endereco;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;

/**
 * Writes the ERP CSV layout (README.md) the way a Brazilian ERP exports it: a header row,
 * {@code ;} separators, decimal comma with thousands dots, {@code dd/MM/yyyy} dates, the CPF/CNPJ
 * and CEP with punctuation, fields quoted only when they must be. Streams to the given writer;
 * the caller chooses the encoding and closes it.
 *
 * <p>The debtor's columns can be escaped once with {@link #debtorCells(Debtor)} and reused for
 * every row of that debtor, which is how the generator writes a million rows in seconds.
 */
final class ErpCsvWriter {

    private final Writer out;
    private final boolean withOrigem;
    private final boolean withBoleto;
    private final String lineEnd;

    /**
     * @param withOrigem write the {@code origem} column (first)
     * @param withBoleto write the {@code banco} and {@code nosso_numero} columns (last)
     * @param lineEnd    {@code "\r\n"} (as Windows ERPs write) or {@code "\n"}
     */
    ErpCsvWriter(Writer out, boolean withOrigem, boolean withBoleto, String lineEnd) {
        this.out = out;
        this.withOrigem = withOrigem;
        this.withBoleto = withBoleto;
        this.lineEnd = lineEnd;
    }

    /** Writes the header row. */
    void writeHeader() throws IOException {
        StringBuilder sb = new StringBuilder(256);
        for (CsvColumn c : CsvColumn.values()) {
            if (c == CsvColumn.ORIGEM && !withOrigem || (c == CsvColumn.BANCO || c == CsvColumn.NOSSO_NUMERO) && !withBoleto) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(CsvReader.SEPARATOR);
            }
            sb.append(c.header());
        }
        out.write(sb.append(lineEnd).toString());
    }

    /** Writes one row. */
    void write(CsvTitulo t) throws IOException {
        write(t.origem(), t.idTitulo(), t.documento(), t.emissao(), t.vencimento(),
                t.valor().movePointRight(2).longValueExact(), debtorCells(t.debtor()),
                t.boleto() == null ? null : t.boleto().bankCode(), t.boleto() == null ? null : t.boleto().nossoNumero());
    }

    /**
     * Writes one row whose debtor columns were escaped by {@link #debtorCells(Debtor)}.
     *
     * @param cents the amount in cents, positive
     */
    void write(String origem, String idTitulo, String documento, LocalDate emissao, LocalDate vencimento, long cents,
               String debtorCells, String banco, String nossoNumero) throws IOException {
        StringBuilder sb = new StringBuilder(128 + debtorCells.length());
        if (withOrigem) {
            appendCell(sb, origem).append(CsvReader.SEPARATOR);
        }
        appendCell(sb, idTitulo).append(CsvReader.SEPARATOR);
        appendCell(sb, documento).append(CsvReader.SEPARATOR);
        sb.append(BrFormat.formatDate(emissao)).append(CsvReader.SEPARATOR);
        sb.append(BrFormat.formatDate(vencimento)).append(CsvReader.SEPARATOR);
        sb.append(BrFormat.formatCents(cents)).append(CsvReader.SEPARATOR);
        sb.append(debtorCells);
        if (withBoleto) {
            sb.append(CsvReader.SEPARATOR);
            appendCell(sb, banco).append(CsvReader.SEPARATOR);
            appendCell(sb, nossoNumero);
        }
        out.write(sb.append(lineEnd).toString());
    }

    /** @return the columns cpf_cnpj to telefone of a debtor, escaped and joined by {@code ;} */
    static String debtorCells(Debtor d) {
        StringBuilder sb = new StringBuilder(200);
        Endereco e = d.endereco();
        sb.append(d.documento().formatado()).append(CsvReader.SEPARATOR);
        appendCell(sb, d.nome()).append(CsvReader.SEPARATOR);
        appendCell(sb, e == null ? null : e.logradouro()).append(CsvReader.SEPARATOR);
        appendCell(sb, e == null ? null : e.numero()).append(CsvReader.SEPARATOR);
        appendCell(sb, e == null ? null : e.complemento()).append(CsvReader.SEPARATOR);
        appendCell(sb, e == null ? null : e.bairro()).append(CsvReader.SEPARATOR);
        appendCell(sb, e == null ? null : e.municipio()).append(CsvReader.SEPARATOR);
        appendCell(sb, e == null ? null : e.uf()).append(CsvReader.SEPARATOR);
        appendCell(sb, e == null || e.cep() == null ? null : formatCep(e.cep())).append(CsvReader.SEPARATOR);
        appendCell(sb, d.email()).append(CsvReader.SEPARATOR);
        appendCell(sb, d.telefone() == null ? null : formatTelefone(d.telefone()));
        return sb.toString();
    }

    /** Appends a cell, quoted (with {@code ""} for a quote) when it holds a separator, quote, line break or edge space. */
    static StringBuilder appendCell(StringBuilder sb, String value) {
        if (value == null || value.isEmpty()) {
            return sb;
        }
        boolean quote = Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1));
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == CsvReader.SEPARATOR || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return sb.append(value);
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        return sb.append('"');
    }

    private static String formatCep(String cep) {
        return cep.length() == 8 ? cep.substring(0, 5) + "-" + cep.substring(5) : cep;
    }

    /** (11) 3333-4444 and (11) 98765-4321 as people type them; other lengths as digits. */
    private static String formatTelefone(String t) {
        if (t.length() == 10) {
            return "(" + t.substring(0, 2) + ") " + t.substring(2, 6) + "-" + t.substring(6);
        }
        if (t.length() == 11) {
            return "(" + t.substring(0, 2) + ") " + t.substring(2, 7) + "-" + t.substring(7);
        }
        return t;
    }
}
