package br.com.recebiveishub.connector.erpfile;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.ExistingBoleto;
import br.com.recebiveishub.sdk.model.GeneratedSource;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceGenerationRequest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The demo generator: what it reports is exactly what the connector reads back. */
class DemoSourceGeneratorTest {

    static final LocalDate BASE = LocalDate.of(2025, 6, 30);
    static final ConnectorContext CONTEXT = new ConnectorContext("demo", 30);

    @TempDir
    Path dir;

    private final DemoSourceGenerator generator = new DemoSourceGenerator();
    private final ErpFileConnector connector = new ErpFileConnector();

    static SourceGenerationRequest request(long seed, int nfe, int rows, String bank) {
        String base = "112223330001";
        SourceGenerationRequest.Issuer issuer = new SourceGenerationRequest.Issuer(
                Documento.cnpj(base + Documento.checkDigits(base)), "Indústria Exemplo S.A.",
                new Endereco("Rua Voluntários da Pátria", "500", null, "Centro", "Curitiba", "PR", "80020000"));
        return new SourceGenerationRequest(seed, issuer, nfe, rows, BASE, bank);
    }

    @Test
    void generatedFilesReadBackWithTheReportedCountsAndTotalsAndNoRejections() throws Exception {
        List<GeneratedSource> sources = generator.generate(request(42, 30, 2_000, null), dir);

        assertThat(sources).hasSize(31);
        assertThat(sources.get(30).path().getFileName()).hasToString(DemoSourceGenerator.CSV_FILE);
        List<ReceivableRecord> all = new ArrayList<>();
        for (GeneratedSource s : sources) {
            CollectingSink sink = new CollectingSink();
            SourceFile file = new SourceFile(s.path().getFileName().toString(), s.path());
            assertThat(connector.accepts(file)).isTrue();
            connector.read(file, CONTEXT, sink);
            assertThat(sink.rejections).as("rejections of %s", file.name()).isEmpty();
            assertThat(sink.records).as("records of %s", file.name()).hasSize(s.receivables());
            assertThat(sink.records.stream().map(ReceivableRecord::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as("total of %s", file.name()).isEqualTo(s.total());
            assertThat(s.total().scale()).isEqualTo(2);
            all.addAll(sink.records);
        }
        assertThat(sources.get(30).receivables()).isEqualTo(2_000);
        assertThat(all).extracting(r -> r.sourceSystem() + "|" + r.externalId()).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(r -> {
            assertThat(r.amount()).isBetween(new BigDecimal("50.00"), new BigDecimal("20000.00"));
            assertThat(r.dueDate()).isBetween(BASE.minusDays(200), BASE.plusDays(60));
            assertThat(r.issueDate()).isBeforeOrEqualTo(BASE).isBeforeOrEqualTo(r.dueDate());
            assertThat(r.existingBoleto()).isNull();
        });
        // every aging bucket has receivables: not yet due, 1-30, 31-60, 61-90, 91-180, over 180 days late
        Set<String> buckets = all.stream().map(r -> bucket(ChronoUnit.DAYS.between(r.dueDate(), BASE))).collect(Collectors.toSet());
        assertThat(buckets).containsExactlyInAnyOrder("current", "1-30", "31-60", "61-90", "91-180", "180+");
        // a pool of about rows / 20 customers, in several states
        Set<Documento> debtors = all.stream().map(r -> r.debtor().documento()).collect(Collectors.toSet());
        assertThat(debtors.size()).isBetween(60, 101);
        assertThat(debtors).anyMatch(d -> d.tipo() == Documento.Tipo.CPF).anyMatch(d -> d.tipo() == Documento.Tipo.CNPJ);
        Set<String> ufs = all.stream().map(r -> r.debtor().endereco().uf()).collect(Collectors.toSet());
        assertThat(ufs).contains("SP", "RJ", "MG").hasSizeGreaterThanOrEqualTo(8);
        assertThat(all).allSatisfy(r -> assertThat(r.debtor().email()).satisfiesAnyOf(
                e -> assertThat(e).isNull(), e -> assertThat(e).matches(".+@([a-z0-9]+\\.)?example\\.(com|org|net)")));
        // the names are realistic (accents survive the round trip)
        assertThat(all).anyMatch(r -> r.debtor().nome().matches(".*[ãçéíóôúâê].*"));
    }

    @Test
    void nfeFilesAreWellFormedWithCorrectKeysAndDuplicatasAddingUpToTheInvoice() throws Exception {
        List<GeneratedSource> sources = generator.generate(request(7, 20, 0, null), dir);
        assertThat(sources).hasSize(20);
        int withoutCobr = 0;
        Set<Integer> dupCounts = new HashSet<>();
        for (GeneratedSource s : sources) {
            Document doc = dom(s.path());
            Element infNFe = (Element) doc.getElementsByTagNameNS(NfeReader.NS, "infNFe").item(0);
            String chave = infNFe.getAttribute("Id").substring(3);
            assertThat(ChaveAcesso.problem(chave)).isNull();
            assertThat(s.path().getFileName()).hasToString(chave + "-procNFe.xml");
            assertThat(chave).startsWith("41").contains("11222333000181"); // cUF of PR, the issuer's CNPJ
            assertThat(text(doc, "cDV")).isEqualTo(chave.substring(43));
            assertThat(text(doc, "chNFe")).isEqualTo(chave);
            BigDecimal vNF = new BigDecimal(text(doc, "vNF"));
            NodeList dups = doc.getElementsByTagNameNS(NfeReader.NS, "dup");
            if (dups.getLength() == 0) {
                withoutCobr++;
                assertThat(doc.getElementsByTagNameNS(NfeReader.NS, "cobr").getLength()).isZero();
            } else {
                dupCounts.add(dups.getLength());
                BigDecimal sum = BigDecimal.ZERO;
                for (int i = 0; i < dups.getLength(); i++) {
                    Element dup = (Element) dups.item(i);
                    sum = sum.add(new BigDecimal(dup.getElementsByTagNameNS(NfeReader.NS, "vDup").item(0).getTextContent()));
                }
                assertThat(sum).isEqualTo(vNF).isEqualTo(new BigDecimal(text(doc, "vLiq"))).isEqualTo(new BigDecimal(text(doc, "vOrig")));
            }
            BigDecimal items = BigDecimal.ZERO;
            NodeList prods = doc.getElementsByTagNameNS(NfeReader.NS, "prod");
            for (int i = 0; i < prods.getLength(); i++) {
                items = items.add(new BigDecimal(((Element) prods.item(i)).getElementsByTagNameNS(NfeReader.NS, "vProd").item(0).getTextContent()));
            }
            assertThat(items).isEqualTo(vNF);
            String doc1 = text(doc, "dest", "CPF");
            String doc2 = text(doc, "dest", "CNPJ");
            assertThat(Documento.parse(doc1 != null ? doc1 : doc2)).isNotNull();
            assertThat(s.receivables()).isEqualTo(Math.max(1, dups.getLength()));
            assertThat(s.total()).isEqualTo(vNF);
        }
        assertThat(withoutCobr).isEqualTo(4);
        assertThat(dupCounts).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws Exception {
        List<GeneratedSource> a = generator.generate(request(99, 5, 300, "104"), dir.resolve("a"));
        List<GeneratedSource> b = generator.generate(request(99, 5, 300, "104"), dir.resolve("b"));
        List<GeneratedSource> c = generator.generate(request(100, 5, 300, "104"), dir.resolve("c"));
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).path().getFileName()).isEqualTo(a.get(i).path().getFileName());
            assertThat(Files.readAllBytes(b.get(i).path())).isEqualTo(Files.readAllBytes(a.get(i).path()));
            assertThat(b.get(i).receivables()).isEqualTo(a.get(i).receivables());
            assertThat(b.get(i).total()).isEqualTo(a.get(i).total());
        }
        assertThat(Files.readAllBytes(c.get(5).path())).isNotEqualTo(Files.readAllBytes(a.get(5).path()));
        try (Stream<Path> files = Files.list(dir.resolve("a"))) {
            assertThat(files).hasSize(6);
        }
    }

