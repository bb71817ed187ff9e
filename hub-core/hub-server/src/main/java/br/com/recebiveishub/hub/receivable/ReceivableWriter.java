package br.com.recebiveishub.hub.receivable;

import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.platform.PgCopy;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a batch of receivable records to the canonical model in a few set-based statements:
 * COPY into a staging table, upsert the debtors, refuse changes to receivables that are no longer
 * open, upsert the receivables, and record the audit versions of everything that changed.
 *
 * <p>Idempotent: a record equal to what is stored changes nothing (no update, no audit version).
 */
@Component
public class ReceivableWriter {

    /**
     * What a batch did.
     *
     * @param created    receivables created
     * @param updated    receivables changed
     * @param unchanged  receivables already as in the record
     * @param rejections records refused by the model's rules
     */
    public record BatchResult(int created, int updated, int unchanged, List<RecordRejection> rejections) {
    }

    private static final String STAGE_COLUMNS = "line, source_system, external_id, document_number, issue_date, due_date, amount, "
            + "documento, tipo, nome, logradouro, numero, complemento, bairro, municipio, uf, cep, email, telefone, record_ref";

    private final JdbcTemplate jdbc;
    private final DataSource ds;
    private final BulkAudit audit;

    public ReceivableWriter(JdbcTemplate jdbc, DataSource ds, BulkAudit audit) {
        this.jdbc = jdbc;
        this.ds = ds;
        this.audit = audit;
    }

