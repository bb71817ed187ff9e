package br.com.recebiveishub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Importing ERP exports: quarantine of bad records, bad files kept and reported, idempotency, updates with history. */
class IngestTest extends HubIntegrationTest {

    static final String HEADER = "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;uf\n";

    @Autowired
    IngestService ingest;
    @Autowired
    TenantService tenants;
    @Autowired
    TenantDirectories dirs;
    @Autowired
    ImportLog importLog;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path tmp;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = newTenantId("ingest");
        tenants.create(tenant, "Cliente Teste Ltda", "11.222.333/0001-81", 28, null);
    }

    SourceFile csv(String name, String body) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, HEADER + body, StandardCharsets.UTF_8);
        return new SourceFile(name, f);
    }

    @Test
    void quarantinesBadRowsWhileTheGoodOnesAreImported() throws IOException {
        ImportReport r = ingest.importFile(tenant, csv("mixed.csv", """
                T1;01/11/2026;01/12/2026;1.234,56;123.456.789-09;Ana Souza;SP
                T2;01/11/2026;15/12/2026;100,00;123.456.789-00;Bruno Lima;RJ
                T3;01/11/2026;15/12/2026;abc;987.654.321-00;Carla Mendes;MG
                T4;01/11/2026;20/12/2026;50,00;987.654.321-00;Carla Mendes;MG
                """));
        assertThat(r.status()).isEqualTo("PROCESSED");
        assertThat(r.read()).isEqualTo(4);
        assertThat(r.created()).isEqualTo(2);
        assertThat(r.rejected()).isEqualTo(2);
        List<RecordRejection> rej = importLog.get(tenant, r.id()).orElseThrow().rejections();
        assertThat(rej).extracting(RecordRejection::line).containsExactly(3L, 4L);
        assertThat(rej.get(0).field()).isEqualTo("cpf_cnpj");
        assertThat(rej.get(0).reason()).contains("CPF invalid").doesNotContain("12345678900").doesNotContain("123.456.789-00");
        assertThat(rej.get(1).field()).isEqualTo("valor");
        assertThat(jdbc.queryForObject("select sum(open_balance) from receivable where tenant_id = ?", BigDecimal.class, tenant))
                .isEqualByComparingTo("1284.56");
        assertThat(jdbc.queryForObject("select count(*) from customer where tenant_id = ?", Integer.class, tenant)).isEqualTo(2);
    }

    @Test
    void aDryRunReportsEveryRowAndWritesNothing() throws IOException {
        String rows = """
                T1;01/11/2026;01/12/2026;1.234,56;123.456.789-09;Ana Souza;SP
                T2;01/11/2026;15/12/2026;100,00;123.456.789-00;Bruno Lima;RJ
                T3;01/11/2026;15/12/2026;abc;987.654.321-00;Carla Mendes;MG
                T4;01/11/2026;20/12/2026;50,00;987.654.321-00;Carla Mendes;MG
                """;
        long revisions = jdbc.queryForObject("select count(*) from hub_revision", Long.class);
        ImportReport dry = ingest.dryRun(tenant, csv("primeiro.csv", rows));
        assertThat(dry.status()).isEqualTo("DRY_RUN_PROCESSED");
        assertThat(dry.read()).isEqualTo(4);
        assertThat(dry.created()).isEqualTo(2);
        assertThat(dry.rejections()).extracting(RecordRejection::line).containsExactly(3L, 4L);
        assertThat(dry.rejections()).extracting(RecordRejection::field).containsExactly("cpf_cnpj", "valor");
        for (String table : List.of("receivable", "customer", "import_batch")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where tenant_id = ?", Long.class, tenant)).as(table).isZero();
        }
        assertThat(jdbc.queryForObject("select count(*) from hub_revision", Long.class)).isEqualTo(revisions);
        // the real import afterwards is not a duplicate of the dry run
        ImportReport real = ingest.importFile(tenant, csv("primeiro.csv", rows));
        assertThat(real.status()).isEqualTo("PROCESSED");
        assertThat(real.created()).isEqualTo(2);
        assertThat(ingest.dryRun(tenant, csv("primeiro.csv", rows)).status()).isEqualTo("DRY_RUN_DUPLICATE");
        assertThat(ingest.dryRun(tenant, csv("lixo.bin", "\u0000\u0001")).status()).isEqualTo("DRY_RUN_FAILED");
    }

    @Test
    void sameFileTwiceChangesNothingAndAChangedRecordIsUpdatedWithHistory() throws IOException {
        String rows = """
                T1;01/11/2026;01/12/2026;100,00;123.456.789-09;Ana Souza;SP
                T2;01/11/2026;15/12/2026;200,00;111.444.777-35;Bruno Lima;RJ
                """;
        ImportReport first = ingest.importFile(tenant, csv("a.csv", rows));
        assertThat(first.created()).isEqualTo(2);
        ImportReport again = ingest.importFile(tenant, csv("a-copy.csv", rows));
        assertThat(again.status()).isEqualTo("DUPLICATE");
        assertThat(again.duplicateOf()).isEqualTo(first.id());

        ImportReport changed = ingest.importFile(tenant, csv("a-v2.csv", """
                T1;01/11/2026;01/12/2026;100,00;123.456.789-09;Ana Souza;SP
                T2;01/11/2026;20/12/2026;250,00;111.444.777-35;Bruno Lima;RJ
                """));
        assertThat(changed.status()).isEqualTo("PROCESSED");
        assertThat(changed.created()).isZero();
        assertThat(changed.updated()).isEqualTo(1);
        assertThat(changed.unchanged()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from receivable where tenant_id = ?", Integer.class, tenant)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select open_balance from receivable where tenant_id = ? and external_id = 'T2'", BigDecimal.class, tenant))
                .isEqualByComparingTo("250.00");
        // two versions of T2: the first closed by the second's revision; T1 has one
        List<String> versions = jdbc.queryForList("""
                select a.revtype || ':' || a.original_amount || ':' || (a.revend is null) from receivable_aud a
                  join receivable r on r.id = a.id where r.tenant_id = ? and r.external_id = 'T2' order by a.rev""", String.class, tenant);
        assertThat(versions).containsExactly("0:200.00:false", "1:250.00:true");
        assertThat(jdbc.queryForObject("""
                select count(*) from receivable_aud a join receivable r on r.id = a.id where r.tenant_id = ? and r.external_id = 'T1'""",
                Integer.class, tenant)).isEqualTo(1);
    }

    @Test
    void valuesTheModelCannotHoldAreRejectedPerRecordNotForTheWholeFile() throws IOException {
        String longName = "N".repeat(201);
        ImportReport r = ingest.importFile(tenant, csv("limits.csv", String.join("\n",
                "T1;01/11/2026;01/12/2026;100,00;123.456.789-09;Ana Souza;SP",
                "T2;01/11/2026;01/12/2026;100,00;111.444.777-35;" + longName + ";SP",
                "T3;01/11/2026;01/12/2026;99.999.999.999.999,99;529.982.247-25;Carla Mendes;SP", "")));
        assertThat(r.status()).isEqualTo("PROCESSED");
        assertThat(r.created()).isEqualTo(1);
        List<RecordRejection> rej = importLog.get(tenant, r.id()).orElseThrow().rejections();
        assertThat(rej).extracting(RecordRejection::line, RecordRejection::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "nome"), org.assertj.core.groups.Tuple.tuple(4L, "valor"));
        assertThat(rej.get(0).reason()).contains("longer than 200").doesNotContain(longName);
    }

    @Test
    void aReceivableWithALiveBoletoCannotChangeAmountOrDueDateUnderIt() throws IOException {
        Path f = tmp.resolve("with-boleto.csv");
        Files.writeString(f, "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;banco;nosso_numero\n"
                + "T1;01/11/2026;01/12/2026;100,00;123.456.789-09;Ana Souza;104;4242\n", StandardCharsets.UTF_8);
        assertThat(ingest.importFile(tenant, new SourceFile("with-boleto.csv", f)).created()).isEqualTo(1);
        Files.writeString(f, "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;banco;nosso_numero\n"
                + "T1;01/11/2026;01/12/2026;150,00;123.456.789-09;Ana Souza;104;4242\n", StandardCharsets.UTF_8);
        ImportReport changed = ingest.importFile(tenant, new SourceFile("with-boleto-v2.csv", f));
        assertThat(changed.updated()).isZero();
        assertThat(importLog.get(tenant, changed.id()).orElseThrow().rejections()).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("valor");
            assertThat(x.reason()).contains("live boleto").contains("4242");
        });
        assertThat(jdbc.queryForObject("select original_amount from receivable where tenant_id = ?", BigDecimal.class, tenant))
                .isEqualByComparingTo("100.00");
    }

    @Test
    void aDebtorCorrectedInALaterBatchOfTheSameFileKeepsOneVersionWithTheLatestData() throws IOException {
        StringBuilder rows = new StringBuilder("T0;01/11/2026;01/12/2026;10,00;123.456.789-09;Ana Souza;SP\n");
        for (int i = 1; i < IngestService.BATCH; i++) {
            rows.append("F").append(i).append(";01/11/2026;01/12/2026;10,00;111.444.777-35;Bruno Lima;RJ\n");
        }
        rows.append("T1;01/11/2026;02/12/2026;20,00;123.456.789-09;Ana Souza Lima;MG\n"); // batch 2: same CPF, new data
        ImportReport r = ingest.importFile(tenant, csv("two-batches.csv", rows.toString()));
        assertThat(r.status()).as("%s", r.error()).isEqualTo("PROCESSED");
        assertThat(r.created()).isEqualTo(IngestService.BATCH + 1);
        var ana = jdbc.queryForMap("select id, nome, uf from customer where tenant_id = ? and documento = '12345678909'", tenant);
        assertThat(ana).containsEntry("nome", "Ana Souza Lima").containsEntry("uf", "MG");
        assertThat(jdbc.queryForList("select nome || '/' || revtype from customer_aud where id = ?", String.class, ana.get("id")))
                .containsExactly("Ana Souza Lima/0");
    }

    @Test
    void theSameTitleTwiceInOneFileIsRejectedNamingTheFirstLine() throws IOException {
        ImportReport r = ingest.importFile(tenant, csv("dup.csv", """
                T1;01/11/2026;01/12/2026;100,00;123.456.789-09;Ana Souza;SP
                T1;01/11/2026;01/12/2026;100,00;123.456.789-09;Ana Souza;SP
                """));
        assertThat(r.created()).isEqualTo(1);
        assertThat(importLog.get(tenant, r.id()).orElseThrow().rejections()).singleElement()
                .satisfies(x -> assertThat(x.reason()).contains("duplicate of line 2"));
    }

    @Test
    void anNfeWithoutCobrFallsDueAfterTheTenantsDefaultTerm() throws IOException {
        Path f = tmp.resolve("sem-cobr.xml");
        Files.writeString(f, NFE_WITHOUT_COBR, StandardCharsets.UTF_8);
        ImportReport r = ingest.importFile(tenant, new SourceFile("sem-cobr.xml", f));
        assertThat(r.rejected()).as("%s", importLog.get(tenant, r.id()).orElseThrow().rejections()).isZero();
        assertThat(r.created()).isEqualTo(1);
        var row = jdbc.queryForMap("select issue_date, due_date, original_amount from receivable where tenant_id = ?", tenant);
        assertThat(row.get("issue_date").toString()).isEqualTo("2026-11-10");
        assertThat(row.get("due_date").toString()).isEqualTo("2026-12-08"); // 28 days
        assertThat((BigDecimal) row.get("original_amount")).isEqualByComparingTo("350.00");
    }

    @Test
    void aFileNobodyCanReadIsKeptInErrorWithItsReportAndAppliesNothing() throws IOException {
        Path inbox = dirs.erpInbox(tenant);
        Files.writeString(inbox.resolve(".quebrado.xml"), "<nfeProc><NFe><infNFe Id=\"NFe1\"", StandardCharsets.UTF_8);
        Files.move(inbox.resolve(".quebrado.xml"), inbox.resolve("quebrado.xml"));
        Files.writeString(inbox.resolve(".leia-me.txt"), "not an ERP export", StandardCharsets.UTF_8);
        Files.move(inbox.resolve(".leia-me.txt"), inbox.resolve("leia-me.txt"));
        Path error = inbox.resolve("error");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(error, ".report.txt") == 2 && count(error, ".xml") == 1 && count(error, ".txt") == 3);
        String report = read(error, "quebrado.xml.report.txt");
        assertThat(report).contains("FAILED").contains("quebrado.xml");
        assertThat(read(error, "leia-me.txt.report.txt")).contains("no installed ERP connector reads this file");
        assertThat(importLog.list(tenant, 10)).hasSize(2).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo("FAILED");
            assertThat(i.error()).isNotBlank();
        });
        assertThat(jdbc.queryForObject("select count(*) from receivable where tenant_id = ?", Integer.class, tenant)).isZero();
        assertThat(Files.list(inbox).filter(Files::isRegularFile).toList()).isEmpty();
    }

    private static long count(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    private static String read(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return Files.readString(s.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow());
        }
    }

    static final String NFE_WITHOUT_COBR = """
            <?xml version="1.0" encoding="UTF-8"?>
            <NFe xmlns="http://www.portalfiscal.inf.br/nfe"><infNFe Id="NFe%s" versao="4.00">
            <ide><cUF>35</cUF><nNF>77</nNF><dhEmi>2026-11-10T10:00:00-03:00</dhEmi></ide>
            <emit><CNPJ>11222333000181</CNPJ><xNome>Cliente Teste Ltda</xNome></emit>
            <dest><CPF>52998224725</CPF><xNome>Daniel Rocha</xNome><enderDest><xLgr>Rua da Bahia</xLgr><nro>1148</nro>
            <xBairro>Centro</xBairro><xMun>Belo Horizonte</xMun><UF>MG</UF><CEP>30160011</CEP></enderDest></dest>
            <total><ICMSTot><vNF>350.00</vNF></ICMSTot></total>
            </infNFe></NFe>
            """.formatted(chave("3526111122233300018155001000000077100000077"));

    /** A chave de acesso with its módulo-11 check digit (weights 2..9 from the right). */
    static String chave(String base43) {
        int sum = 0;
        int w = 2;
        for (int i = base43.length() - 1; i >= 0; i--) {
            sum += (base43.charAt(i) - '0') * w;
            w = w == 9 ? 2 : w + 1;
        }
        int dv = 11 - sum % 11;
        return base43 + (dv >= 10 ? 0 : dv);
    }
}
