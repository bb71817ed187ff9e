package br.com.recebiveishub.connector.erpfile;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.ExistingBoleto;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever rows the generator's writer ({@link ErpCsvWriter}) puts in a CSV, in any of the
 * accepted encodings and line ends, the connector reads back the same values: amounts exact with
 * scale 2, texts with separators, quotes, accents and line breaks intact.
 */
class CsvRoundTripProperties {

    /** Letters whose Windows-1252 bytes are all 0xC0 and above, so such a file is never valid UTF-8. */
    private static final String ACCENTED = "áàâãéêíóôõúüçÁÀÂÃÉÊÍÓÔÕÚÜÇñÑ";
    private static final String TEXT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + ACCENTED + " ;\"'.,&-/()\n";
    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final List<String> UFS = BrFormat.UFS.stream().sorted().collect(Collectors.toList());

    enum Encoding { UTF8, UTF8_BOM, WINDOWS_1252 }

    @Property(tries = 300)
    void writtenRowsReadBackUnchanged(@ForAll("rows") List<CsvTitulo> rows,
                                      @ForAll Encoding encoding,
                                      @ForAll boolean crlf,
                                      @ForAll boolean withOrigem,
                                      @ForAll boolean withBoleto) throws Exception {
        List<CsvTitulo> input = rows.stream()
                .map(t -> new CsvTitulo(withOrigem ? t.origem() : null, t.idTitulo(), t.documento(), t.emissao(),
                        t.vencimento(), t.valor(), t.debtor(), withBoleto ? t.boleto() : null))
                .collect(Collectors.toList());
        Charset charset = encoding == Encoding.WINDOWS_1252 ? TextEncoding.WINDOWS_1252 : StandardCharsets.UTF_8;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (encoding == Encoding.UTF8_BOM) {
            bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        try (Writer w = new OutputStreamWriter(bytes, charset)) {
            ErpCsvWriter writer = new ErpCsvWriter(w, withOrigem, withBoleto, crlf ? "\r\n" : "\n");
            writer.writeHeader();
            for (CsvTitulo t : input) {
                writer.write(t);
            }
        }
        Path file = Files.createTempFile("roundtrip", ".csv");
        try {
            Files.write(file, bytes.toByteArray());
            CollectingSink sink = new CollectingSink();
            new ErpFileConnector().read(new SourceFile("roundtrip.csv", file), new ConnectorContext("t", 30), sink);

            assertThat(sink.rejections).isEmpty();
            assertThat(sink.records).hasSameSizeAs(input);
            for (int i = 0; i < input.size(); i++) {
                CsvTitulo t = input.get(i);
                ReceivableRecord r = sink.records.get(i);
                assertThat(r.sourceSystem()).isEqualTo(t.origem() == null ? "ERP-CSV" : t.origem());
                assertThat(r.externalId()).isEqualTo(t.idTitulo());
                assertThat(r.documentNumber()).isEqualTo(t.documento() == null ? t.idTitulo() : t.documento());
                assertThat(r.issueDate()).isEqualTo(t.emissao());
                assertThat(r.dueDate()).isEqualTo(t.vencimento());
                assertThat(r.amount()).isEqualTo(t.valor()).hasScaleOf(2);
                assertThat(r.debtor()).isEqualTo(t.debtor());
                assertThat(r.existingBoleto()).isEqualTo(t.boleto());
                assertThat(r.recordRef()).isEqualTo("id_titulo " + t.idTitulo());
            }
            assertThat(sink.records).extracting(ReceivableRecord::line).isSorted().doesNotHaveDuplicates();
            if (!sink.records.isEmpty()) {
                assertThat(sink.records.get(0).line()).isEqualTo(2);
            }
            Statistics.label("encoding").collect(encoding);
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<List<CsvTitulo>> rows() {
        Arbitrary<LocalDate> emissao = Arbitraries.longs().between(LocalDate.of(1990, 1, 1).toEpochDay(), LocalDate.of(2099, 1, 1).toEpochDay())
                .map(LocalDate::ofEpochDay);
        Arbitrary<BigDecimal> valor = Arbitraries.longs().between(1, 99_999_999_999L).map(c -> BigDecimal.valueOf(c, 2));
        Arbitrary<CsvTitulo> titulo = Combinators.combine(
                text(12).injectNull(0.3), identifier(), text(15).injectNull(0.3), emissao,
                Arbitraries.integers().between(0, 400), valor, debtors(), boletos().injectNull(0.5))
                .as((origem, id, documento, issue, term, amount, debtor, boleto) ->
                        new CsvTitulo(origem, id, documento, issue, issue.plusDays(term), amount, debtor, boleto));
        return titulo.list().ofMinSize(0).ofMaxSize(12);
    }

    private Arbitrary<Debtor> debtors() {
        Arbitrary<Endereco> endereco = Combinators.combine(
                text(25), text(6), text(20).injectNull(0.5), text(20).injectNull(0.3), text(20).injectNull(0.2),
                Arbitraries.of(UFS).injectNull(0.2), Arbitraries.strings().numeric().ofLength(8).injectNull(0.3))
                .as(Endereco::new);
        Arbitrary<String> email = Combinators.combine(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._").ofMinLength(1).ofMaxLength(10),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(10),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz").ofMinLength(2).ofMaxLength(4))
                .as((local, domain, tld) -> local + "@" + domain + "." + tld);
        Arbitrary<String> telefone = Arbitraries.strings().numeric().ofMinLength(10).ofMaxLength(13);
        return Combinators.combine(documentos(), text(40), endereco.injectNull(0.3), email.injectNull(0.3), telefone.injectNull(0.3))
                .as(Debtor::new);
    }

    private Arbitrary<Documento> documentos() {
        Arbitrary<String> cpf = Arbitraries.strings().numeric().ofLength(9);
        Arbitrary<String> cnpj = Arbitraries.strings().withChars(ALNUM.toCharArray()).ofLength(12);
        return Arbitraries.oneOf(cpf, cnpj)
                .map(base -> base + Documento.checkDigits(base))
                .filter(n -> n.chars().distinct().count() > 1)
                .map(Documento::parse);
    }

    private Arbitrary<ExistingBoleto> boletos() {
        return Combinators.combine(Arbitraries.strings().numeric().ofLength(3), Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20))
                .as(ExistingBoleto::new);
    }

    /** Ids as ERPs make them, including separators and quotes. */
    private Arbitrary<String> identifier() {
        return Arbitraries.strings().withChars("ABCXYZ0123456789-/;\" ").ofMinLength(1).ofMaxLength(12)
                .filter(CsvRoundTripProperties::isCellValue);
    }

    /** Free text: accents, separators, quotes and line breaks, without edge spaces (cells are trimmed). */
    private static Arbitrary<String> text(int maxLength) {
        return Arbitraries.strings().withChars(TEXT_CHARS).ofMinLength(1).ofMaxLength(maxLength)
                .filter(CsvRoundTripProperties::isCellValue);
    }

    private static boolean isCellValue(String s) {
        return !s.isEmpty() && BrFormat.strip(s).equals(s);
    }
}
