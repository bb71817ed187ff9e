package br.com.recebiveishub.connector.erpfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.ExistingBoleto;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ERP CSV layout of README.md. */
class CsvReaderTest {

    private static final ConnectorContext CONTEXT = new ConnectorContext("tenant-1", 30);
    private static final String HEADER = "id_titulo;documento;emissao;vencimento;valor;cpf_cnpj;nome;logradouro;numero;"
            + "complemento;bairro;municipio;uf;cep;email;telefone;banco;nosso_numero";

    @TempDir
    Path dir;

    private final ErpFileConnector connector = new ErpFileConnector();

    @Test
    void readsAGoodFile() throws Exception {
        String csv = HEADER + "\n"
                + "T-1;NF 1/1;10/03/2024;10/04/2024;1.234,56;529.982.247-25;Maria da Conceição;Rua das Flores;10;Apto 3;"
                + "Centro;São Paulo;SP;01001-000;maria@example.com;(11) 98765-4321;104;1000001\n"
                + "T-2;;2024-03-11;2024-05-11;1234,56;11222333000181;Comercial Boa Vista Ltda;;;;;;;;;;;\n"
                + "T-3;NF 3;1/3/2024;5/3/2024;50;11.222.333/0001-81;Comercial Boa Vista Ltda;Av. Brasil;;;;Rio de Janeiro;rj;;;1133334444;1;77\n";
        CollectingSink sink = read(write("titulos.csv", csv, StandardCharsets.UTF_8));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).hasSize(3);
        ReceivableRecord r = sink.records.get(0);
        assertThat(r.sourceSystem()).isEqualTo("ERP-CSV");
        assertThat(r.externalId()).isEqualTo("T-1");
        assertThat(r.documentNumber()).isEqualTo("NF 1/1");
        assertThat(r.issueDate()).isEqualTo(LocalDate.of(2024, 3, 10));
        assertThat(r.dueDate()).isEqualTo(LocalDate.of(2024, 4, 10));
        assertThat(r.amount()).isEqualTo(new BigDecimal("1234.56"));
        assertThat(r.existingBoleto()).isEqualTo(new ExistingBoleto("104", "1000001"));
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.recordRef()).isEqualTo("id_titulo T-1");
        Debtor d = r.debtor();
        assertThat(d.documento()).isEqualTo(Documento.cpf("52998224725"));
        assertThat(d.nome()).isEqualTo("Maria da Conceição");
        assertThat(d.endereco()).isEqualTo(new Endereco("Rua das Flores", "10", "Apto 3", "Centro", "São Paulo", "SP", "01001000"));
        assertThat(d.email()).isEqualTo("maria@example.com");
        assertThat(d.telefone()).isEqualTo("11987654321");

        ReceivableRecord r2 = sink.records.get(1);
        assertThat(r2.documentNumber()).as("documento defaults to id_titulo").isEqualTo("T-2");
        assertThat(r2.amount()).isEqualTo(new BigDecimal("1234.56"));
        assertThat(r2.issueDate()).isEqualTo(LocalDate.of(2024, 3, 11));
        assertThat(r2.debtor().endereco()).isNull();
        assertThat(r2.debtor().email()).isNull();
        assertThat(r2.debtor().telefone()).isNull();
        assertThat(r2.existingBoleto()).isNull();

        ReceivableRecord r3 = sink.records.get(2);
        assertThat(r3.amount()).isEqualTo(new BigDecimal("50.00")).hasScaleOf(2);
        assertThat(r3.issueDate()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(r3.debtor().endereco()).isEqualTo(new Endereco("Av. Brasil", "S/N", null, null, "Rio de Janeiro", "RJ", null));
        assertThat(r3.existingBoleto()).as("bank code padded to 3 digits").isEqualTo(new ExistingBoleto("001", "77"));
    }

    @Test
    void badRowsAreRejectedOneByOneAndGoodRowsProceed() throws Exception {
        String csv = HEADER + "\n"                                                                                   // 1
                + "A1;;10/03/2024;10/04/2024;100,00;529.982.247-25;Ana;;;;;;;;;;;\n"                                   // 2 ok
                + ";;10/03/2024;10/04/2024;100,00;529.982.247-25;Ana;;;;;;;;;;;\n"                                    // 3 no id
                + "A3;;10/03/2024;10/04/2024;100.50;529.982.247-25;Ana;;;;;;;;;;;\n"                                  // 4 dot decimal
                + "A4;;31/02/2024;10/04/2024;100,00;529.982.247-25;Ana;;;;;;;;;;;\n"                                  // 5 bad date
                + "A5;\"multi\nline\";10/03/2024;10/04/2024;100,00;529.982.247-24;Ana;;;;;;;;;;;\n"                   // 6-7 CPF DV
                + "A6;;10/03/2024;10/04/2024;100,00;529.982.247-25;Ana;;;;;;;;ana.example.com;;;\n"                   // 8 e-mail
                + "A7;;10/03/2024;10/04/2024;100,00;529.982.247-25;Ana;;;;;;;;;;104;\n"                               // 9 banco only
                + "A8;;10/04/2024;10/03/2024;100,00;529.982.247-25;Ana;;;;;;;;;;;\n"                                  // 10 venc < emissao
                + "A9;;10/03/2024;10/04/2024;100,00\n"                                                                // 11 short row
                + "A10;;10/03/2024;10/04/2024;-5,00;529.982.247-25;Ana;;;;;;XX;123;;;;\n"                             // 12 negative + uf + cep
                + "A11;;10/03/2024;10/04/2024;0,00;529.982.247-25;;;;;;;;;;;;\n"                                      // 13 zero, no name
                + "A12;;10/03/2024;10/04/2024;1,00;014345733812;Ana;;;;;;;;;12345;;\n"                                // 14 CPF 12 digits, phone
                + "A13;;10/03/2024;;1,00;529.982.247-25;Ana;;;;;;;;;;;99\n"                                           // 15 no due date, no banco
                + "A14;;10/03/2024;10/04/2024;2,00;529.982.247-25;Ana;;;;;;;;;;;\n";                                  // 16 ok
        CollectingSink sink = read(write("misto.csv", csv, StandardCharsets.UTF_8));

        assertThat(sink.records).extracting(ReceivableRecord::externalId, ReceivableRecord::line)
                .containsExactly(tuple("A1", 2L), tuple("A14", 16L));
        assertThat(sink.rejections).extracting(RecordRejection::line, RecordRejection::record, RecordRejection::field)
                .containsExactly(
                        tuple(3L, "row 2", "id_titulo"),
                        tuple(4L, "id_titulo A3", "valor"),
                        tuple(5L, "id_titulo A4", "emissao"),
                        tuple(6L, "id_titulo A5", "cpf_cnpj"),
                        tuple(8L, "id_titulo A6", "email"),
                        tuple(9L, "id_titulo A7", "nosso_numero"),
                        tuple(10L, "id_titulo A8", "vencimento"),
                        tuple(11L, "id_titulo A9", "row"),
                        tuple(12L, "id_titulo A10", "valor"),
                        tuple(13L, "id_titulo A11", "valor"),
                        tuple(14L, "id_titulo A12", "cpf_cnpj"),
                        tuple(15L, "id_titulo A13", "vencimento"));
        assertThat(sink.rejections).allSatisfy(r -> assertThat(r.file()).isEqualTo("misto.csv"));
        assertThat(sink.rejections).extracting(RecordRejection::reason).containsExactly(
                "missing",
                "decimal separator must be a comma (e.g. 1.234,56)",
                "not a date (expected dd/MM/yyyy or yyyy-MM-dd)",
                "CPF invalid: check digits do not match",
                "not an e-mail address",
                "banco and nosso_numero must be given together",
                "falls before emissao",
                "has 5 fields, the header has 18",
                "must be positive; also: uf (not a Brazilian state code), cep (must have 8 digits)",
                "must be positive; also: nome (missing)",
                "CPF/CNPJ must have 11 (CPF) or 14 (CNPJ) characters, found 12; also: telefone (must be area code and number, 10 to 13 digits)",
                "missing; also: banco (banco and nosso_numero must be given together)");
        // no personal data in any rejection
        assertThat(sink.rejections).allSatisfy(r -> assertThat(r.toString())
                .doesNotContain("529").doesNotContain("014345733812").doesNotContain("ana.example.com").doesNotContain("Ana"));
        // file order kept
        assertThat(sink.events.get(0)).isInstanceOf(ReceivableRecord.class);
        assertThat(sink.events.get(sink.events.size() - 1)).isInstanceOf(ReceivableRecord.class);
    }

    @Test
    void decodesAWindows1252FileWithAccents() throws Exception {
        String csv = "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;logradouro;bairro;municipio;uf\r\n"
                + "W1;10/03/2024;10/04/2024;1.000,00;529.982.247-25;Maria da Conceição;Praça da Sé;Sé;São Paulo;SP\r\n"
                + "W2;10/03/2024;10/04/2024;2.000,00;111.444.777-35;João Brandão;Rua Ipê;Jardim Botânico;Maceió;AL\r\n";
        byte[] bytes = csv.getBytes(Charset.forName("windows-1252"));
        assertThat(bytes).hasSize(csv.length()); // one byte per character: really not UTF-8
        Path p = dir.resolve("ansi.csv");
        Files.write(p, bytes);
        CollectingSink sink = read(new SourceFile("ansi.csv", p));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).extracting(r -> r.debtor().nome()).containsExactly("Maria da Conceição", "João Brandão");
        assertThat(sink.records).extracting(r -> r.debtor().endereco().municipio()).containsExactly("São Paulo", "Maceió");
        assertThat(sink.records.get(0).debtor().endereco().logradouro()).isEqualTo("Praça da Sé");
        assertThat(sink.records.get(1).debtor().endereco().bairro()).isEqualTo("Jardim Botânico");
        assertThat(sink.records).extracting(ReceivableRecord::line).containsExactly(2L, 3L);
    }

    @Test
    void readsUtf8WithByteOrderMark() throws Exception {
        String csv = "\uFEFFid_titulo;emissao;vencimento;valor;cpf_cnpj;nome;municipio\n"
                + "B1;10/03/2024;10/04/2024;10,00;529.982.247-25;Conceição Araújo;São Paulo\n";
        CollectingSink sink = read(write("bom.csv", csv, StandardCharsets.UTF_8));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).singleElement().satisfies(r -> {
            assertThat(r.externalId()).isEqualTo("B1");
            assertThat(r.debtor().nome()).isEqualTo("Conceição Araújo");
            assertThat(r.debtor().endereco().municipio()).isEqualTo("São Paulo");
        });
    }

    @Test
    void quotedFieldsKeepSemicolonsQuotesAndLineBreaks() throws Exception {
        String csv = "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;complemento\r\n"
                + "\"Q;1\";10/03/2024;10/04/2024;\"1.500,00\";529.982.247-25;\"Silva; Souza & Cia\";\"Sala 3; Bloco \"\"B\"\"\"\r\n"
                + "Q2;10/03/2024;10/04/2024;10,00;529.982.247-25;\"Padaria \"\"Pão Quente\"\" Ltda\";\"Fundos\r\nportão azul\"\r\n"
                + "Q3;10/03/2024;10/04/2024;10,00;529.982.247-25;Ana;\r\n";
        CollectingSink sink = read(write("quoted.csv", csv, StandardCharsets.UTF_8));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).extracting(ReceivableRecord::externalId).containsExactly("Q;1", "Q2", "Q3");
        assertThat(sink.records.get(0).debtor().nome()).isEqualTo("Silva; Souza & Cia");
        assertThat(sink.records.get(0).debtor().endereco().complemento()).isEqualTo("Sala 3; Bloco \"B\"");
        assertThat(sink.records.get(0).amount()).isEqualTo(new BigDecimal("1500.00"));
        assertThat(sink.records.get(1).debtor().nome()).isEqualTo("Padaria \"Pão Quente\" Ltda");
        assertThat(sink.records.get(1).debtor().endereco().complemento()).isEqualTo("Fundos\r\nportão azul");
        assertThat(sink.records).extracting(ReceivableRecord::line).containsExactly(2L, 3L, 5L);
    }

    @Test
    void headerNamesAreMatchedIgnoringCaseAccentsAndOrder() throws Exception {
        String csv = "Valor; NOME ;CPF/CNPJ-ignored;cpf-cnpj;Vencimento;Emissão;ID Titulo;Origem;Observação\n"
                + "9,90;Ana;x;529.982.247-25;10/04/2024;10/03/2024;H1;SAP-B1;whatever\n"
                + "9,90;Ana;x;529.982.247-25;10/04/2024;10/03/2024;H2;;\n";
        CollectingSink sink = read(write("header.csv", csv, StandardCharsets.UTF_8));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).extracting(ReceivableRecord::sourceSystem, ReceivableRecord::externalId)
                .containsExactly(tuple("SAP-B1", "H1"), tuple("ERP-CSV", "H2"));
    }

    @Test
    void missingRequiredColumnsRefuseTheFileNamingThem() throws Exception {
        SourceFileException e = catchThrowableOfType(() -> read(write("semcols.csv",
                "id_titulo;nome;valor\nX;Ana;1,00\n", StandardCharsets.UTF_8)), SourceFileException.class);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.field()).isEqualTo("header");
        assertThat(e.reason()).isEqualTo("missing required columns: emissao, vencimento, cpf_cnpj");

        SourceFileException comma = catchThrowableOfType(() -> read(write("comma.csv",
                "id_titulo,emissao,vencimento,valor,cpf_cnpj,nome\n", StandardCharsets.UTF_8)), SourceFileException.class);
        assertThat(comma.reason()).endsWith("(fields must be separated by ';')");

        SourceFileException twice = catchThrowableOfType(() -> read(write("twice.csv",
                HEADER + ";Valor\n", StandardCharsets.UTF_8)), SourceFileException.class);
        assertThat(twice.reason()).isEqualTo("column valor appears twice");

        SourceFileException empty = catchThrowableOfType(() -> read(write("empty.csv", "\n\n", StandardCharsets.UTF_8)),
                SourceFileException.class);
        assertThat(empty.reason()).isEqualTo("empty file: a header row is required");
    }

    @Test
    void anUnterminatedQuoteRefusesTheFileAtItsLine() throws Exception {
        String csv = HEADER + "\nA1;;10/03/2024;10/04/2024;100,00;529.982.247-25;\"Ana;;;;;;;;;;;\nA2;;;;;;;;;;;;;;;;;\n";
        SourceFileException e = catchThrowableOfType(() -> read(write("quote.csv", csv, StandardCharsets.UTF_8)), SourceFileException.class);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).isEqualTo("quoted field opened here is never closed");
    }

    @Test
    void crlfAndLfGiveTheSameRecordsAndLines() throws Exception {
        String lf = HEADER + "\nL1;;10/03/2024;10/04/2024;1,00;529.982.247-25;Ana;;;;;;;;;;;\n\n"
                + "L2;;10/03/2024;10/04/2024;2,00;529.982.247-25;Ana;;;;;;;;;;;";
        CollectingSink a = read(write("lf.csv", lf, StandardCharsets.UTF_8));
        CollectingSink b = read(write("crlf.csv", lf.replace("\n", "\r\n"), StandardCharsets.UTF_8));
        assertThat(a.records).extracting(ReceivableRecord::line).containsExactly(2L, 4L);
        assertThat(b.records).usingRecursiveFieldByFieldElementComparator().isEqualTo(a.records);
    }

    @Test
    void blankRowsExcelHintsAndTrailingSeparatorsAreTolerated() throws Exception {
        String csv = "sep=;\n" + HEADER + "\n"
                + ";;;;;;;;;;;;;;;;;\n"
                + "E1;;10/03/2024;10/04/2024;1,00;529.982.247-25;Ana;;;;;;;;;;;;\n"
                + "   \n";
        CollectingSink sink = read(write("excel.csv", csv, StandardCharsets.UTF_8));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(4));
    }

    @Test
    void restoresLeadingZerosSpreadsheetsDroppedWhenTheCheckDigitsAgree() throws Exception {
        // CPF 012.345.678-90 and CNPJ 00.000.000/0001-91 as a spreadsheet shows them once typed as numbers
        String csv = "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome\n"
                + "Z1;10/03/2024;10/04/2024;1,00;1234567890;Ana\n"
                + "Z2;10/03/2024;10/04/2024;1,00;191;Banco\n"
                + "Z3;10/03/2024;10/04/2024;1,00;1234567891;Ana\n";
        CollectingSink sink = read(write("zeros.csv", csv, StandardCharsets.UTF_8));
        assertThat(Documento.checkDigits("012345678")).isEqualTo("90");
        assertThat(sink.records).singleElement().satisfies(r -> assertThat(r.debtor().documento().numero()).isEqualTo("01234567890"));
        assertThat(sink.rejections).extracting(RecordRejection::record, RecordRejection::field)
                .containsExactly(tuple("id_titulo Z2", "cpf_cnpj"), tuple("id_titulo Z3", "cpf_cnpj"));
    }

    @Test
    void utf16IsRefusedWithAHint() throws Exception {
        Path p = dir.resolve("unicode.csv");
        Files.write(p, (HEADER + "\n").getBytes(StandardCharsets.UTF_16LE));
        byte[] withBom = new byte[(int) Files.size(p) + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(Files.readAllBytes(p), 0, withBom, 2, withBom.length - 2);
        Files.write(p, withBom);
        SourceFileException e = catchThrowableOfType(() -> read(new SourceFile("unicode.csv", p)), SourceFileException.class);
        assertThat(e.reason()).startsWith("UTF-16 is not supported");
    }

    @Test
    void theExampleInTheReadmeReads() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```csv\n") + "```csv\n".length();
        String example = readme.substring(start, readme.indexOf("```", start)).replace("\n", "\r\n");
        CollectingSink sink = read(write("readme.csv", example, StandardCharsets.UTF_8));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).extracting(ReceivableRecord::sourceSystem, ReceivableRecord::externalId, ReceivableRecord::amount)
                .containsExactly(tuple("ERP-CSV", "CR0000001", new BigDecimal("1234.56")), tuple("TOTVS", "CR0000002", new BigDecimal("980.00")));
        assertThat(sink.records.get(0).debtor().endereco().complemento()).isEqualTo("Bloco B; Apto 101");
        assertThat(sink.records.get(1).debtor().nome()).isEqualTo("Padaria \"Pão Quente\" Ltda");
        assertThat(sink.records.get(1).existingBoleto()).isEqualTo(new ExistingBoleto("104", "1000002"));
    }

    @Test
    void acceptsXmlAndCsvByName() {
        assertThat(connector.accepts(new SourceFile("a.CSV", dir.resolve("a.CSV")))).isTrue();
        assertThat(connector.accepts(new SourceFile("NFe123-procNFe.xml", dir.resolve("x")))).isTrue();
        assertThat(connector.accepts(new SourceFile("retorno.ret", dir.resolve("x")))).isFalse();
        assertThat(connector.accepts(new SourceFile("extrato.ofx", dir.resolve("x")))).isFalse();
    }

    private CollectingSink read(SourceFile file) throws SourceFileException {
        CollectingSink sink = new CollectingSink();
        connector.read(file, CONTEXT, sink);
        return sink;
    }

    private SourceFile write(String name, String content, Charset charset) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(charset));
        return new SourceFile(name, p);
    }
}
