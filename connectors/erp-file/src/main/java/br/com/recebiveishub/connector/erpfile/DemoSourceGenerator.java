package br.com.recebiveishub.connector.erpfile;

import br.com.recebiveishub.sdk.SourceFileGenerator;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.GeneratedSource;
import br.com.recebiveishub.sdk.model.SourceGenerationRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.pf4j.Extension;

/**
 * Writes synthetic ERP exports this connector reads: {@code nfeCount} NF-e 4.00 files and one CSV
 * of {@code csvRows} titles, for demos, rehearsals of an onboarding and benchmarks.
 *
 * <p>What the files hold:
 * <ul>
 *   <li><b>Customers</b>: a pool of {@code max(5, (nfeCount + csvRows) / 20)} people (CPF) and
 *       companies (CNPJ) with valid check digits, realistic names and addresses in real cities of
 *       SP, RJ, MG, PR, RS, BA, ES, AL, PE, SC, GO, CE and DF; e-mails only at the reserved
 *       {@code example.com/.org/.net} domains. A few customers are picked much more often than
 *       others, so a Pareto of arrears has a head. When {@code baseDate} is on or after
 *       2026-07-01 some companies get an alphanumeric CNPJ.</li>
 *   <li><b>NF-e</b> ({@code <chave>-procNFe.xml}): {@code nfeProc} with a correct chave de acesso
 *       (módulo-11 check digit), serie 1, nNF 1..n, the request's issuer as {@code emit}, 1 to 3
 *       items, and {@code cobr/fat} with 1 to 3 duplicatas whose {@code vDup} add up to
 *       {@code vFat}/{@code vLiq}/{@code vNF}, due 30, 60, 90 days after issue; every fifth NF-e
 *       has no {@code cobr} (a reader makes it one receivable of vNF after its default term).
 *       The protocol is of the homologation environment (tpAmb 2) and there is no signature.</li>
 *   <li><b>CSV</b> ({@code titulos-erp.csv}): the layout of README.md, UTF-8 without byte-order
 *       mark, CRLF, with {@code id_titulo} {@code CR0000001}.. and {@code documento} an invoice
 *       number with its instalment; no {@code origem} column (rows read as {@code ERP-CSV}). When
 *       {@code existingBoletoBank} is set, every row carries {@code banco} = that bank and
 *       {@code nosso_numero} = {@code 1000001}, {@code 1000002}, .. in row order (plain digits,
 *       without check digit: the bank's provider canonicalises them).</li>
 *   <li><b>Dates</b>: due dates spread evenly from {@code baseDate - 200} to {@code baseDate + 60}
 *       days, so an aging report fills every bucket. Issue dates are never after {@code baseDate};
 *       since due dates reach 200 days back, issue dates reach up to 230 days (NF-e) or 290 days
 *       (CSV) before it, further than the 120 days {@link SourceGenerationRequest} mentions.</li>
 *   <li><b>Issuer</b>: the request's issuer is {@code emit} of every NF-e (its city's IBGE code
 *       from the table of known cities, else the first known city of its state); an issuer without
 *       a street, city or valid state is placed on Avenida Paulista, São Paulo.</li>
 *   <li><b>Amounts</b>: from 50,00 to 20.000,00 per receivable, log-uniform (many small, few
 *       large).</li>
 * </ul>
 *
 * <p>Deterministic: the same request gives the same bytes (one {@link Random} stream per part,
 * seeded from the request's seed; no clock, locale or hash-order dependence). Streams: the CSV is
 * written row by row, so a million rows take seconds and little memory (the customer pool aside).
 */
@Extension
public class DemoSourceGenerator implements SourceFileGenerator {

    /** Name of the CSV file written. */
    public static final String CSV_FILE = "titulos-erp.csv";

