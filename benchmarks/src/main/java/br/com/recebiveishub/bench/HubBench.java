package br.com.recebiveishub.bench;

import br.com.recebiveishub.hub.HubApplication;
import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.reconcile.ReconciliationResult;
import br.com.recebiveishub.hub.reconcile.ReconciliationService;
import br.com.recebiveishub.hub.tenant.BankAccountConfig;
import br.com.recebiveishub.hub.tenant.Tenant;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.ErpConnector;
import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.SourceFileGenerator;
import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.GeneratedSource;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.MovementKind;
import br.com.recebiveishub.sdk.model.PaymentEvent;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.RecordSink;
import br.com.recebiveishub.sdk.model.ReturnFile;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceGenerationRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub running in this JVM, and the benchmark operations on it: ERP ingest through the tenant's
 * inbox route, reconciliation of a bank return, and the COPY baselines of both. Inputs are written
 * by the plugins the hub loaded (the erp-file {@link SourceFileGenerator} and the pay-boleto
 * {@link BankReturnSimulator}), read through the SDK like the demo does.
 */
public final class HubBench implements AutoCloseable {

    /** Issue dates of generated files fall before this date (fixed, so every run writes the same files). */
    static final LocalDate BASE_DATE = LocalDate.of(2025, 11, 28);
    static final LocalDate PAYMENT_DATE = LocalDate.of(2025, 12, 1);
    static final String TENANT_CNPJ = "11222333000181";
    static final String BANK = "104";
    static final long FIRST_NOSSO_NUMERO = 1_000_000L;
    private static final BigDecimal FEE = new BigDecimal("1.50");
    private static final Endereco TENANT_ADDRESS =
            new Endereco("Avenida Paulista", "1000", "conj. 101", "Bela Vista", "São Paulo", "SP", "01310100");

    /** An ingest through the ERP inbox route. */
    public record IngestFigures(int rows, long generateMs, double wallMs, double serviceMs, int read, int created, int rejected,
                                long receivables, long auditVersions, Server server) {
        double rowsPerSecond() {
            return rows / (wallMs / 1000.0);
        }
    }

    /**
     * What the server did during a measured phase.
     *
     * @param statements  time per statement (empty when statement statistics are off)
     * @param walBytes    WAL written
     * @param checkpoints checkpoints completed (timed or requested)
     */
    public record Server(List<StatementStats.Stat> statements, long walBytes, long checkpoints) {
    }

    /** A COPY baseline: parsing the same input in Java and COPYing the staged values into a same-shaped table. */
    public record CopyFigures(String table, long rows, double parseOnlyMs, double copyMs) {
        double rowsPerSecond() {
            return rows / (copyMs / 1000.0);
        }
    }

    /** A return file reconciled against a portfolio of registered boletos. */
    public record ReconFigures(int portfolio, int settled, double setupMs, double parseOnlyMs, double wallMs,
                               ReconciliationResult result, long paidReceivables, Server server, Cancelled cancelled) {
        /** @return settlements per second; when the run was cancelled, an upper bound */
        double recordsPerSecond() {
            return settled / (wallMs / 1000.0);
        }
    }

    /**
     * A run the benchmark stopped because it exceeded its time limit.
     *
     * @param statement the hub's statement that was running (normalised: whitespace collapsed)
     * @param runningMs how long that statement had been running when it was cancelled
     */
    public record Cancelled(String statement, double runningMs) {
    }

    private final ConfigurableApplicationContext ctx;
    private final JdbcTemplate jdbc;
    private final DataSource ds;
    private final TransactionTemplate tx;
    private final PluginRuntime plugins;
    private final TenantService tenants;
    private final TenantDirectories dirs;
    private final ReconciliationService reconciliation;
    private final Path work;
    private final Connection poll;
    private final StatementStats statementStats;
    private long[] phaseStart;

    private HubBench(ConfigurableApplicationContext ctx, Path work, boolean statementStats) throws SQLException {
        this.ctx = ctx;
        this.work = work;
        // The benchmark's own SQL (setup, counts, baselines, statistics) runs as the database owner;
        // the hub's services keep their own pool (an application role under row-level security).
        this.ds = ownerDataSource(ctx);
        this.jdbc = new JdbcTemplate(ds);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        this.plugins = ctx.getBean(PluginRuntime.class);
        this.tenants = ctx.getBean(TenantService.class);
        this.dirs = ctx.getBean(TenantDirectories.class);
        this.reconciliation = ctx.getBean(ReconciliationService.class);
        this.poll = ds.getConnection();
        this.poll.setAutoCommit(true);
        this.statementStats = statementStats ? new StatementStats(jdbc) : null;
        if (statementStats) {
            try (Statement st = poll.createStatement()) {
                st.execute("set pg_stat_statements.track = 'none'"); // the benchmark's polling is not the hub's work
            }
        }
    }

