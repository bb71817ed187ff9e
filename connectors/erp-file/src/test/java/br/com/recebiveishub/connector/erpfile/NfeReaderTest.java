package br.com.recebiveishub.connector.erpfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import br.com.recebiveishub.testkit.SharedSamples;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NF-e 4.00 reading: the real samples in shared/samples/nfe, then synthetic edge cases. */
class NfeReaderTest {

    private static final ConnectorContext CONTEXT = new ConnectorContext("tenant-1", 30);

    @TempDir
    Path dir;

    private final ErpFileConnector connector = new ErpFileConnector();

    // ------------------------------------------------------------ real samples

    @Test
    void readsTheAuthorisedSampleWithItsDuplicata() throws Exception {
        Path sample = SharedSamples.sample("nfe/nfe-4.00-autorizada.xml");
        CollectingSink sink = read(new SourceFile("nfe-4.00-autorizada.xml", sample));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).hasSize(1);
        ReceivableRecord r = sink.records.get(0);
        String chave = "43180906929383000163550010000000261000010301";
        assertThat(r.sourceSystem()).isEqualTo("NFE");
        assertThat(r.externalId()).isEqualTo(chave + "/001");
        assertThat(r.documentNumber()).isEqualTo("26/001");
        assertThat(r.issueDate()).isEqualTo(LocalDate.of(2018, 9, 25));
        assertThat(r.dueDate()).isEqualTo(LocalDate.of(2018, 12, 31));
        assertThat(r.amount()).isEqualTo(new BigDecimal("1.00")).hasScaleOf(2);
        assertThat(r.existingBoleto()).isNull();
        assertThat(r.recordRef()).isEqualTo("dup 001");
        assertThat(r.line()).isEqualTo(lineOf(sample, "<dup>"));

