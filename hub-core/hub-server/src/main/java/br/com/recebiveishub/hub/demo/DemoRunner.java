package br.com.recebiveishub.hub.demo;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.charge.Charge;
import br.com.recebiveishub.hub.charge.ChargeRepository;
import br.com.recebiveishub.hub.charge.ChargeService;
import br.com.recebiveishub.hub.charge.ChargeStatus;
import br.com.recebiveishub.hub.ingest.ImportLog;
import br.com.recebiveishub.hub.ingest.ImportReport;
import br.com.recebiveishub.hub.kpi.KpiService;
import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.hub.plugin.PluginInfo;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.reconcile.ReconciliationResult;
import br.com.recebiveishub.hub.reconcile.ReconciliationService;
import br.com.recebiveishub.hub.tenant.BankAccountConfig;
import br.com.recebiveishub.hub.tenant.Tenant;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.SourceFileGenerator;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.GeneratedSource;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.MovementKind;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import br.com.recebiveishub.sdk.model.SourceGenerationRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * The hub's main job, end to end, as an implementation team would run an onboarding: create the
 * tenant and its bank account, drop the client's ERP exports into the tenant's inbox, issue
 * boletos and write the remessa, drop the bank's return file into the return inbox, and report
 * imports, reconciliation and the aging / DSO summary.
 *
 * <p>With a samples directory (the real files of ../shared/samples) it runs on real NF-e files and
 * the real Caixa return; without one it writes its own client exports through the installed
 * {@link SourceFileGenerator} and plays the bank with the installed {@link BankReturnSimulator}.
 * Running it again changes nothing: the files are recognised as already applied. That holds on
 * any later day too because the generated files and the simulated return are dated from the demo's
 * base date, stored in {@code <data-dir>/demo-input/<tenant>/base-date} on the first run and reused;
 * only the portfolio report is as of today.
 */
@Component
public class DemoRunner {

    /** Tenant the demo onboards. */
    public static final String TENANT = "demo";
    /** The real return file the samples run reconciles. */
    static final String REAL_RETURN = "cnab240/retorno-caixa-sigcb.ret";
    /** Our client's export of the titles the real Caixa return settles (see docs/onboarding.md). */
    static final String REGISTERED_TITLES_CSV = "demo/carteira-caixa-registrada.csv";

    /** What a demo run produced, for the caller and the end-to-end tests. */
    public record DemoResult(List<GeneratedSource> generated, List<ImportReport> imports, ChargeService.IssueResult issue,
                             ReconciliationResult reconciliation, KpiService.KpiReport kpis) {
    }

    private final TenantService tenants;
    private final TenantDirectories dirs;
    private final ImportLog importLog;
    private final ChargeService charges;
    private final ChargeRepository chargeRepository;
    private final ReconciliationService reconciliation;
    private final KpiService kpis;
    private final PluginRuntime plugins;
    private final HubProperties props;

    public DemoRunner(TenantService tenants, TenantDirectories dirs, ImportLog importLog, ChargeService charges,
                      ChargeRepository chargeRepository, ReconciliationService reconciliation, KpiService kpis,
                      PluginRuntime plugins, HubProperties props) {
        this.tenants = tenants;
        this.dirs = dirs;
        this.importLog = importLog;
        this.charges = charges;
        this.chargeRepository = chargeRepository;
        this.reconciliation = reconciliation;
        this.kpis = kpis;
        this.plugins = plugins;
        this.props = props;
    }