    /**
     * Starts the hub in this JVM on a fresh data directory.
     *
     * @param dataDir      hub.data-dir (embedded PostgreSQL, tenant inboxes)
     * @param pluginsDir   where the plugin zips are
     * @param work         where generated inputs go
     * @param statementStats whether to time every SQL statement (pg_stat_statements)
     * @param autoExplainMs  when not null, the server logs EXPLAIN ANALYZE of every statement slower than
     *                       this into {@code <data-dir>/postgres/data/log} (costs some speed: for analysis runs)
     */
    public static HubBench start(Path dataDir, Path pluginsDir, Path work, boolean statementStats, Integer autoExplainMs,
                                 String... hubArgs) throws IOException, SQLException {
        Files.createDirectories(work);
        if (statementStats || autoExplainMs != null) {
            // The libraries load only at server start: start the hub once to create its database, configure, restart.
            try (ConfigurableApplicationContext first = context(dataDir, pluginsDir, hubArgs)) {
                JdbcTemplate j = new JdbcTemplate(ownerDataSource(first));
                j.execute("alter system set shared_preload_libraries = '" + (statementStats ? "pg_stat_statements" : "")
                        + (statementStats && autoExplainMs != null ? "," : "") + (autoExplainMs != null ? "auto_explain" : "") + "'");
                if (statementStats) {
                    j.execute("alter system set pg_stat_statements.track_planning = on");
                }
                if (autoExplainMs != null) {
                    j.execute("alter system set logging_collector = on");
                    j.execute("alter system set log_directory = 'log'");
                    j.execute("alter system set auto_explain.log_min_duration = " + autoExplainMs);
                    j.execute("alter system set auto_explain.log_analyze = on");
                    j.execute("alter system set auto_explain.log_buffers = on");
                    j.execute("alter system set auto_explain.log_wal = on");
                    j.execute("alter system set auto_explain.log_triggers = on"); // foreign-key checks are triggers
                }
            }
        }
        ConfigurableApplicationContext ctx = context(dataDir, pluginsDir, hubArgs);
        try {
            return new HubBench(ctx, work, statementStats);
        } catch (SQLException | RuntimeException e) {
            ctx.close();
            throw e;
        }
    }

    /** The embedded database's owner pool when the hub has one (it runs its services as a restricted role), else its pool. */
    private static DataSource ownerDataSource(ConfigurableApplicationContext ctx) {
        return ctx.containsBean("ownerDataSource") ? ctx.getBean("ownerDataSource", DataSource.class) : ctx.getBean(DataSource.class);
    }

    private static ConfigurableApplicationContext context(Path dataDir, Path pluginsDir, String... hubArgs) {
        // The no-op webhook (the webhook phase's baseline) exists only in the benchmark's context.
        SpringApplication app = new SpringApplication(HubApplication.class, NoopWebhookController.class);
        app.setBannerMode(Banner.Mode.OFF);
        // Command-line arguments: they outrank the hub's application.yml.
        return app.run(java.util.stream.Stream.concat(java.util.stream.Stream.of(
                "--hub.data-dir=" + dataDir.toAbsolutePath(),
                "--hub.plugins-dir=" + pluginsDir.toAbsolutePath(),
                "--server.port=0",
                "--hub.inbox.poll-millis=100",
                "--logging.level.root=WARN",
                "--logging.level.br.com.recebiveishub.hub.ingest=WARN",
                "--logging.level.br.com.recebiveishub.hub.reconcile=WARN",
                "--logging.level.io.zonky.test.db.postgres.embedded=WARN",
                "--spring.jmx.enabled=false",
                // the webhook phase delivers every notification itself: the Pix janitor must not settle its cobs by polling
                "--hub.pix.janitor.interval=P1D",
                "--logging.level.br.com.recebiveishub.hub.pix=WARN"), java.util.Arrays.stream(hubArgs)).toArray(String[]::new));
    }

