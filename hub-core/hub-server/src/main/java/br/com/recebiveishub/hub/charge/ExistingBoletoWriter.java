package br.com.recebiveishub.hub.charge;

import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.platform.PgCopy;
import br.com.recebiveishub.sdk.model.RecordRejection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records boletos a client registered at its bank before onboarding (carried in its ERP export)
 * as REGISTERED charges, so the bank's return file can settle them.
 */
@Component
public class ExistingBoletoWriter {

    /**
     * A registered boleto for a receivable already written in this transaction.
     *
     * @param nossoNumero canonical form, as the provider plugin gave it
     */
    public record ExistingCharge(long line, String recordRef, String sourceSystem, String externalId, String bankCode,
                                 String nossoNumero, String providerPluginId) {
    }

    private final JdbcTemplate jdbc;
    private final DataSource ds;
    private final BulkAudit audit;

    public ExistingBoletoWriter(JdbcTemplate jdbc, DataSource ds, BulkAudit audit) {
        this.jdbc = jdbc;
        this.ds = ds;
        this.audit = audit;
    }

    /** @return records refused because their nosso número belongs to another receivable */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<RecordRejection> write(String tenantId, String fileName, long rev, List<ExistingCharge> charges) {
        if (charges.isEmpty()) {
            return List.of();
        }
        jdbc.execute("create temp table if not exists stage_existing_charge (line bigint, record_ref text, source_system text, "
                + "external_id text, bank_code text, nosso_numero text, provider_plugin_id text) on commit drop");
        jdbc.execute("truncate stage_existing_charge");
        PgCopy copy = new PgCopy();
        for (ExistingCharge c : charges) {
            copy.field(c.line()).field(c.recordRef()).field(c.sourceSystem()).field(c.externalId()).field(c.bankCode())
                    .field(c.nossoNumero()).field(c.providerPluginId()).endRow();
        }
        copy.copyInto(ds, "stage_existing_charge (line, record_ref, source_system, external_id, bank_code, nosso_numero, provider_plugin_id)");
        List<RecordRejection> rejections = new ArrayList<>();
        jdbc.query("""
                select s.line, s.record_ref from stage_existing_charge s
                  join receivable r on r.tenant_id = ? and r.source_system = s.source_system and r.external_id = s.external_id
                  join charge c on c.tenant_id = ? and c.bank_code = s.bank_code and c.nosso_numero = s.nosso_numero
                 where c.receivable_id <> r.id
                """, rs -> {
            rejections.add(new RecordRejection(fileName, rs.getLong(1), rs.getString(2), "nosso_numero",
                    "nosso número already belongs to another receivable's boleto at this bank"));
        }, tenantId, tenantId);
        List<Long> created = jdbc.queryForList("""
                insert into charge (tenant_id, receivable_id, method, provider_plugin_id, bank_code, nosso_numero, amount, due_date, status)
                select ?, r.id, 'BOLETO', s.provider_plugin_id, s.bank_code, s.nosso_numero, r.open_balance, r.due_date, 'REGISTERED'
                  from stage_existing_charge s
                  join receivable r on r.tenant_id = ? and r.source_system = s.source_system and r.external_id = s.external_id
                on conflict (tenant_id, bank_code, nosso_numero) do nothing
                returning id
                """, Long.class, tenantId, tenantId);
        audit.record("charge", rev, BulkAudit.RevType.ADD, created);
        return rejections;
    }
}