    /** Writes a batch (records unique by source system + external id) within the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public BatchResult write(String tenantId, long importId, String fileName, long rev, List<ReceivableRecord> batch) {
        if (batch.isEmpty()) {
            return new BatchResult(0, 0, 0, List.of());
        }
        jdbc.execute("create temp table if not exists stage_receivable (line bigint, source_system text, external_id text, "
                + "document_number text, issue_date date, due_date date, amount numeric(15,2), documento text, tipo text, nome text, "
                + "logradouro text, numero text, complemento text, bairro text, municipio text, uf text, cep text, email text, "
                + "telefone text, record_ref text) on commit drop");
        jdbc.execute("truncate stage_receivable");
        PgCopy copy = new PgCopy();
        for (ReceivableRecord r : batch) {
            Debtor d = r.debtor();
            Endereco e = d.endereco();
            copy.field(r.line()).field(r.sourceSystem()).field(r.externalId()).field(r.documentNumber())
                    .field(r.issueDate()).field(r.dueDate()).field(r.amount())
                    .field(d.documento().numero()).field(d.documento().tipo().name()).field(d.nome())
                    .field(e == null ? null : e.logradouro()).field(e == null ? null : e.numero())
                    .field(e == null ? null : e.complemento()).field(e == null ? null : e.bairro())
                    .field(e == null ? null : e.municipio()).field(e == null ? null : e.uf())
                    .field(e == null ? null : e.cep()).field(d.email()).field(d.telefone()).field(r.recordRef())
                    .endRow();
        }
        copy.copyInto(ds, "stage_receivable (" + STAGE_COLUMNS + ")");
        // A fresh temp table has no statistics: without them the planner joins it to the growing
        // receivable table by scanning, and every batch costs more than the last (measured: 1M rows 23x 100k).
        // Only the columns the joins use: statistics on all 20 columns cost 10% of the import (measured at 1M rows).
        jdbc.execute("analyze stage_receivable (line, source_system, external_id, documento)");

        List<RecordRejection> rejections = refuseChangesToClosedReceivables(tenantId, fileName);
        upsertCustomers(tenantId, rev);

        List<Long> created = new ArrayList<>();
        List<Long> updated = new ArrayList<>();
        jdbc.query("""
                insert into receivable as r (tenant_id, customer_id, source_system, external_id, document_number, issue_date,
                       due_date, original_amount, open_balance, status, origin_file, origin_record, import_id)
                select ?, c.id, s.source_system, s.external_id, s.document_number, s.issue_date, s.due_date, s.amount, s.amount,
                       'OPEN', ?, s.record_ref, ?
                  from stage_receivable s join customer c on c.tenant_id = ? and c.documento = s.documento
                on conflict (tenant_id, source_system, external_id) do update set
                       customer_id = excluded.customer_id, document_number = excluded.document_number,
                       issue_date = excluded.issue_date, due_date = excluded.due_date,
                       original_amount = excluded.original_amount,
                       open_balance = r.open_balance + (excluded.original_amount - r.original_amount),
                       origin_file = excluded.origin_file, origin_record = excluded.origin_record,
                       import_id = excluded.import_id, updated_at = now(), version = r.version + 1
                 where (r.customer_id, r.document_number, r.issue_date, r.due_date, r.original_amount)
                       is distinct from (excluded.customer_id, excluded.document_number, excluded.issue_date,
                                         excluded.due_date, excluded.original_amount)
                returning r.id, (xmax = 0) as inserted
                """, rs -> {
            (rs.getBoolean(2) ? created : updated).add(rs.getLong(1));
        }, tenantId, fileName, importId, tenantId);
        audit.record("receivable", rev, BulkAudit.RevType.ADD, created);
        audit.record("receivable", rev, BulkAudit.RevType.MOD, updated);
        int staged = batch.size() - rejections.size();
        return new BatchResult(created.size(), updated.size(), staged - created.size() - updated.size(), rejections);
    }

    /**
     * A receivable that is paid, partly paid or cancelled is no longer the ERP's to change, and one
     * with a live boleto cannot change amount or due date under it (the bank would collect the old
     * values): such a record is refused (naming what it tried to change) and removed from the batch.
     */
    private List<RecordRejection> refuseChangesToClosedReceivables(String tenantId, String fileName) {
        List<RecordRejection> out = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        jdbc.query("""
                select s.line, s.record_ref, r.status, live.nosso_numero,
                       (r.original_amount is distinct from s.amount) as amount_changed,
                       (r.due_date is distinct from s.due_date) as due_changed
                  from stage_receivable s
                  -- looked up by the unique key, row by row: the planner has no statistics for the rows this
                  -- import already wrote, and would otherwise hash the tenant's whole table every batch
                  join lateral (select * from receivable x where x.tenant_id = ? and x.source_system = s.source_system
                                   and x.external_id = s.external_id limit 1) r on true
                  left join lateral (select ch.nosso_numero from charge ch
                                      where ch.receivable_id = r.id and ch.status in ('REGISTRATION_PENDING', 'REGISTERED', 'UNKNOWN', 'CANCEL_REQUESTED')
                                      order by ch.id limit 1) live on true
                 where (r.status <> 'OPEN'
                        and (r.original_amount, r.due_date, r.document_number, r.issue_date)
                            is distinct from (s.amount, s.due_date, s.document_number, s.issue_date))
                    or (live.nosso_numero is not null
                        and (r.original_amount, r.due_date) is distinct from (s.amount, s.due_date))
                """, rs -> {
            String field = rs.getBoolean("amount_changed") ? "valor" : rs.getBoolean("due_changed") ? "vencimento" : "documento";
            String reason = !"OPEN".equals(rs.getString("status"))
                    ? "receivable is " + rs.getString("status") + ": the ERP can no longer change it (a supervisor corrects it by hand, with a reason: PATCH .../receivables/{id})"
                    : "receivable has a live boleto (nosso número " + rs.getString("nosso_numero")
                            + ") for the old " + field + ": write the boleto off before changing it";
            out.add(new RecordRejection(fileName, rs.getLong("line"), rs.getString("record_ref"), field, reason));
            lines.add(rs.getLong("line"));
        }, tenantId);
        if (!lines.isEmpty()) {
            jdbc.update("delete from stage_receivable where line = any(?)", ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", lines.toArray())));
        }
        return out;
    }

    private void upsertCustomers(String tenantId, long rev) {
        List<Long> created = new ArrayList<>();
        List<Long> updated = new ArrayList<>();
        // The last record of a debtor in the file wins; optional fields the file leaves empty keep what is stored.
        jdbc.query("""
                insert into customer as c (tenant_id, documento, tipo, nome, logradouro, numero, complemento, bairro, municipio,
                       uf, cep, email, telefone)
                select ?, documento, tipo, nome, logradouro, numero, complemento, bairro, municipio, uf, cep, email, telefone
                  from (select distinct on (documento) * from stage_receivable order by documento, line desc) s
                on conflict (tenant_id, documento) do update set
                       nome = excluded.nome,
                       logradouro = coalesce(excluded.logradouro, c.logradouro), numero = coalesce(excluded.numero, c.numero),
                       complemento = coalesce(excluded.complemento, c.complemento), bairro = coalesce(excluded.bairro, c.bairro),
                       municipio = coalesce(excluded.municipio, c.municipio), uf = coalesce(excluded.uf, c.uf),
                       cep = coalesce(excluded.cep, c.cep), email = coalesce(excluded.email, c.email),
                       telefone = coalesce(excluded.telefone, c.telefone), version = c.version + 1
                 where (c.nome, c.logradouro, c.numero, c.complemento, c.bairro, c.municipio, c.uf, c.cep, c.email, c.telefone)
                       is distinct from
                       (excluded.nome, coalesce(excluded.logradouro, c.logradouro), coalesce(excluded.numero, c.numero),
                        coalesce(excluded.complemento, c.complemento), coalesce(excluded.bairro, c.bairro),
                        coalesce(excluded.municipio, c.municipio), coalesce(excluded.uf, c.uf), coalesce(excluded.cep, c.cep),
                        coalesce(excluded.email, c.email), coalesce(excluded.telefone, c.telefone))
                returning c.id, (xmax = 0) as inserted
                """, rs -> {
            (rs.getBoolean(2) ? created : updated).add(rs.getLong(1));
        }, tenantId);
        audit.record("customer", rev, BulkAudit.RevType.ADD, created);
        audit.record("customer", rev, BulkAudit.RevType.MOD, updated);
    }
}