    /**
     * Waits until the audit hash chain holds every audit row committed so far (the appender runs in
     * the background during an import; this is what is left when the import is done).
     *
     * @return the milliseconds it took, 0 when the chain is disabled
     */
    double chainCatchUpMs() {
        br.com.recebiveishub.hub.audit.AuditChain chain = ctx.getBean(br.com.recebiveishub.hub.audit.AuditChain.class);
        if (!chain.enabled()) {
            return 0;
        }
        long t0 = System.nanoTime();
        chain.catchUp(Duration.ofMinutes(20));
        return (System.nanoTime() - t0) / 1e6;
    }

    /** @return entries in the audit hash chain */
    long chainEntries() {
        return jdbc.queryForObject("select count(*) from audit_chain", Long.class);
    }

    /** Applies server settings ({@code name=value}) to every session with ALTER SYSTEM and a reload: for what-if runs. */
    void serverSettings(List<String> settings) {
        for (String setting : settings) {
            String[] nv = setting.split("=", 2);
            if (!nv[0].matches("[a-z_.]+") || !nv[1].matches("[A-Za-z0-9_.]+")) {
                throw new IllegalArgumentException("not a setting: " + setting);
            }
            jdbc.execute("alter system set " + nv[0] + " = '" + nv[1] + "'");
        }
        if (!settings.isEmpty()) {
            jdbc.execute("select pg_reload_conf()");
        }
    }

    /** @return the plugins the hub loaded, one line each */
    List<String> pluginSummary() {
        return plugins.list().stream().map(p -> p.id() + " " + p.version() + " " + p.state() + " " + p.extensions()).toList();
    }

    /** @return the server's version and the settings that matter to write throughput */
    String postgresSummary() {
        return jdbc.queryForObject("""
                select format('%s (fsync %s, synchronous_commit %s, shared_buffers %s, max_wal_size %s, work_mem %s)',
                       current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'),
                       current_setting('shared_buffers'), current_setting('max_wal_size'), current_setting('work_mem'))""", String.class);
    }

    /** Creates a tenant with a Caixa account (the inbox routes start when it commits). */
    void createTenant(String tenantId) {
        try (AuditContext.Scope s = scope(tenantId, "benchmark onboarding")) {
            tenants.create(tenantId, "Distribuidora Benchmark Ltda", TENANT_CNPJ, 30, TENANT_ADDRESS);
            tenants.addBankAccount(tenantId, new TenantService.NewBankAccount(BANK, "1234", "", "43210", "0", "14", "432100",
                    "pay-boleto", FIRST_NOSSO_NUMERO, new BigDecimal("2.00"), new BigDecimal("1.00")));
        }
    }

    /** The scope the hub's services run in (who acts, for which tenant: what row-level security lets them see). */
    static AuditContext.Scope scope(String tenantId, String reason) {
        return AuditContext.open("system:bench", tenantId, reason, "job:bench");
    }

    private BankAccountConfig account(String tenantId) {
        try (AuditContext.Scope s = scope(tenantId, "benchmark setup")) {
            return tenants.bankAccounts(tenantId).get(0);
        }
    }

    // ------------------------------------------------------------------ ingest