    private static final long MIN_CENTS = 5_000;
    private static final long MAX_CENTS = 2_000_000;
    private static final int[] TERMS = {7, 10, 14, 15, 21, 28, 30, 30, 30, 45, 60, 90};
    private static final NfeXmlWriter.Item[] PRODUCTS = {
        new NfeXmlWriter.Item("Parafuso sextavado M8 zincado (cx 100)", "73181500", "CX", 0),
        new NfeXmlWriter.Item("Cabo flexivel 2,5 mm rolo 100 m", "85444900", "RL", 0),
        new NfeXmlWriter.Item("Cafe torrado e moido 500 g (fardo 10)", "09012100", "FD", 0),
        new NfeXmlWriter.Item("Papel sulfite A4 75 g (cx 10 resmas)", "48025610", "CX", 0),
        new NfeXmlWriter.Item("Tinta acrilica branca fosca 18 L", "32091010", "LT", 0),
        new NfeXmlWriter.Item("Oleo lubrificante 15W40 1 L (cx 24)", "27101932", "CX", 0),
        new NfeXmlWriter.Item("Luva nitrilica de seguranca (par)", "40151900", "PAR", 0),
        new NfeXmlWriter.Item("Cimento CP II 50 kg", "25232910", "SC", 0),
    };

    /** Creates the generator (PF4J instantiates it). */
    public DemoSourceGenerator() {
    }

    @Override
    public List<GeneratedSource> generate(SourceGenerationRequest request, Path directory) throws IOException {
        if (request.nfeCount() < 0 || request.csvRows() < 0) {
            throw new IllegalArgumentException("nfeCount and csvRows must not be negative");
        }
        if (request.baseDate() == null) {
            throw new IllegalArgumentException("baseDate is required");
        }
        Files.createDirectories(directory);
        long seed = request.seed();
        int poolSize = (int) Math.max(5, ((long) request.nfeCount() + request.csvRows()) / 20);
        DemoPeople.Customer[] pool = DemoPeople.pool(new Random(seed), poolSize,
                !request.baseDate().isBefore(LocalDate.of(2026, 7, 1)));
        List<GeneratedSource> out = new ArrayList<>();
        Random nfeRnd = new Random(seed + 0x9E3779B97F4A7C15L);
        NfeXmlWriter.Emitente emitente = emitente(request.issuer());
        for (int i = 0; i < request.nfeCount(); i++) {
            out.add(writeNfe(nfeRnd, i, emitente, pool, request.baseDate(), directory));
        }
        if (request.csvRows() > 0) {
            out.add(writeCsv(new Random(seed + 0x2545F4914F6CDD1DL), request, pool, directory.resolve(CSV_FILE)));
        }
        return out;
    }

    private static NfeXmlWriter.Emitente emitente(SourceGenerationRequest.Issuer issuer) {
        if (issuer == null) {
            Endereco e = new Endereco("Avenida Paulista", "1000", "Conjunto 101", "Bela Vista", "São Paulo", "SP", "01310100");
            String base = "123456780001";
            issuer = new SourceGenerationRequest.Issuer(Documento.cnpj(base + Documento.checkDigits(base)),
                    "Recebiveis Demo Industria e Comercio Ltda", e);
        }
        Endereco e = issuer.endereco();
        if (e == null || e.uf() == null || !BrFormat.UFS.contains(e.uf()) || e.logradouro() == null || e.municipio() == null) {
            // an issuer without a usable address is placed in São Paulo: the NF-e needs a state and a city
            e = new Endereco("Avenida Paulista", "1000", null, "Bela Vista", "São Paulo", "SP", "01310100");
        }
        DemoPeople.City city = DemoPeople.city(e.municipio(), e.uf());
        return new NfeXmlWriter.Emitente(issuer.cnpj(), issuer.nome(), e, city);
    }