        Debtor debtor = r.debtor();
        assertThat(debtor.documento()).isEqualTo(Documento.cnpj("58716523000119"));
        assertThat(debtor.documento().tipo()).isEqualTo(Documento.Tipo.CNPJ);
        assertThat(debtor.nome()).isEqualTo("NF-E EMITIDA EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL");
        assertThat(debtor.endereco()).isEqualTo(new Endereco("Av. Teste", "2040", null, "Centro", "SAO PAULO", "SP", "04207040"));
        assertThat(debtor.endereco().uf()).isEqualTo("SP");
        assertThat(debtor.email()).isNull();
        assertThat(debtor.telefone()).isEqualTo("5190909090");
    }

    @Test
    void rejectsTheSampleWhoseRecipientCpfHasTwelveDigits() throws Exception {
        Path sample = SharedSamples.sample("nfe/nfe-4.00-cpf-invalido.xml");
        CollectingSink sink = read(new SourceFile("nfe-4.00-cpf-invalido.xml", sample));

        assertThat(sink.records).isEmpty();
        // the NF-e has no cobr/dup: its single receivable (vNF 40.79) is the one rejected
        assertThat(sink.rejections).hasSize(1);
        RecordRejection rej = sink.rejections.get(0);
        assertThat(rej.file()).isEqualTo("nfe-4.00-cpf-invalido.xml");
        assertThat(rej.field()).isEqualTo("dest/CPF");
        assertThat(rej.reason()).startsWith("CPF invalid").contains("found 12");
        assertThat(rej.line()).isEqualTo(lineOf(sample, "<CPF>"));
        assertThat(rej.record()).isEqualTo("vNF (no cobr/dup)");
        // the file has a second mistake: the check digit of its chave de acesso (…7938) should be 3
        assertThat(rej.reason()).contains("also: infNFe/@Id (check digit of the chave de acesso does not match)");
        assertThat(rej.toString()).doesNotContain("014345733812").doesNotContain("CICLANO");
    }

    @Test
    void rejectsEveryDuplicataOfAnNfeWhoseCpfIsInvalid() throws Exception {
        TestNfe nfe = new TestNfe().dup("001", "2024-04-10", "100.00").dup("002", "2024-05-10", "100.00")
                .dup("003", "2024-06-10", "100.00");
        nfe.dest = nfe.dest.replace("<CPF>52998224725</CPF>", "<CPF>014345733812</CPF>");
        CollectingSink sink = read(write("cpf12.xml", nfe.xml()));

        assertThat(sink.records).isEmpty();
        assertThat(sink.rejections).extracting(RecordRejection::record).containsExactly("dup 001", "dup 002", "dup 003");
        assertThat(sink.rejections).allSatisfy(r -> {
            assertThat(r.field()).isEqualTo("dest/CPF");
            assertThat(r.reason()).isEqualTo("CPF invalid: must have 11 digits, found 12");
        });
    }

    // ------------------------------------------------------------ synthetic documents

    @Test
    void readsABareNfeWithSeveralDuplicatasInFileOrder() throws Exception {
        TestNfe nfe = new TestNfe().dup("001", "2024-04-10", "100.00").dup("002", "2024-05-10", "100.5")
                .dup("003", "2024-06-10", "99.50");
        CollectingSink sink = read(write("bare.xml", nfe.xml()));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).extracting(ReceivableRecord::externalId)
                .containsExactly(TestNfe.CHAVE + "/001", TestNfe.CHAVE + "/002", TestNfe.CHAVE + "/003");
        assertThat(sink.records).extracting(ReceivableRecord::documentNumber).containsExactly("123/001", "123/002", "123/003");
        assertThat(sink.records).extracting(ReceivableRecord::amount)
                .containsExactly(new BigDecimal("100.00"), new BigDecimal("100.50"), new BigDecimal("99.50"));
        assertThat(sink.records).extracting(ReceivableRecord::dueDate)
                .containsExactly(LocalDate.of(2024, 4, 10), LocalDate.of(2024, 5, 10), LocalDate.of(2024, 6, 10));
        assertThat(sink.records).allSatisfy(r -> assertThat(r.issueDate()).isEqualTo(LocalDate.of(2024, 3, 10)));
        assertThat(sink.records).extracting(ReceivableRecord::line).isSorted().doesNotHaveDuplicates();
        Debtor d = sink.records.get(0).debtor();
        assertThat(d.documento()).isEqualTo(Documento.cpf("529.982.247-25"));
        assertThat(d.nome()).isEqualTo("Maria da Conceição");
        assertThat(d.email()).isEqualTo("maria@example.com");
        assertThat(d.endereco()).isEqualTo(new Endereco("Rua das Flores", "10", "Apto 3", "Centro", "São Paulo", "SP", "01001000"));
    }

    @Test
    void readsTheSameNfeWrappedInNfeProc() throws Exception {
        TestNfe nfe = new TestNfe().dup("001", "2024-04-10", "300.00").proc("100", TestNfe.CHAVE);
        CollectingSink sink = read(write("proc.xml", nfe.xml()));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).singleElement().satisfies(r -> assertThat(r.externalId()).isEqualTo(TestNfe.CHAVE + "/001"));
    }

    @Test
    void anNfeWithoutDuplicatasIsOneReceivableOfVnfDueAfterTheDefaultTerm() throws Exception {
        CollectingSink sink = read(write("sem-cobr.xml", new TestNfe().xml()));
        assertThat(sink.rejections).isEmpty();
        ReceivableRecord r = sink.records.get(0);
        assertThat(sink.records).hasSize(1);
        assertThat(r.externalId()).isEqualTo(TestNfe.CHAVE + "/1");
        assertThat(r.documentNumber()).isEqualTo("123/1");
        assertThat(r.amount()).isEqualTo(new BigDecimal("300.00"));
        assertThat(r.issueDate()).isEqualTo(LocalDate.of(2024, 3, 10));
        assertThat(r.dueDate()).isEqualTo(LocalDate.of(2024, 4, 9)); // + 30 days
    }

    @Test
    void issueDateIsTheDatePartAsWritten() throws Exception {
        TestNfe nfe = new TestNfe();
        nfe.dhEmi = "<dhEmi>2024-03-10T23:59:59-03:00</dhEmi>"; // already 11th in UTC: the date stays the 10th
        assertThat(read(write("late.xml", nfe.xml())).records.get(0).issueDate()).isEqualTo(LocalDate.of(2024, 3, 10));
    }

    @Test
    void aMissingDueDateRejectsOnlyThatDuplicata() throws Exception {
        TestNfe nfe = new TestNfe().dup("001", "2024-04-10", "100.00").dup("002", null, "100.00").dup("003", "2024-13-10", "100.00");
        CollectingSink sink = read(write("dvenc.xml", nfe.xml()));
        assertThat(sink.records).extracting(ReceivableRecord::recordRef).containsExactly("dup 001");
        assertThat(sink.rejections).extracting(RecordRejection::record, RecordRejection::field, RecordRejection::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dup 002", "cobr/dup/dVenc", "missing"),
                        org.assertj.core.groups.Tuple.tuple("dup 003", "cobr/dup/dVenc", "not a date (yyyy-MM-dd)"));
        assertThat(sink.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ReceivableRecord", "RecordRejection", "RecordRejection");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.00", "-5.00", "1,00", "abc", "1.005", "1e3", ""})
    void aDuplicataAmountThatIsNotAPositiveDecimalIsRejected(String vDup) throws Exception {
        TestNfe nfe = new TestNfe().dup("001", "2024-04-10", vDup).dup("002", "2024-05-10", "10.00");
        CollectingSink sink = read(write("vdup.xml", nfe.xml()));
        assertThat(sink.records).extracting(ReceivableRecord::recordRef).containsExactly("dup 002");
        assertThat(sink.rejections).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("cobr/dup/vDup");
            assertThat(r.record()).isEqualTo("dup 001");
        });
    }

    @Test
    void aMissingDuplicataAmountIsRejected() throws Exception {
        CollectingSink sink = read(write("novdup.xml", new TestNfe().dup("001", "2024-04-10", null).xml()));
        assertThat(sink.rejections).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("cobr/dup/vDup");
            assertThat(r.reason()).isEqualTo("missing");
        });
    }

    @Test
    void moreThan120DuplicatasRejectsThemAll() throws Exception {
        TestNfe nfe = new TestNfe();
        for (int i = 1; i <= 121; i++) {
            nfe.dup(String.format("%03d", i), "2024-04-10", "1.00");
        }
        CollectingSink sink = read(write("121.xml", nfe.xml()));
        assertThat(sink.records).isEmpty();
        assertThat(sink.rejections).hasSize(121).allSatisfy(r -> {
            assertThat(r.field()).isEqualTo("cobr/dup");
            assertThat(r.reason()).isEqualTo("NF-e has 121 duplicatas; layout 4.00 allows at most 120");
        });
    }

    @Test
    void exactly120DuplicatasAreFine() throws Exception {
        TestNfe nfe = new TestNfe();
        for (int i = 1; i <= 120; i++) {
            nfe.dup(String.format("%03d", i), "2024-04-10", "1.00");
        }
        CollectingSink sink = read(write("120.xml", nfe.xml()));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).hasSize(120);
    }

    @Test
    void aRepeatedNdupIsRejectedAndAMissingOneTakesItsPosition() throws Exception {
        TestNfe nfe = new TestNfe().dup("001", "2024-04-10", "1.00").dup("001", "2024-05-10", "1.00").dup(null, "2024-06-10", "1.00");
        CollectingSink sink = read(write("ndup.xml", nfe.xml()));
        assertThat(sink.records).extracting(ReceivableRecord::externalId).containsExactly(TestNfe.CHAVE + "/001", TestNfe.CHAVE + "/003");
        assertThat(sink.rejections).singleElement().satisfies(r -> assertThat(r.field()).isEqualTo("cobr/dup/nDup"));
    }

    @Test
    void aWrongCheckDigitInTheChaveRejectsTheNfe() throws Exception {
        TestNfe nfe = new TestNfe().dup("001", "2024-04-10", "1.00");
        char dv = TestNfe.CHAVE.charAt(43);
        nfe.id = "NFe" + TestNfe.CHAVE.substring(0, 43) + (char) ('0' + (dv - '0' + 1) % 10);
        CollectingSink sink = read(write("dv.xml", nfe.xml()));
        assertThat(sink.records).isEmpty();
        assertThat(sink.rejections).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("infNFe/@Id");
            assertThat(r.reason()).isEqualTo("check digit of the chave de acesso does not match");
        });
    }

    @Test
    void anNfeWhoseProtocolIsNotAnAuthorisationIsRejected() throws Exception {
        TestNfe denied = new TestNfe().dup("001", "2024-04-10", "1.00").proc("110", TestNfe.CHAVE);
        assertThat(read(write("denied.xml", denied.xml())).rejections).singleElement()
                .satisfies(r -> assertThat(r.field()).isEqualTo("protNFe/infProt/cStat"))
                .satisfies(r -> assertThat(r.reason()).isEqualTo("NF-e not authorised (cStat 110)"));
        TestNfe other = new TestNfe().dup("001", "2024-04-10", "1.00").proc("100", "3".repeat(44));
        assertThat(read(write("other.xml", other.xml())).rejections).singleElement()
                .satisfies(r -> assertThat(r.field()).isEqualTo("protNFe/infProt/chNFe"));
    }

    @Test
    void recipientProblemsNameTheField() throws Exception {
        TestNfe badCnpj = new TestNfe().dup("001", "2024-04-10", "1.00");
        badCnpj.dest = badCnpj.dest.replace("<CPF>52998224725</CPF>", "<CNPJ>11222333000180</CNPJ>");
        assertThat(read(write("cnpj.xml", badCnpj.xml())).rejections).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("dest/CNPJ");
            assertThat(r.reason()).isEqualTo("CNPJ invalid: check digits do not match");
        });
        TestNfe foreign = new TestNfe().dup("001", "2024-04-10", "1.00");
        foreign.dest = foreign.dest.replace("<CPF>52998224725</CPF>", "<idEstrangeiro>AB123</idEstrangeiro>");
        assertThat(read(write("foreign.xml", foreign.xml())).rejections).singleElement()
                .satisfies(r -> assertThat(r.field()).isEqualTo("dest/idEstrangeiro"));
        TestNfe noDest = new TestNfe().dup("001", "2024-04-10", "1.00");
        noDest.dest = "";
        assertThat(read(write("nodest.xml", noDest.xml())).rejections).singleElement()
                .satisfies(r -> assertThat(r.field()).isEqualTo("dest"));
        TestNfe noName = new TestNfe().dup("001", "2024-04-10", "1.00");
        noName.dest = noName.dest.replace("<xNome>Maria da Conceição</xNome>", "");
        assertThat(read(write("noname.xml", noName.xml())).rejections).singleElement()
                .satisfies(r -> assertThat(r.field()).isEqualTo("dest/xNome"));
    }

    @Test
    void anAlphanumericCnpjRecipientIsAccepted() throws Exception {
        TestNfe nfe = new TestNfe().dup("001", "2024-04-10", "1.00");
        nfe.dest = nfe.dest.replace("<CPF>52998224725</CPF>", "<CNPJ>12ABC34501DE35</CNPJ>");
        assertThat(read(write("alnum.xml", nfe.xml())).records).singleElement()
                .satisfies(r -> assertThat(r.debtor().documento().numero()).isEqualTo("12ABC34501DE35"));
    }

    // ------------------------------------------------------------ whole-file failures

    @Test
    void brokenXmlIsRefusedWithItsLineNumber() throws Exception {
        String xml = new TestNfe().dup("001", "2024-04-10", "1.00").xml().replace("<dVenc>2024-04-10</dVenc>", "<dVenc>2024-04-10</dVen>");
        SourceFile file = write("broken.xml", xml);
        SourceFileException e = catchThrowableOfType(() -> read(file), SourceFileException.class);
        assertThat(e).isNotNull();
        assertThat(e.file()).isEqualTo("broken.xml");
        assertThat(e.line()).isEqualTo(lineOf(file.path(), "</dVen>"));
        assertThat(e.reason()).startsWith("malformed XML: ").contains("dVenc");
    }

    @Test
    void aFileThatIsNotXmlIsRefused() throws Exception {
        SourceFileException e = catchThrowableOfType(() -> read(write("titulos.xml", "id_titulo;valor\n1;10,00\n")), SourceFileException.class);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.reason()).startsWith("malformed XML");
        assertThat(catchThrowableOfType(() -> read(write("empty.xml", "")), SourceFileException.class)).isNotNull();
    }

    @Test
    void xmlThatIsNotAnNfeIsRefused() throws Exception {
        SourceFileException other = catchThrowableOfType(
                () -> read(write("pedido.xml", "<?xml version=\"1.0\"?>\n<pedido><numero>1</numero></pedido>")), SourceFileException.class);
        assertThat(other.line()).isEqualTo(2);
        assertThat(other.reason()).startsWith("not an NF-e: the root element is pedido");

        String noNamespace = new TestNfe().xml().replace(" xmlns=\"http://www.portalfiscal.inf.br/nfe\"", "");
        assertThat(catchThrowableOfType(() -> read(write("nons.xml", noNamespace)), SourceFileException.class).reason())
                .contains("outside the NF-e namespace");

        String cte = "<cteProc xmlns=\"http://www.portalfiscal.inf.br/cte\"><CTe/></cteProc>";
        assertThat(catchThrowableOfType(() -> read(write("cte.xml", cte)), SourceFileException.class).reason())
                .startsWith("not an NF-e");

        String empty = "<NFe xmlns=\"http://www.portalfiscal.inf.br/nfe\"></NFe>";
        assertThat(catchThrowableOfType(() -> read(write("noinf.xml", empty)), SourceFileException.class).field())
                .isEqualTo("infNFe");
    }

    @Test
    void otherLayoutVersionsAreRefused() throws Exception {
        TestNfe nfe = new TestNfe();
        nfe.versao = "3.10";
        SourceFileException e = catchThrowableOfType(() -> read(write("v310.xml", nfe.xml())), SourceFileException.class);
        assertThat(e.field()).isEqualTo("infNFe/@versao");
        assertThat(e.reason()).isEqualTo("NF-e layout version 3.10 is not supported (4.00 expected)");
    }

    // ------------------------------------------------------------ XML external entities

    @Test
    void xxePayloadsAreRefusedAndNothingIsFetched() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = "<!ENTITY leak 'x'>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String nfe = new TestNfe().dup("001", "2024-04-10", "1.00").xml()
                    .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "");
            List<String> payloads = List.of(
                    // classic file disclosure through an external general entity
                    "<!DOCTYPE NFe [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                            + nfe.replace("<xNome>Maria da Conceição</xNome>", "<xNome>&xxe;</xNome>"),
                    // server-side request through an external entity
                    "<!DOCTYPE NFe [<!ENTITY xxe SYSTEM \"" + base + "/entity\">]>\n"
                            + nfe.replace("<xNome>Maria da Conceição</xNome>", "<xNome>&xxe;</xNome>"),
                    // external DTD
                    "<!DOCTYPE NFe SYSTEM \"" + base + "/nfe.dtd\">\n" + nfe,
                    // parameter entity (out-of-band exfiltration)
                    "<!DOCTYPE NFe [<!ENTITY % p SYSTEM \"" + base + "/p\"> %p;]>\n" + nfe,
                    // billion laughs
                    "<!DOCTYPE NFe [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                            + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
                            + nfe.replace("<xNome>Maria da Conceição</xNome>", "<xNome>&c;</xNome>"));
            for (String payload : payloads) {
                String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + payload;
                CollectingSink sink = new CollectingSink();
                SourceFile file = write("xxe.xml", xml);
                assertThatThrownBy(() -> connector.read(file, CONTEXT, sink))
                        .isInstanceOf(SourceFileException.class)
                        .hasMessageNotContaining("TOP-SECRET")
                        .satisfies(t -> {
                            SourceFileException e = (SourceFileException) t;
                            assertThat(e.reason()).isEqualTo("DOCTYPE is not allowed (protection against XML entity attacks)");
                            assertThat(e.line()).isEqualTo(2);
                        });
                assertThat(sink.events).isEmpty();
            }
            assertThat(hits).as("requests that reached the local server").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    // ------------------------------------------------------------ helpers

    private CollectingSink read(SourceFile file) throws SourceFileException {
        CollectingSink sink = new CollectingSink();
        connector.read(file, CONTEXT, sink);
        return sink;
    }

    private SourceFile write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return new SourceFile(name, p);
    }

    /** 1-based number of the first line containing {@code text}. */
    static long lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