    /** Writes a CSV export of {@code rows} receivables with the erp-file plugin's generator. */
    Path generateCsv(int rows, long seed) throws IOException {
        SourceFileGenerator generator = extension(SourceFileGenerator.class, "erp-file");
        Path dir = work.resolve("erp-" + rows + "-" + seed);
        List<GeneratedSource> files = generator.generate(new SourceGenerationRequest(seed,
                new SourceGenerationRequest.Issuer(Documento.parse(TENANT_CNPJ), "Distribuidora Benchmark Ltda", TENANT_ADDRESS),
                0, rows, BASE_DATE, null), dir);
        GeneratedSource csv = files.stream().filter(f -> f.path().toString().endsWith(".csv")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the generator wrote no CSV"));
        if (csv.receivables() != rows) {
            throw new IllegalStateException("the generator wrote " + csv.receivables() + " receivables, asked " + rows);
        }
        return csv.path();
    }

    /**
     * Drops the CSV into a new tenant's ERP inbox (written as {@code .name}, then renamed) and
     * times from the rename until the import record is PROCESSED (committed).
     */
    IngestFigures ingest(String tenantId, Path csv, int rows, long generateMs, Duration timeout) throws Exception {
        createTenant(tenantId);
        Path inbox = dirs.erpInbox(tenantId);
        String name = "titulos-" + tenantId + ".csv";
        Path hidden = inbox.resolve("." + name);
        Files.copy(csv, hidden, StandardCopyOption.REPLACE_EXISTING);
        beginPhase();
        long t0 = System.nanoTime();
        Files.move(hidden, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        ImportRow r = awaitImport(tenantId, "ERP_FILE", inbox, name, timeout);
        double wallMs = (System.nanoTime() - t0) / 1e6;
        Server server = endPhase();
        if (!"PROCESSED".equals(r.status)) {
            throw new IllegalStateException("import of " + name + " ended " + r.status + ": " + r.error);
        }
        long receivables = jdbc.queryForObject("select count(*) from receivable where tenant_id = ?", Long.class, tenantId);
        long versions = jdbc.queryForObject("select count(*) from receivable_aud where tenant_id = ? and revtype = 0", Long.class,
                tenantId);
        return new IngestFigures(rows, generateMs, wallMs, r.serviceMs, r.read, r.created, r.rejected, receivables, versions, server);
    }

    private static boolean movedToError(Path inbox, String fileName) throws IOException {
        Path error = inbox.resolve("error");
        if (!Files.isDirectory(error)) {
            return false;
        }
        try (var files = Files.list(error)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(fileName));
        }
    }

    private static String errorReport(Path inbox, String fileName) throws IOException {
        Path error = inbox.resolve("error");
        try (var files = Files.list(error)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(fileName + ".report.txt")).toList()) {
                return Files.readString(f).strip();
            }
        }
        return "none";
    }

    private record ImportRow(String status, String error, int read, int created, int rejected, double serviceMs) {
    }

    private ImportRow awaitImport(String tenantId, String kind, Path inbox, String fileName, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long failedSeen = 0;
        try (PreparedStatement ps = poll.prepareStatement("""
                select status, error, records_read, created, rejected,
                       extract(epoch from finished_at - started_at) * 1000
                  from import_batch where tenant_id = ? and kind = ? and file_name = ? order by id desc limit 1""")) {
            ps.setString(1, tenantId);
            ps.setString(2, kind);
            ps.setString(3, fileName);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new ImportRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getDouble(6));
                    }
                }
                // A file the route moved to error/ without an import record: the import threw (the hub logs nothing then).
                if (failedSeen == 0 && movedToError(inbox, fileName)) {
                    failedSeen = System.nanoTime();
                } else if (failedSeen != 0 && System.nanoTime() - failedSeen > 2_000_000_000L) {
                    throw new IllegalStateException("the inbox route moved " + fileName + " to error/ without an import record: "
                            + "the import failed with an exception (the route's report, if any: " + errorReport(inbox, fileName) + ")");
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the inbox route did not process " + fileName + " within " + timeout);
    }

    /**
     * The ingest baseline: the same CSV parsed by the same connector, each record turned into the
     * values of a receivable row (customer ids from a map), streamed with one COPY FROM STDIN into
     * an empty table shaped like {@code receivable} (its columns and defaults; no index, no FK), in
     * one transaction. Also times the parse alone.
     */
    CopyFigures copyReceivables(Path csv, String tenantId, CsvScan scan) throws Exception {
        ErpConnector connector = extension(ErpConnector.class, "erp-file");
        SourceFile file = new SourceFile(csv.getFileName().toString(), csv);
        ConnectorContext context = new ConnectorContext(tenantId, 30);

        String table = "bench_copy_receivable";
        prepareCopyTable(table, "receivable");
        jdbc.execute("checkpoint");
        long t0 = System.nanoTime();
        long rows;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (tenant_id, customer_id, source_system, "
                    + "external_id, document_number, issue_date, due_date, original_amount, open_balance, status, origin_file, origin_record, "
                    + "import_id) FROM STDIN");
            try {
                CopyWriter w = new CopyWriter(in);
                Map<String, Long> customerIds = new HashMap<>();
                String fileName = file.name();
                connector.read(file, context, new RecordSink() {
                    @Override
                    public void accept(ReceivableRecord r) {
                        long customer = customerIds.computeIfAbsent(r.debtor().documento().numero(), k -> (long) customerIds.size() + 1);
                        w.field(tenantId).field(customer).field(r.sourceSystem()).field(r.externalId()).field(r.documentNumber())
                                .field(r.issueDate()).field(r.dueDate()).field(r.amount()).field(r.amount()).field("OPEN")
                                .field(fileName).field(r.recordRef()).field(null).endRow();
                    }

                    @Override
                    public void reject(RecordRejection rejection) {
                        throw new IllegalStateException("generated file has a rejection: " + rejection);
                    }
                });
                w.flush();
                rows = in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
            c.commit();
        }
        double copyMs = (System.nanoTime() - t0) / 1e6;
        if (rows != scan.records()) {
            throw new IllegalStateException("COPY wrote " + rows + " rows, the file has " + scan.records());
        }
        return new CopyFigures(table, rows, scan.parseMs(), copyMs);
    }

    /**
     * What the connector reads from a CSV, timed (the parse alone: the floor of any import).
     *
     * @param records           receivables read
     * @param debtors           distinct debtor documents
     * @param conflictingDebtors documents that come with different debtor data in different rows
     */
    record CsvScan(int records, int debtors, int conflictingDebtors, double parseMs) {
    }

    /** Reads the CSV with the erp-file connector into nothing but counts (and times it). */
    CsvScan scanCsv(Path csv) throws Exception {
        ErpConnector connector = extension(ErpConnector.class, "erp-file");
        Map<String, br.com.recebiveishub.sdk.model.Debtor> debtors = new HashMap<>();
        java.util.Set<String> conflicting = new java.util.HashSet<>();
        int[] records = new int[1];
        long p0 = System.nanoTime();
        connector.read(new SourceFile(csv.getFileName().toString(), csv), new ConnectorContext("scan", 30), new RecordSink() {
            @Override
            public void accept(ReceivableRecord r) {
                records[0]++;
                var previous = debtors.putIfAbsent(r.debtor().documento().numero(), r.debtor());
                if (previous != null && !previous.equals(r.debtor())) {
                    conflicting.add(r.debtor().documento().numero());
                }
            }

            @Override
            public void reject(RecordRejection rejection) {
                throw new IllegalStateException("generated file has a rejection: " + rejection);
            }
        });
        return new CsvScan(records[0], debtors.size(), conflicting.size(), (System.nanoTime() - p0) / 1e6);
    }

    private void prepareCopyTable(String table, String like) {
        jdbc.execute("drop table if exists " + table);
        jdbc.execute("drop sequence if exists " + table + "_seq");
        jdbc.execute("create sequence " + table + "_seq");
        // LIKE copies no foreign key; "including defaults" keeps the shape and the defaults, on its own sequence.
        jdbc.execute("create table " + table + " (like " + like + " including defaults)");
        jdbc.execute("alter table " + table + " alter column id set default nextval('" + table + "_seq')");
    }

    // ------------------------------------------------------------------ reconciliation

    /**
     * Sets up {@code portfolio} open receivables, each with a REGISTERED boleto at the tenant's
     * Caixa account, with set-based SQL (customers, receivables, charges and their audit versions,
     * as the hub's own writes would leave them), then ANALYZE as autovacuum would.
     *
     * @return milliseconds taken (not part of any measurement)
     */
    double setupPortfolio(String tenantId, int portfolio) {
        createTenant(tenantId);
        long accountId = account(tenantId).getId();
        long t0 = System.nanoTime();
        tx.executeWithoutResult(status -> {
            long rev = jdbc.queryForObject("select nextval('hub_revision_seq')", Long.class);
            jdbc.update("insert into hub_revision (id, timestamp, actor, tenant_id, correlation_id, reason, source) values (?,?,?,?,?,?,?)",
                    rev, System.currentTimeMillis(), "bench", tenantId, null, "benchmark portfolio setup", "job:bench");
            int customers = Math.max(5, portfolio / 20);
            jdbc.update("""
                    insert into customer (tenant_id, documento, tipo, nome, logradouro, numero, bairro, municipio, uf, cep, email)
                    select ?, lpad(g::text, 11, '0'), 'CPF', 'Cliente ' || g, 'Rua ' || g, (g % 900 + 1)::text, 'Centro', 'São Paulo',
                           'SP', '01001000', 'cliente' || g || '@example.com'
                      from generate_series(1, ?) g""", tenantId, customers);
            jdbc.update("""
                    insert into receivable (tenant_id, customer_id, source_system, external_id, document_number, issue_date, due_date,
                           original_amount, open_balance, status, origin_file, origin_record)
                    select ?, c.id, 'BENCH', 'R' || lpad(g::text, 9, '0'), (10000 + g / 3) || '/' || (g % 3 + 1),
                           ?::date - (g % 120), ?::date - 30 + (g % 90), a.amount, a.amount, 'OPEN', 'carteira-bench.csv', 'row ' || g
                      from generate_series(1, ?) g
                      join (select id, row_number() over (order by id) - 1 as k from customer where tenant_id = ?) c on c.k = g % ?
                     cross join lateral (select round(50 + ((g::bigint * 7919) % 1995000) / 100.0, 2) as amount) a
                     order by g""", tenantId, BASE_DATE, BASE_DATE, portfolio, tenantId, customers);
            jdbc.update("""
                    insert into charge (tenant_id, receivable_id, method, provider_plugin_id, bank_account_id, bank_code, nosso_numero,
                           amount, due_date, status)
                    select ?, r.id, 'BOLETO', 'pay-boleto', ?, ?, (? + row_number() over (order by r.id))::text, r.original_amount,
                           r.due_date, 'REGISTERED'
                      from receivable r where r.tenant_id = ? order by r.id""", tenantId, accountId, BANK, FIRST_NOSSO_NUMERO, tenantId);
            jdbc.update("update bank_account set next_nosso_numero = ? where id = ?", FIRST_NOSSO_NUMERO + portfolio + 1, accountId);
            for (String table : List.of("customer", "receivable", "charge")) {
                String cols = auditColumns(table);
                jdbc.update("insert into " + table + "_aud (id, rev, revtype, " + cols + ") select id, ?, 0, " + cols + " from " + table
                        + " where tenant_id = ?", rev, tenantId);
            }
        });
        jdbc.execute("analyze customer, receivable, charge, customer_aud, receivable_aud, charge_aud");
        return (System.nanoTime() - t0) / 1e6;
    }

    private String auditColumns(String table) {
        return String.join(", ", jdbc.queryForList("""
                select column_name from information_schema.columns where table_schema = current_schema() and table_name = ?
                   and column_name not in ('id', 'rev', 'revtype', 'revend') order by ordinal_position""", String.class, table + "_aud"));
    }

    /**
     * Writes, with the pay-boleto plugin's bank simulator, the CNAB 240 return that settles
     * {@code settle} of the tenant's charges (every n-th one, so they spread over the portfolio)
     * for exactly their amounts.
     */
    Path simulateReturn(String tenantId, int portfolio, int settle) throws IOException {
        int step = Math.max(1, portfolio / settle);
        List<SimulatedMovement> moves = jdbc.query("""
                select nosso_numero, due_date, amount, receivable_id
                  from (select ch.*, row_number() over (order by ch.id) as n from charge ch where ch.tenant_id = ?) x
                 where n % ? = 0 order by n limit ?""",
                (rs, i) -> new SimulatedMovement(new IssuedCharge(BANK, rs.getString(1), null, null, null), "R" + rs.getLong(4),
                        MovementKind.SETTLED, rs.getObject(2, LocalDate.class), rs.getBigDecimal(3), rs.getBigDecimal(3), FEE,
                        PAYMENT_DATE, PAYMENT_DATE.plusDays(1)), tenantId, step, settle);
        if (moves.size() != settle) {
            throw new IllegalStateException("portfolio of " + portfolio + " has only " + moves.size() + " charges to settle");
        }
        BankAccount sdkAccount;
        try (AuditContext.Scope s = scope(tenantId, "benchmark return")) {
            Tenant tenant = tenants.require(tenantId);
            sdkAccount = TenantService.toSdk(tenant, account(tenantId));
        }
        BankReturnSimulator bank = plugins.extensions(BankReturnSimulator.class).stream()
                .filter(e -> e.extension().supportedBanks().contains(BANK)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no installed bank simulator for bank " + BANK)).extension();
        List<String[]> lots = new ArrayList<>();
        for (int from = 0; from < moves.size(); from += movementsPerLot) {
            List<SimulatedMovement> part = moves.subList(from, Math.min(moves.size(), from + movementsPerLot));
            lots.add(new String(bank.simulateReturn(sdkAccount, 1, PAYMENT_DATE.plusDays(1), part), StandardCharsets.ISO_8859_1)
                    .split("\r\n"));
        }
        Path file = work.resolve("retorno-" + tenantId + ".ret");
        Files.write(file, joinLots(lots).getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }

    /**
     * Movements per CNAB 240 batch (lote). A batch numbers its records with 5 digits, so it holds
     * at most 49,999 T+U pairs and the simulator writes one batch per file: a larger return is
     * written in parts and joined into one file of several batches, as banks send them.
     */
    static int movementsPerLot = 45_000;

    /**
     * Joins single-batch CNAB 240 files into one: the first file's header, every file's batch
     * renumbered (lote, positions 4-7 of each of its records), and the first file's trailer with
     * the batch count (positions 18-23) and record count (positions 24-29) of the whole.
     */
    static String joinLots(List<String[]> files) {
        StringBuilder out = new StringBuilder();
        out.append(files.get(0)[0]).append("\r\n");
        int records = 1;
        int lot = 0;
        for (String[] f : files) {
            lot++;
            String number = String.format("%04d", lot);
            for (int i = 1; i < f.length - 1; i++) {
                out.append(f[i], 0, 3).append(number).append(f[i], 7, f[i].length()).append("\r\n");
                records++;
            }
        }
        records++;
        String trailer = files.get(0)[files.get(0).length - 1];
        out.append(trailer, 0, 17).append(String.format("%06d%06d", lot, records)).append(trailer, 29, trailer.length()).append("\r\n");
        return out.toString();
    }

    /** Times {@link ReconciliationService#processReturn} of the return, in the scope the return-inbox route would open. */
    ReconFigures reconcile(String tenantId, int portfolio, int settle, double setupMs, Path returnFile, Duration limit) throws Exception {
        SourceFile file = new SourceFile(returnFile.getFileName().toString(), returnFile);
        long p0 = System.nanoTime();
        ReturnFile parsed = extension(PaymentProvider.class, "pay-boleto").parseReturn(file);
        double parseMs = (System.nanoTime() - p0) / 1e6;
        if (parsed.events().size() != settle || !parsed.rejections().isEmpty()) {
            throw new IllegalStateException("simulated return reads back as " + parsed.events().size() + " events and "
                    + parsed.rejections().size() + " rejections");
        }
        beginPhase();
        ReconciliationResult result = null;
        Watchdog watchdog = new Watchdog(limit);
        long t0 = System.nanoTime();
        try (AuditContext.Scope s = scope(tenantId, "file dropped in inbox")) {
            watchdog.start();
            result = reconciliation.processReturn(tenantId, file);
        } catch (RuntimeException e) {
            if (watchdog.cancelled == null) {
                throw e;
            }
        } finally {
            watchdog.interrupt();
            watchdog.join();
        }
        double wallMs = (System.nanoTime() - t0) / 1e6;
        Server server = endPhase();
        long paid = jdbc.queryForObject("select count(*) from receivable where tenant_id = ? and status = 'PAID'", Long.class, tenantId);
        return new ReconFigures(portfolio, settle, setupMs, parseMs, wallMs, result, paid, server, watchdog.cancelled);
    }

    /**
     * Cancels the hub's longest-running statement once a measured call exceeds its limit, so one
     * pathological statement cannot hold the whole benchmark run; remembers what it cancelled.
     */
    private final class Watchdog extends Thread {
        private final Duration limit;
        volatile Cancelled cancelled;

        Watchdog(Duration limit) {
            super("bench-watchdog");
            setDaemon(true);
            this.limit = limit;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("""
                         select pid, extract(epoch from now() - query_start) * 1000, query from pg_stat_activity
                          where datname = current_database() and state = 'active' and pid <> pg_backend_pid()
                            and backend_type = 'client backend' order by query_start limit 1""")) {
                if (rs.next()) {
                    cancelled = new Cancelled(rs.getString(3).strip().replaceAll("\\s+", " "), rs.getDouble(2));
                    try (Statement cancel = c.createStatement()) {
                        cancel.execute("select pg_cancel_backend(" + rs.getInt(1) + ")");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("watchdog could not cancel the running statement", e);
            }
        }
    }

    /**
     * The reconciliation baseline: the same return parsed by the same provider, each settlement
     * turned into the values of a payment row, streamed with one COPY FROM STDIN into an empty
     * table shaped like {@code payment}, in one transaction.
     */
    CopyFigures copyPayments(Path returnFile, String tenantId) throws Exception {
        PaymentProvider provider = extension(PaymentProvider.class, "pay-boleto");
        SourceFile file = new SourceFile(returnFile.getFileName().toString(), returnFile);
        long p0 = System.nanoTime();
        provider.parseReturn(file);
        double parseMs = (System.nanoTime() - p0) / 1e6;
        String table = "bench_copy_payment";
        prepareCopyTable(table, "payment");
        jdbc.execute("checkpoint");
        long t0 = System.nanoTime();
        long rows;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            ReturnFile parsed = provider.parseReturn(file);
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (tenant_id, charge_id, bank_code, nosso_numero, "
                    + "movement_code, amount, fee, net_credit, payment_date, credit_date, source_file, source_line, import_id, "
                    + "idempotency_key) FROM STDIN");
            try {
                CopyWriter w = new CopyWriter(in);
                for (PaymentEvent e : parsed.events()) {
                    w.field(tenantId).field(null).field(e.bankCode()).field(e.nossoNumero()).field(e.movementCode()).field(e.paidAmount())
                            .field(e.fee()).field(e.netCredit()).field(e.occurrenceDate()).field(e.creditDate()).field(file.name())
                            .field(e.line()).field(null)
                            .field(String.join("|", "retorno", e.bankCode(), e.nossoNumero(), e.movementCode(),
                                    String.valueOf(e.occurrenceDate()), e.paidAmount().toPlainString()))
                            .endRow();
                }
                w.flush();
                rows = in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
            c.commit();
        }
        double copyMs = (System.nanoTime() - t0) / 1e6;
        return new CopyFigures(table, rows, parseMs, copyMs);
    }

    // ------------------------------------------------------------------ plumbing

    private <T> T extension(Class<T> type, String pluginId) {
        return plugins.extensions(type).stream().filter(e -> e.pluginId().equals(pluginId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("plugin " + pluginId + " provides no " + type.getSimpleName()
                        + " (is it in hub.plugins-dir and STARTED?)"))
                .extension();
    }

    private long[] serverCounters() {
        return jdbc.queryForObject("""
                select (select wal_bytes from pg_stat_wal)::bigint, (select num_timed + num_requested from pg_stat_checkpointer)""",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
    }

    void beginPhase() {
        jdbc.execute("checkpoint"); // each phase starts with a clean buffer pool, not with the previous phase's dirty pages
        sleep(200); // the checkpointer reports its counters just after the CHECKPOINT returns
        phaseStart = serverCounters();
        if (statementStats != null) {
            statementStats.reset();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Server endPhase() {
        List<StatementStats.Stat> stats = statementStats == null ? List.of() : statementStats.snapshot();
        long[] now = serverCounters();
        return new Server(stats, now[0] - phaseStart[0], now[1] - phaseStart[1]);
    }

    /** @return the hub's Spring context (its beans) */
    ConfigurableApplicationContext context() {
        return ctx;
    }

    /** @return the hub's HTTP port on 127.0.0.1 */
    int port() {
        return ctx.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Runs a query on the hub's database (for the report's EXPLAIN and size figures). */
    JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        try {
            poll.close();
        } catch (SQLException | RuntimeException e) {
            // shutting down anyway
        } finally {
            ctx.close();
        }
    }

    /** Encodes rows in COPY's text format and streams them to the server in 1 MB chunks. */
    static final class CopyWriter {
        private final CopyIn in;
        private final StringBuilder buf = new StringBuilder(1 << 20);
        private boolean first = true;

        CopyWriter(CopyIn in) {
            this.in = in;
        }

        CopyWriter field(Object value) {
            if (!first) {
                buf.append('\t');
            }
            first = false;
            if (value == null) {
                buf.append("\\N");
                return this;
            }
            String s = value instanceof BigDecimal b ? b.toPlainString() : value.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> buf.append("\\\\");
                    case '\t' -> buf.append("\\t");
                    case '\n' -> buf.append("\\n");
                    case '\r' -> buf.append("\\r");
                    default -> buf.append(c);
                }
            }
            return this;
        }

        void endRow() {
            buf.append('\n');
            first = true;
            if (buf.length() >= (1 << 20)) {
                flush();
            }
        }

        void flush() {
            if (buf.length() == 0) {
                return;
            }
            byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
            buf.setLength(0);
            try {
                in.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
            }
        }
    }
}