    private static GeneratedSource writeNfe(Random rnd, int i, NfeXmlWriter.Emitente emit, DemoPeople.Customer[] pool,
                                            LocalDate base, Path directory) throws IOException {
        DemoPeople.Customer customer = pool[skewedIndex(rnd, pool.length)];
        LocalDate issue = base.minusDays(rnd.nextInt(231));
        boolean withCobr = i % 5 != 4;
        int maxDups = (int) Math.min(3, (base.toEpochDay() + 60 - issue.toEpochDay()) / 30);
        int n = withCobr ? 1 + rnd.nextInt(maxDups) : 1;
        long total = logUniform(rnd, MIN_CENTS * n, MAX_CENTS);
        List<NfeXmlWriter.Dup> dups = new ArrayList<>(n);
        if (withCobr) {
            long part = total / n;
            for (int k = 1; k <= n; k++) {
                long cents = k < n ? part : total - part * (n - 1);
                dups.add(new NfeXmlWriter.Dup(ChaveAcesso.pad(k, 3), issue.plusDays(30L * k), cents));
            }
        }
        int itemCount = 1 + rnd.nextInt(3);
        List<NfeXmlWriter.Item> items = new ArrayList<>(itemCount);
        long left = total;
        for (int k = 1; k <= itemCount; k++) {
            NfeXmlWriter.Item product = DemoPeople.pick(rnd, PRODUCTS);
            long cents = k < itemCount ? Math.max(1, left / (itemCount - k + 1) - rnd.nextInt(100)) : left;
            left -= cents;
            items.add(new NfeXmlWriter.Item(product.descricao(), product.ncm(), product.unidade(), cents));
        }
        long nNF = i + 1L;
        long cNF = 10_000_000L + rnd.nextInt(90_000_000);
        String cUf = DemoPeople.cUf(emit.endereco().uf());
        String chave = ChaveAcesso.build(cUf, issue.getYear() % 100, issue.getMonthValue(), emit.cnpj().numero(), "55", 1, nNF, 1, cNF);
        long protocolo = Long.parseLong(cUf + "1" + ChaveAcesso.pad(issue.getYear() % 100, 2) + ChaveAcesso.pad(nNF, 10));
        String xml = NfeXmlWriter.write(chave, nNF, cNF, issue.atTime(8 + rnd.nextInt(10), rnd.nextInt(60)), emit,
                customer.debtor(), items, dups, protocolo);
        Path file = directory.resolve(chave + "-procNFe.xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return new GeneratedSource(file, n, BigDecimal.valueOf(total, 2));
    }

    private static GeneratedSource writeCsv(Random rnd, SourceGenerationRequest request, DemoPeople.Customer[] pool, Path file)
            throws IOException {
        LocalDate base = request.baseDate();
        String bank = request.existingBoletoBank();
        long totalCents = 0;
        long invoice = 10_000 + rnd.nextInt(90_000);
        int instalment = 0;
        int instalments = 0;
        DemoPeople.Customer customer = null;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            ErpCsvWriter csv = new ErpCsvWriter(out, false, bank != null, "\r\n");
            csv.writeHeader();
            for (int row = 1; row <= request.csvRows(); row++) {
                if (instalment == instalments) { // next invoice: 1 to 4 instalments of one customer
                    invoice++;
                    instalment = 0;
                    instalments = 1 + rnd.nextInt(4);
                    customer = pool[skewedIndex(rnd, pool.length)];
                }
                instalment++;
                LocalDate due = base.minusDays(200).plusDays(rnd.nextInt(261));
                LocalDate issue = due.minusDays(TERMS[rnd.nextInt(TERMS.length)]);
                if (issue.isAfter(base)) {
                    issue = base;
                }
                long cents = logUniform(rnd, MIN_CENTS, MAX_CENTS);
                totalCents += cents;
                csv.write(null, "CR" + ChaveAcesso.pad(row, 7), invoice + "/" + instalment, issue, due, cents,
                        customer.csvCells(), bank, bank == null ? null : Long.toString(1_000_000L + row));
            }
        }
        return new GeneratedSource(file, request.csvRows(), BigDecimal.valueOf(totalCents, 2));
    }

    /** An index where low indices come up far more often (a few customers owe most). */
    private static int skewedIndex(Random rnd, int size) {
        double u = rnd.nextDouble();
        return (int) Math.min(size - 1, (long) (u * u * u * size));
    }

    /** Cents between lo and hi, log-uniform; StrictMath keeps it identical on every JVM. */
    private static long logUniform(Random rnd, long lo, long hi) {
        if (lo >= hi) {
            return lo;
        }
        double x = StrictMath.exp(StrictMath.log(lo) + rnd.nextDouble() * (StrictMath.log(hi) - StrictMath.log(lo)));
        return Math.max(lo, Math.min(hi, Math.round(x)));
    }
}
