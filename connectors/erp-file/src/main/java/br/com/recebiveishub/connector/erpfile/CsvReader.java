package br.com.recebiveishub.connector.erpfile;

import static br.com.recebiveishub.connector.erpfile.BrFormat.strip;

import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.ExistingBoleto;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordSink;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import java.io.IOException;
import java.io.Reader;
import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the ERP CSV layout described in README.md, streaming: one record in memory at a time.
 *
 * <p>The file is read twice: once to decide the encoding ({@link TextEncoding}), once to map rows.
 * Each row becomes a {@link ReceivableRecord} or a rejection naming the first bad column; a file
 * without the required header columns, or with an unterminated quoted field, is refused whole.
 */
final class CsvReader {

    /** {@code sourceSystem} of rows without an {@code origem}. */
    static final String DEFAULT_ORIGEM = "ERP-CSV";
    static final char SEPARATOR = ';';

    private static final CsvColumn[] COLUMNS = CsvColumn.values();

    void read(SourceFile file, RecordSink sink) throws SourceFileException {
        String name = file.name();
        TextEncoding.Decision encoding;
        try {
            encoding = TextEncoding.detect(file.path());
        } catch (UnsupportedEncodingException e) {
            throw new SourceFileException(name, 1, null, e.getMessage());
        } catch (IOException e) {
            throw new SourceFileException(name, 0, null, "cannot read the file (" + e.getClass().getSimpleName() + ")", e);
        }
        try (Reader reader = TextEncoding.open(file.path(), encoding)) {
            CsvTokenizer tokenizer = new CsvTokenizer(reader, SEPARATOR);
            CsvTokenizer.Row header = tokenizer.next();
            while (header != null && (isBlank(header) || isExcelSeparatorHint(header))) {
                header = tokenizer.next();
            }
            if (header == null) {
                throw new SourceFileException(name, 1, "header", "empty file: a header row is required");
            }
            int[] index = headerIndex(name, header);
            long dataRow = 0;
            for (CsvTokenizer.Row row = tokenizer.next(); row != null; row = tokenizer.next()) {
                if (isBlank(row)) {
                    continue;
                }
                dataRow++;
                mapRow(name, row, dataRow, index, header.fields().size(), sink);
            }
        } catch (CsvTokenizer.SyntaxException e) {
            throw new SourceFileException(name, e.line(), null, e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceFileException(name, 0, null, "cannot read the file (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static int[] headerIndex(String name, CsvTokenizer.Row header) throws SourceFileException {
        int[] index = new int[COLUMNS.length];
        Arrays.fill(index, -1);
        List<String> cells = header.fields();
        for (int i = 0; i < cells.size(); i++) {
            CsvColumn column = CsvColumn.fromHeader(cells.get(i));
            if (column == null) {
                continue; // columns outside the layout are ignored
            }
            if (index[column.ordinal()] >= 0) {
                throw new SourceFileException(name, header.line(), "header", "column " + column.header() + " appears twice");
            }
            index[column.ordinal()] = i;
        }
        List<String> missing = new ArrayList<>();
        for (CsvColumn c : COLUMNS) {
            if (c.required() && index[c.ordinal()] < 0) {
                missing.add(c.header());
            }
        }
        if (!missing.isEmpty()) {
            String reason = "missing required columns: " + String.join(", ", missing);
            if (cells.size() == 1 && (cells.get(0).indexOf(',') >= 0 || cells.get(0).indexOf('\t') >= 0)) {
                reason += " (fields must be separated by ';')";
            }
            throw new SourceFileException(name, header.line(), "header", reason);
        }
        return index;
    }

    private static void mapRow(String file, CsvTokenizer.Row row, long dataRow, int[] index, int headerSize, RecordSink sink) {
        String[] v = new String[COLUMNS.length];
        for (CsvColumn c : COLUMNS) {
            int i = index[c.ordinal()];
            v[c.ordinal()] = i >= 0 && i < row.fields().size() ? strip(row.fields().get(i)) : "";
        }
        String id = v[CsvColumn.ID_TITULO.ordinal()];
        String ref = id.isEmpty() ? "row " + dataRow : "id_titulo " + id;
        Problems problems = new Problems();
        if (row.fields().size() < headerSize || row.fields().size() > headerSize && !blankFrom(row, headerSize)) {
            problems.add("row", "has " + row.fields().size() + " fields, the header has " + headerSize);
            sink.reject(problems.toRejection(file, row.line(), ref));
            return;
        }
        if (id.isEmpty()) {
            problems.add(CsvColumn.ID_TITULO.header(), "missing");
        }
        LocalDate emissao = date(v, CsvColumn.EMISSAO, problems);
        LocalDate vencimento = date(v, CsvColumn.VENCIMENTO, problems);
        if (emissao != null && vencimento != null && vencimento.isBefore(emissao)) {
            problems.add(CsvColumn.VENCIMENTO.header(), "falls before emissao");
        }
        BigDecimal valor = null;
        if (present(v, CsvColumn.VALOR, problems)) {
            try {
                valor = BrFormat.parseAmount(v[CsvColumn.VALOR.ordinal()]);
            } catch (IllegalArgumentException e) {
                problems.add(CsvColumn.VALOR.header(), e.getMessage());
            }
        }
        Documento documento = null;
        if (present(v, CsvColumn.CPF_CNPJ, problems)) {
            try {
                documento = parseDocumento(v[CsvColumn.CPF_CNPJ.ordinal()]);
            } catch (IllegalArgumentException e) {
                problems.add(CsvColumn.CPF_CNPJ.header(), e.getMessage());
            }
        }
        String nome = v[CsvColumn.NOME.ordinal()];
        present(v, CsvColumn.NOME, problems);
        Endereco endereco = endereco(v, problems);
        String email = v[CsvColumn.EMAIL.ordinal()];
        if (!email.isEmpty() && !BrFormat.looksLikeEmail(email)) {
            problems.add(CsvColumn.EMAIL.header(), "not an e-mail address");
        }
        String telefone = v[CsvColumn.TELEFONE.ordinal()];
        String telefoneDigits = BrFormat.digits(telefone);
        if (!telefone.isEmpty() && (!BrFormat.onlyDigitsAnd(telefone, " ()+-.") || telefoneDigits.length() < 10 || telefoneDigits.length() > 13)) {
            problems.add(CsvColumn.TELEFONE.header(), "must be area code and number, 10 to 13 digits");
        }
        ExistingBoleto boleto = boleto(v, problems);
        if (!problems.isEmpty()) {
            sink.reject(problems.toRejection(file, row.line(), ref));
            return;
        }
        String origem = v[CsvColumn.ORIGEM.ordinal()];
        String documentNumber = v[CsvColumn.DOCUMENTO.ordinal()];
        Debtor debtor = new Debtor(documento, nome, endereco, email.isEmpty() ? null : email,
                telefone.isEmpty() ? null : telefoneDigits);
        sink.accept(new ReceivableRecord(origem.isEmpty() ? DEFAULT_ORIGEM : origem, id,
                documentNumber.isEmpty() ? id : documentNumber, emissao, vencimento, valor, debtor, boleto,
                row.line(), ref));
    }

    /**
     * Parses a CPF or CNPJ. Spreadsheets drop leading zeros: a digits-only value of 9 or 10 digits
     * is also tried as a CPF and one of 13 digits as a CNPJ, left-padded with zeros, and accepted
     * only when the check digits then match. (12 digits are ambiguous and never padded.)
     */
    static Documento parseDocumento(String raw) {
        try {
            return Documento.parse(raw);
        } catch (IllegalArgumentException e) {
            int n = raw.length();
            if (BrFormat.onlyDigitsAnd(raw, "") && (n == 9 || n == 10 || n == 13)) {
                try {
                    return Documento.parse("0".repeat((n == 13 ? 14 : 11) - n) + raw);
                } catch (IllegalArgumentException ignored) {
                    // report the original problem
                }
            }
            throw e;
        }
    }

    private static Endereco endereco(String[] v, Problems problems) {
        String logradouro = v[CsvColumn.LOGRADOURO.ordinal()];
        String numero = v[CsvColumn.NUMERO.ordinal()];
        String complemento = v[CsvColumn.COMPLEMENTO.ordinal()];
        String bairro = v[CsvColumn.BAIRRO.ordinal()];
        String municipio = v[CsvColumn.MUNICIPIO.ordinal()];
        String uf = v[CsvColumn.UF.ordinal()].toUpperCase(Locale.ROOT);
        String cep = v[CsvColumn.CEP.ordinal()];
        if (!uf.isEmpty() && !BrFormat.UFS.contains(uf)) {
            problems.add(CsvColumn.UF.header(), "not a Brazilian state code");
        }
        String cepDigits = BrFormat.digits(cep);
        if (!cep.isEmpty() && (!BrFormat.onlyDigitsAnd(cep, "-. ") || cepDigits.length() != 8)) {
            problems.add(CsvColumn.CEP.header(), "must have 8 digits");
        }
        if ((logradouro + numero + complemento + bairro + municipio + uf + cep).isEmpty()) {
            return null;
        }
        if (numero.isEmpty() && !logradouro.isEmpty()) {
            numero = "S/N";
        }
        return new Endereco(orNull(logradouro), orNull(numero), orNull(complemento), orNull(bairro), orNull(municipio),
                orNull(uf), orNull(cepDigits));
    }

    private static ExistingBoleto boleto(String[] v, Problems problems) {
        String banco = v[CsvColumn.BANCO.ordinal()];
        String nossoNumero = v[CsvColumn.NOSSO_NUMERO.ordinal()];
        if (banco.isEmpty() && nossoNumero.isEmpty()) {
            return null;
        }
        if (banco.isEmpty() || nossoNumero.isEmpty()) {
            problems.add(banco.isEmpty() ? CsvColumn.BANCO.header() : CsvColumn.NOSSO_NUMERO.header(),
                    "banco and nosso_numero must be given together");
            return null;
        }
        if (!BrFormat.onlyDigitsAnd(banco, "") || banco.length() > 3) {
            problems.add(CsvColumn.BANCO.header(), "must be the bank's COMPE code (up to 3 digits)");
            return null;
        }
        return new ExistingBoleto("0".repeat(3 - banco.length()) + banco, nossoNumero);
    }

    private static LocalDate date(String[] v, CsvColumn column, Problems problems) {
        if (!present(v, column, problems)) {
            return null;
        }
        try {
            return BrFormat.parseDate(v[column.ordinal()]);
        } catch (IllegalArgumentException e) {
            problems.add(column.header(), e.getMessage());
            return null;
        }
    }

    private static boolean present(String[] v, CsvColumn column, Problems problems) {
        if (v[column.ordinal()].isEmpty()) {
            problems.add(column.header(), "missing");
            return false;
        }
        return true;
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static boolean isBlank(CsvTokenizer.Row row) {
        for (String f : row.fields()) {
            if (!strip(f).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** @return whether every field from {@code from} on is blank (a trailing ';' some ERPs write) */
    private static boolean blankFrom(CsvTokenizer.Row row, int from) {
        for (int i = from; i < row.fields().size(); i++) {
            if (!strip(row.fields().get(i)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isExcelSeparatorHint(CsvTokenizer.Row row) {
        return row.fields().size() == 1 && strip(row.fields().get(0)).equalsIgnoreCase("sep=;")
                || row.fields().size() == 2 && strip(row.fields().get(0)).equalsIgnoreCase("sep=") && row.fields().get(1).isEmpty();
    }
}