    /**
     * Runs the demo.
     *
     * @param tenantId   the tenant to onboard (created with its bank account if missing)
     * @param samplesDir the real samples directory, or null to generate the client's files
     * @param out        where to print the report
     */
    public DemoResult run(String tenantId, Path samplesDir, PrintStream out, Duration timeout) throws IOException {
        try (AuditContext.Scope s = AuditContext.open("demo", tenantId, "demo onboarding", "job:demo")) {
            out.println("== Recebíveis Hub demo (" + (samplesDir != null ? "real files from " + samplesDir : "generated client files") + ")");
            for (PluginInfo p : plugins.list()) {
                out.printf("plugin %-12s %-16s %-8s %s%s%n", p.id(), p.version(), p.state(), p.extensions(),
                        p.problem() != null ? " - " + p.problem() : "");
            }
            Tenant tenant = onboard(tenantId);
            BankAccountConfig account = tenants.bankAccounts(tenantId).get(0);
            LocalDate today = LocalDate.now(props.zoneId());
            LocalDate base = baseDate(tenantId, today);

            List<Path> erpFiles = new ArrayList<>();
            List<GeneratedSource> generated = new ArrayList<>();
            Path work = props.dataDir().resolve("demo-input").resolve(tenantId).resolve(samplesDir != null ? "samples" : "generated");
            Files.createDirectories(work);
            if (samplesDir != null) {
                try (Stream<Path> nfe = Files.list(samplesDir.resolve("nfe"))) {
                    erpFiles.addAll(nfe.filter(p -> p.toString().endsWith(".xml")).sorted().toList());
                }
                Path csv = work.resolve("carteira-caixa-registrada.csv");
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(REGISTERED_TITLES_CSV)) {
                    Files.copy(in, csv, StandardCopyOption.REPLACE_EXISTING);
                }
                erpFiles.add(csv);
            } else {
                SourceFileGenerator generator = plugins.extensions(SourceFileGenerator.class).stream().findFirst()
                        .orElseThrow(() -> new IllegalStateException("no installed plugin generates demo files")).extension();
                generated = generator.generate(new SourceGenerationRequest(20261203L,
                        new SourceGenerationRequest.Issuer(Documento.parse(tenant.getDocumento()), tenant.getName(), tenant.getEndereco()),
                        12, 40, base, null), work);
                generated.forEach(g -> erpFiles.add(g.path()));
            }
            out.println();
            out.println("== 1. Client ERP exports dropped into " + dirs.erpInbox(tenantId));
            List<ImportReport> imports = new ArrayList<>();
            for (Path f : erpFiles) {
                imports.add(dropAndWait(tenantId, f, dirs.erpInbox(tenantId), ImportLog.Kind.ERP_FILE, timeout));
            }
            for (ImportReport r : imports) {
                out.println("  " + r.summary());
                importLog.get(tenantId, r.id()).ifPresent(full -> full.rejections().forEach(x -> out.println("      rejected " + x)));
            }

            out.println();
            out.println("== 2. Boletos issued at bank " + account.getBankCode() + " (agência " + account.getAgencia() + ")");
            ChargeService.IssueResult issue = charges.issueBoletos(tenantId, account.getId());
            if (issue.issued() == 0) {
                out.println("  nothing to issue: every open receivable already has a live boleto");
            } else {
                out.printf("  %d boletos, total R$ %s, remessa %s%n", issue.issued(), issue.total(), issue.remessaPath());
                chargeRepository.findByTenantIdAndStatusOrderById(tenantId, ChargeStatus.REGISTRATION_PENDING, PageRequest.of(0, 3))
                        .forEach(c -> out.printf("    nosso número %s  linha digitável %s  R$ %s  vence %s%n", c.getNossoNumeroImpresso(),
                                c.getLinhaDigitavel(), c.getAmount(), c.getDueDate()));
            }

            out.println();
            Path returnFile;
            if (samplesDir != null) {
                returnFile = samplesDir.resolve(REAL_RETURN);
            } else {
                returnFile = simulateReturn(tenant, account, base, work);
            }
            out.println("== 3. Bank return " + returnFile.getFileName() + " dropped into " + dirs.returnInbox(tenantId));
            ImportReport retImport = dropAndWait(tenantId, returnFile, dirs.returnInbox(tenantId), ImportLog.Kind.BANK_RETURN, timeout);
            ReconciliationResult rec = reconciliation.result(tenantId, retImport.id());
            out.println("  " + rec.summary());

            out.println();
            KpiService.KpiReport k = kpis.report(tenantId, today, 90);
            out.println("== 4. Portfolio as of " + k.asOf());
            out.printf("  open balance R$ %s, overdue R$ %s, DSO %s days (credit sales R$ %s in %d days), "
                            + "average days past due %s (weighted %s)%n", k.totalOpenBalance(), k.overdueBalance(), k.dsoDays() == null ? "n/a" : k.dsoDays(),
                    k.creditSales(), k.dsoPeriodDays(), k.averageDaysPastDue(), k.weightedDaysPastDue());
            out.printf("  %-10s %6s %15s %12s%n", "aging", "titles", "open (R$)", "share (%)");
            for (KpiService.AgingBucket b : k.aging()) {
                out.printf("  %-10s %6d %15s %12s%n", b.bucket(), b.receivables(), b.openBalance(),
                        b.delinquencyIndex() == null ? "-" : b.delinquencyIndex());
            }
            out.println();

            return new DemoResult(generated, imports, issue, rec, k);
        }
    }

    private Tenant onboard(String tenantId) {
        if (tenants.list().stream().noneMatch(t -> t.getId().equals(tenantId))) {
            tenants.create(tenantId, "Distribuidora Exemplo Ltda", "11222333000181", 30,
                    new Endereco("Avenida Paulista", "1000", "conj. 101", "Bela Vista", "São Paulo", "SP", "01310100"));
            tenants.addBankAccount(tenantId, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14", "043210",
                    "pay-boleto", 1L, new BigDecimal("2.00"), new BigDecimal("1.00")));
        }
        return tenants.require(tenantId);
    }

    /**
     * The date the demo's files are generated from: the day of the tenant's first demo run, kept in
     * {@code <data-dir>/demo-input/<tenant>/base-date} (yyyy-MM-dd) so that a run on a later day writes
     * the same files and the same bank return, which the hub recognises as already applied.
     *
     * @param today the date of this run, stored when there is no base date yet
     * @throws IllegalStateException when the file holds something other than a date
     */
    LocalDate baseDate(String tenantId, LocalDate today) throws IOException {
        Path dir = props.dataDir().resolve("demo-input").resolve(tenantId);
        Path file = dir.resolve("base-date");
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.US_ASCII).trim();
            try {
                return LocalDate.parse(stored);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalStateException(file + " must hold the demo's base date as yyyy-MM-dd (delete it to start from today)");
            }
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(".base-date.tmp");
        Files.writeString(tmp, today + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return today;
    }

    /**
     * Settles most of the boletos just issued, and adds the cases operators must see; the bank "writes"
     * the file on {@code today}, the demo's base date, so a later run writes the same bytes.
     */
    private Path simulateReturn(Tenant tenant, BankAccountConfig account, LocalDate today, Path work) throws IOException {
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).stream()
                .filter(e -> e.extension().supportedBanks().contains(account.getBankCode())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no installed bank simulator for bank " + account.getBankCode())).extension();
        List<Charge> issued = chargeRepository.findByTenantIdOrderById(tenant.getId(), PageRequest.of(0, 10_000)).stream()
                .filter(c -> account.getBankCode().equals(c.getBankCode()) && c.getBarcode() != null).toList(); // boletos only: a Pix charge has no bank
        List<SimulatedMovement> moves = new ArrayList<>();
        BigDecimal fee = new BigDecimal("1.50");
        for (int i = 0; i < issued.size(); i++) {
            Charge c = issued.get(i);
            IssuedCharge ic = new IssuedCharge(c.getBankCode(), c.getNossoNumero(), c.getNossoNumeroImpresso(), c.getBarcode(),
                    c.getLinhaDigitavel());
            if (i % 10 == 9) {
                continue; // not paid yet: stays open in the aging
            } else if (i % 10 == 8) {
                moves.add(new SimulatedMovement(ic, "R" + c.getReceivableId(), MovementKind.ENTRY_CONFIRMED, c.getDueDate(), c.getAmount(),
                        BigDecimal.ZERO.setScale(2), fee, today, null));
            } else if (i == 7) {
                // paid with interest: the amount differs from the open balance, so it waits for an operator
                moves.add(new SimulatedMovement(ic, "R" + c.getReceivableId(), MovementKind.SETTLED, c.getDueDate(), c.getAmount(),
                        c.getAmount().add(new BigDecimal("3.17")), fee, today, today.plusDays(1)));
            } else {
                moves.add(new SimulatedMovement(ic, "R" + c.getReceivableId(), MovementKind.SETTLED, c.getDueDate(), c.getAmount(),
                        c.getAmount(), fee, today, today.plusDays(1)));
            }
        }
        // A deposit for a boleto this hub never issued (another collector's, a typo at the bank): an exception, never dropped.
        String strangerNossoNumero = "999999999";
        moves.add(new SimulatedMovement(new IssuedCharge(account.getBankCode(), strangerNossoNumero, null, null, null), "AVULSO",
                MovementKind.SETTLED, today.minusDays(3), new BigDecimal("150.00"), new BigDecimal("150.00"), fee, today,
                today.plusDays(1)));
        byte[] content = bank.simulateReturn(TenantService.toSdk(tenant, account), 1, today, moves);
        Path file = work.resolve("retorno-simulado-" + account.getBankCode() + "-" + today + ".ret");
        Files.write(file, content);
        return file;
    }

    /** Drops a file atomically (written as .name, then renamed) and waits for the route's import record. */
    private ImportReport dropAndWait(String tenantId, Path source, Path inbox, ImportLog.Kind kind, Duration timeout) throws IOException {
        long before = importLog.list(tenantId, 1).stream().mapToLong(ImportReport::id).max().orElse(0);
        String name = source.getFileName().toString();
        Path hidden = inbox.resolve("." + name);
        Files.copy(source, hidden, StandardCopyOption.REPLACE_EXISTING);
        Files.move(hidden, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ImportReport r : importLog.list(tenantId, 20)) {
                if (r.id() > before && r.fileName().equals(name) && r.kind().equals(kind.name())) {
                    return r;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name);
            }
        }
        throw new IOException("the inbox route did not process " + name + " within " + timeout.toSeconds() + " s");
    }

}