    @Test
    void existingBoletoRowsCarryTheBankAndSequentialNossoNumeros() throws Exception {
        GeneratedSource csv = generator.generate(request(5, 0, 50, "104"), dir).get(0);
        CollectingSink sink = new CollectingSink();
        connector.read(new SourceFile(DemoSourceGenerator.CSV_FILE, csv.path()), CONTEXT, sink);
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.records).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(sink.records.get(i).existingBoleto()).isEqualTo(new ExistingBoleto("104", Long.toString(1_000_001L + i)));
            assertThat(sink.records.get(i).externalId()).isEqualTo(String.format("CR%07d", i + 1));
        }
        assertThat(Files.readString(csv.path())).startsWith("id_titulo;documento;emissao;vencimento;valor;cpf_cnpj;nome;")
                .contains(";banco;nosso_numero\r\n");
    }

    @Test
    void anIssuerWithoutAddressOrNoIssuerAtAllStillGivesReadableNfe() throws Exception {
        SourceGenerationRequest.Issuer bare = new SourceGenerationRequest.Issuer(Documento.cnpj("12ABC34501DE35"), "Sem Endereço Ltda", null);
        for (SourceGenerationRequest.Issuer issuer : new SourceGenerationRequest.Issuer[] {bare, null}) {
            Path out = dir.resolve(issuer == null ? "none" : "bare");
            for (GeneratedSource s : generator.generate(new SourceGenerationRequest(3, issuer, 3, 0, BASE, null), out)) {
                CollectingSink sink = new CollectingSink();
                connector.read(new SourceFile(s.path().getFileName().toString(), s.path()), CONTEXT, sink);
                assertThat(sink.rejections).isEmpty();
                assertThat(sink.records).hasSize(s.receivables());
                assertThat(s.path().getFileName().toString()).startsWith("35"); // placed in SP
            }
        }
    }

    @Test
    void smallRequestsStillHaveAPoolOfFiveCustomers() throws Exception {
        List<GeneratedSource> sources = generator.generate(request(1, 0, 0, null), dir);
        assertThat(sources).isEmpty();
        GeneratedSource one = generator.generate(request(1, 0, 1, null), dir).get(0);
        assertThat(one.receivables()).isEqualTo(1);
    }

    @Test
    void aLargeCsvIsWrittenAndReadBackStreaming() throws Exception {
        // Speed is the benchmark module's to measure (./hub bench); this checks that a large file round-trips.
        GeneratedSource csv = generator.generate(request(2024, 0, 200_000, "001"), dir).get(0);
        assertThat(csv.receivables()).isEqualTo(200_000);

        long[] count = {0};
        BigDecimal[] total = {BigDecimal.ZERO};
        long[] rejected = {0};
        connector.read(new SourceFile(DemoSourceGenerator.CSV_FILE, csv.path()), CONTEXT, new br.com.recebiveishub.sdk.model.RecordSink() {
            @Override
            public void accept(ReceivableRecord record) {
                count[0]++;
                total[0] = total[0].add(record.amount());
            }

            @Override
            public void reject(br.com.recebiveishub.sdk.model.RecordRejection rejection) {
                rejected[0]++;
            }
        });
        assertThat(rejected[0]).isZero();
        assertThat(count[0]).isEqualTo(200_000);
        assertThat(total[0]).isEqualTo(csv.total());
        Files.delete(csv.path());
    }

    private static String bucket(long daysLate) {
        if (daysLate <= 0) {
            return "current";
        }
        return daysLate <= 30 ? "1-30" : daysLate <= 60 ? "31-60" : daysLate <= 90 ? "61-90" : daysLate <= 180 ? "91-180" : "180+";
    }

    private static Document dom(Path p) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(p.toFile());
    }

    private static String text(Document doc, String tag) {
        return doc.getElementsByTagNameNS(NfeReader.NS, tag).item(0).getTextContent();
    }

    private static String text(Document doc, String parent, String tag) {
        NodeList l = ((Element) doc.getElementsByTagNameNS(NfeReader.NS, parent).item(0)).getElementsByTagNameNS(NfeReader.NS, tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }

}
