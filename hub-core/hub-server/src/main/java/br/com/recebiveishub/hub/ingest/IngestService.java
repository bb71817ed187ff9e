package br.com.recebiveishub.hub.ingest;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.charge.ExistingBoletoWriter;
import br.com.recebiveishub.hub.charge.ExistingBoletoWriter.ExistingCharge;
import br.com.recebiveishub.hub.platform.DatabaseRefusal;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.receivable.ReceivableWriter;
import br.com.recebiveishub.hub.tenant.Tenant;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.ErpConnector;
import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.RecordSink;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a client's ERP export into the canonical model: the ingest capability's public API.
 *
 * <p>A file is applied whole or not at all: the records, the quarantined rejections and the
 * import report commit in one transaction; a file the connector cannot read as a whole is
 * recorded as FAILED with the reason and applies nothing. The same content dropped again is
 * recorded as DUPLICATE and changes nothing.
 */
@Service
public class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    static final int BATCH = 10_000;

    private final PluginRuntime plugins;
    private final TenantService tenants;
    private final ImportLog importLog;
    private final ReceivableWriter receivables;
    private final ExistingBoletoWriter existingBoletos;
    private final BulkAudit audit;
    private final TransactionTemplate tx;
    private final br.com.recebiveishub.hub.tenant.PluginEnablement enablement;

    public IngestService(PluginRuntime plugins, TenantService tenants, ImportLog importLog, ReceivableWriter receivables,
                         ExistingBoletoWriter existingBoletos, BulkAudit audit, TransactionTemplate tx,
                         br.com.recebiveishub.hub.tenant.PluginEnablement enablement) {
        this.enablement = enablement;
        this.plugins = plugins;
        this.tenants = tenants;
        this.importLog = importLog;
        this.receivables = receivables;
        this.existingBoletos = existingBoletos;
        this.audit = audit;
        this.tx = tx;
    }

    /** Imports one file for a tenant; see the class comment for the guarantees. */
    public ImportReport importFile(String tenantId, SourceFile file) {
        try {
            return importOnce(tenantId, file, false);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // The same content was being applied by another path (API and inbox) at the same time: the
            // retry finds it applied and records this one as a DUPLICATE.
            return importOnce(tenantId, file, false);
        }
    }

    /**
     * Runs the whole import of a file — the connector, every per-record check and the database's own
     * refusals — and rolls it back: the report shows what an import would do, row by row, and
     * nothing is written (not even the import log). For onboarding a client's first files.
     */
    public ImportReport dryRun(String tenantId, SourceFile file) {
        return importOnce(tenantId, file, true);
    }

    private ImportReport importOnce(String tenantId, SourceFile file, boolean dryRun) {
        Tenant tenant = tenants.require(tenantId);
        Instant started = Instant.now();
        String sha = ImportLog.sha256(file.path());
        Optional<PluginRuntime.Extension<ErpConnector>> connector = plugins.extensions(ErpConnector.class).stream()
                .filter(e -> enablement.isEnabled(tenantId, e.pluginId()))
                .filter(e -> e.extension().accepts(file)).findFirst();
        if (connector.isEmpty()) {
            return failed(tenantId, file, sha, null, "no installed ERP connector reads this file (expected NF-e XML or the CSV layout) or none that does is enabled for the tenant", started,
                    dryRun);
        }
        String pluginId = connector.get().pluginId();
        try (AuditContext.Scope scope = AuditContext.narrow(tenantId, "import of " + file.name(), "plugin:" + pluginId)) {
            ImportReport[] dry = new ImportReport[1];
            long id = tx.execute(status -> {
                Optional<Long> before = importLog.appliedBefore(tenantId, ImportLog.Kind.ERP_FILE, sha);
                if (before.isPresent()) {
                    return -importLog.recordNotApplied(tenantId, ImportLog.Kind.ERP_FILE, file.name(), sha, pluginId, "DUPLICATE",
                            before.get(), null, started);
                }
                long importId = importLog.begin(tenantId, ImportLog.Kind.ERP_FILE, file.name(), sha, pluginId, started);
                long rev = audit.newRevision();
                Applier applier = new Applier(tenantId, importId, file.name(), rev);
                try {
                    connector.get().extension().read(file, new ConnectorContext(tenantId, tenant.getDefaultTermDays()), applier);
                } catch (SourceFileException e) {
                    throw new FileRefused(e);
                }
                applier.flush();
                importLog.finish(importId, tenantId, applier.read, applier.created, applier.updated, applier.unchanged, applier.rejections);
                if (dryRun) {
                    dry[0] = importLog.get(tenantId, importId).orElseThrow();
                    status.setRollbackOnly();
                }
                return importId;
            });
            if (dryRun) {
                ImportReport r = dry[0] != null ? dry[0] : importLog.get(tenantId, Math.abs(id)).orElseThrow();
                log.info("tenant {} dry run of {}: {}", tenantId, file.name(), r.summary());
                return new ImportReport(0, r.tenantId(), r.kind(), r.fileName(), r.sha256(), r.pluginId(), "DRY_RUN_" + r.status(),
                        r.duplicateOf(), r.read(), r.created(), r.updated(), r.unchanged(), r.rejected(), r.error(), r.startedAt(),
                        r.finishedAt(), r.rejections());
            }
            ImportReport report = importLog.get(tenantId, Math.abs(id)).orElseThrow();
            log.info("tenant {} import {}: {}", tenantId, report.id(), report.summary());
            return report;
        } catch (FileRefused e) {
            return failed(tenantId, file, sha, pluginId, e.getCause().getMessage(), started, dryRun);
        } catch (org.springframework.dao.DataAccessException e) {
            if (DatabaseRefusal.isConstraint(e, "import_batch_applied_once") && !dryRun) {
                throw e;
            }
            return failed(tenantId, file, sha, pluginId, DatabaseRefusal.describe(e), started, dryRun);
        }
    }

    /**
     * What one page of an ERP API sync did.
     *
     * @param importId   the import that logs the page (kind ERP_API), with its rejections
     * @param rejections the records quarantined, the connector's and the model's
     */
    public record PageResult(long importId, int read, int created, int updated, int unchanged, List<RecordRejection> rejections) {
    }

    /**
     * Applies one page an ERP API connector read, through the same checks, upsert and quarantine as
     * a file's records, inside the caller's transaction (which also saves the sync's cursor, so the
     * page and the cursor after it commit together). The page is logged as an import of kind
     * {@code ERP_API} named {@code label}; records equal to what is stored change nothing.
     */
    @org.springframework.transaction.annotation.Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public PageResult applyPage(String tenantId, String pluginId, String label, List<ReceivableRecord> records,
                                List<RecordRejection> rejected) {
        Instant started = Instant.now();
        // a page is not content-addressed like a file: its log row is keyed by a fresh id
        long importId = importLog.begin(tenantId, ImportLog.Kind.ERP_API, label, java.util.UUID.randomUUID().toString().replace("-", ""),
                pluginId, started);
        long rev = audit.newRevision();
        Applier applier = new Applier(tenantId, importId, label, rev);
        records.forEach(applier::accept);
        rejected.forEach(applier::reject);
        applier.flush();
        importLog.finish(importId, tenantId, applier.read, applier.created, applier.updated, applier.unchanged, applier.rejections);
        return new PageResult(importId, applier.read, applier.created, applier.updated, applier.unchanged, List.copyOf(applier.rejections));
    }

    private ImportReport failed(String tenantId, SourceFile file, String sha, String pluginId, String reason, Instant started,
                                boolean dryRun) {
        if (dryRun) {
            return new ImportReport(0, tenantId, ImportLog.Kind.ERP_FILE.name(), file.name(), sha, pluginId, "DRY_RUN_FAILED", null,
                    0, 0, 0, 0, 0, reason, started, Instant.now(), List.of());
        }
        long id = importLog.recordNotApplied(tenantId, ImportLog.Kind.ERP_FILE, file.name(), sha, pluginId, "FAILED", null, reason, started);
        ImportReport report = importLog.get(tenantId, id).orElseThrow();
        log.warn("tenant {} import {}: {}", tenantId, id, report.summary());
        return report;
    }

    /** Unwinds the import transaction when the connector refuses the whole file. */
    private static final class FileRefused extends RuntimeException {
        FileRefused(SourceFileException cause) {
            super(cause);
        }
    }

    /** Receives the connector's stream and applies it in batches. */
    private final class Applier implements RecordSink {
        final String tenantId;
        final long importId;
        final String fileName;
        final long rev;
        final List<ReceivableRecord> batch = new ArrayList<>(BATCH);
        final List<ExistingCharge> existing = new ArrayList<>();
        final List<RecordRejection> rejections = new ArrayList<>();
        final Map<String, Long> firstLineOfKey = new HashMap<>();
        int read;
        int created;
        int updated;
        int unchanged;

        Applier(String tenantId, long importId, String fileName, long rev) {
            this.tenantId = tenantId;
            this.importId = importId;
            this.fileName = fileName;
            this.rev = rev;
        }

        @Override
        public void accept(ReceivableRecord r) {
            read++;
            Optional<RecordRejection> unfit = RecordLimits.check(fileName, r);
            if (unfit.isPresent()) {
                rejections.add(unfit.get());
                return;
            }
            Long first = firstLineOfKey.putIfAbsent(r.sourceSystem() + '\u0000' + r.externalId(), r.line());
            if (first != null) {
                rejections.add(new RecordRejection(fileName, r.line(), r.recordRef(), "id",
                        "duplicate of line " + first + " (same source system and external id in one file)"));
                return;
            }
            if (r.existingBoleto() != null) {
                String bank = r.existingBoleto().bankCode();
                Optional<PluginRuntime.Extension<PaymentProvider>> provider = plugins.paymentProvider(null, bank);
                if (provider.isEmpty()) {
                    rejections.add(new RecordRejection(fileName, r.line(), r.recordRef(), "banco",
                            "no installed payment provider serves bank " + bank));
                    return;
                }
                String canonical;
                try {
                    canonical = provider.get().extension().canonicalNossoNumero(bank, r.existingBoleto().nossoNumero());
                } catch (IllegalArgumentException e) {
                    rejections.add(new RecordRejection(fileName, r.line(), r.recordRef(), "nosso_numero", e.getMessage()));
                    return;
                }
                existing.add(new ExistingCharge(r.line(), r.recordRef(), r.sourceSystem(), r.externalId(), bank, canonical,
                        provider.get().pluginId()));
            }
            batch.add(r);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        @Override
        public void reject(RecordRejection rejection) {
            read++;
            rejections.add(rejection);
        }

        void flush() {
            ReceivableWriter.BatchResult r = receivables.write(tenantId, importId, fileName, rev, batch);
            created += r.created();
            updated += r.updated();
            unchanged += r.unchanged();
            rejections.addAll(r.rejections());
            if (!existing.isEmpty()) {
                List<RecordRejection> refused = existingBoletos.write(tenantId, fileName, rev, existing);
                rejections.addAll(refused);
            }
            batch.clear();
            existing.clear();
        }
    }
}
