package br.com.recebiveishub.hub.reconcile;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.payment.PaidReceivables;
import br.com.recebiveishub.hub.ingest.ImportLog;
import br.com.recebiveishub.hub.ingest.ImportReport;
import br.com.recebiveishub.hub.platform.PgCopy;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.model.PaymentEvent;
import br.com.recebiveishub.sdk.model.ReturnFile;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciles a bank return file against the tenant's charges: the reconcile capability's public API.
 *
 * <p>Every movement is kept as reported ({@code return_movement}). A settlement becomes a payment
 * (unique by its idempotency key, so the same return twice pays nothing twice); it is allocated to
 * the charge's receivable only when it matches by bank + nosso número and pays exactly the open
 * balance. Anything else (no matching charge, a different amount, a receivable no longer open, an
 * entry the bank rejected) goes to the exceptions queue with its reason: never dropped.
 *
 * <p>Set-based: the file is staged with COPY and decided by a handful of statements, so the cost
 * follows the size of the file, not of the portfolio (matching is an index lookup per movement).
 */
@Service
public class ReconciliationService {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    private final PluginRuntime plugins;
    private final TenantService tenants;
    private final ImportLog importLog;
    private final BulkAudit audit;
    private final JdbcTemplate jdbc;
    private final DataSource ds;
    private final TransactionTemplate tx;
    private final PaidReceivables paidReceivables;

    public ReconciliationService(PluginRuntime plugins, TenantService tenants, ImportLog importLog, BulkAudit audit,
                                 JdbcTemplate jdbc, DataSource ds, TransactionTemplate tx, PaidReceivables paidReceivables) {
        this.plugins = plugins;
        this.tenants = tenants;
        this.importLog = importLog;
        this.audit = audit;
        this.jdbc = jdbc;
        this.ds = ds;
        this.tx = tx;
        this.paidReceivables = paidReceivables;
    }

    /** Processes one return file for a tenant. */
    public ReconciliationResult processReturn(String tenantId, SourceFile file) {
        tenants.require(tenantId);
        Instant started = Instant.now();
        String sha = ImportLog.sha256(file.path());
        Optional<PluginRuntime.Extension<PaymentProvider>> provider = plugins.extensions(PaymentProvider.class).stream()
                .filter(e -> e.extension().recognizesReturn(file)).findFirst();
        if (provider.isEmpty()) {
            return failed(tenantId, file, sha, null, "no installed payment provider recognises this return file", started);
        }
        String pluginId = provider.get().pluginId();
        ReturnFile parsed;
        try {
            parsed = provider.get().extension().parseReturn(file);
        } catch (SourceFileException e) {
            return failed(tenantId, file, sha, pluginId, e.getMessage(), started);
        }
        // A return for a bank where the tenant collects nothing is a misrouted file (another client's):
        // applying it would settle this tenant's boletos that happen to share nosso números.
        Integer known = jdbc.queryForObject("""
                select (select count(*) from bank_account where tenant_id = ? and bank_code = ?)
                     + (select count(*) from charge where tenant_id = ? and bank_code = ?)""", Integer.class,
                tenantId, parsed.bankCode(), tenantId, parsed.bankCode());
        if (known == null || known == 0) {
            return failed(tenantId, file, sha, pluginId, "return file of bank " + parsed.bankCode()
                    + ", where this tenant has no account and no boleto: is it another client's file?", started);
        }
        Optional<String> foreign = foreignBeneficiary(tenantId, parsed);
        if (foreign.isPresent()) {
            return failed(tenantId, file, sha, pluginId, foreign.get(), started);
        }
        try (AuditContext.Scope scope = AuditContext.narrow(tenantId, "reconciliation of " + file.name(), "plugin:" + pluginId)) {
            long id = tx.execute(status -> {
                Optional<Long> before = importLog.appliedBefore(tenantId, ImportLog.Kind.BANK_RETURN, sha);
                if (before.isPresent()) {
                    return -importLog.recordNotApplied(tenantId, ImportLog.Kind.BANK_RETURN, file.name(), sha, pluginId, "DUPLICATE",
                            before.get(), null, started);
                }
                long importId = importLog.begin(tenantId, ImportLog.Kind.BANK_RETURN, file.name(), sha, pluginId, started);
                apply(tenantId, importId, file.name(), parsed);
                int read = parsed.events().size() + parsed.rejections().size();
                int[] counts = jdbc.queryForObject("""
                        select count(*) filter (where outcome in ('ALLOCATED', 'STATUS_UPDATED')),
                               count(*) filter (where outcome in ('DUPLICATE_PAYMENT', 'RECORDED'))
                          from return_movement where import_id = ?""",
                        (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}, importId);
                importLog.finish(importId, tenantId, read, counts[0], 0, counts[1], parsed.rejections());
                return importId;
            });
            ReconciliationResult result = result(tenantId, Math.abs(id));
            log.info("tenant {} return {}: {}", tenantId, result.importReport().id(), result.summary());
            return result;
        }
    }

    private void apply(String tenantId, long importId, String fileName, ReturnFile parsed) {
        long rev = audit.newRevision();
        jdbc.execute("create temp table if not exists stage_movement (line bigint, bank_code text, nosso_numero text, movement_code text, "
                + "kind text, title_amount numeric(15,2), paid_amount numeric(15,2), fee numeric(15,2), net_credit numeric(15,2), "
                + "due_date date, occurrence_date date, credit_date date, reason_codes text) on commit drop");
        jdbc.execute("truncate stage_movement");
        PgCopy copy = new PgCopy();
        for (PaymentEvent e : parsed.events()) {
            copy.field(e.line()).field(e.bankCode()).field(e.nossoNumero()).field(e.movementCode()).field(e.kind().name())
                    .field(e.titleAmount()).field(e.paidAmount()).field(e.fee()).field(e.netCredit()).field(e.dueDate())
                    .field(e.occurrenceDate()).field(e.creditDate())
                    .field(e.reasonCodes() == null || e.reasonCodes().isEmpty() ? null : String.join(",", e.reasonCodes())).endRow();
        }
        copy.copyInto(ds, "stage_movement (line, bank_code, nosso_numero, movement_code, kind, title_amount, paid_amount, fee, "
                + "net_credit, due_date, occurrence_date, credit_date, reason_codes)");
        jdbc.execute("analyze stage_movement"); // statistics for the joins below (see ReceivableWriter)

        jdbc.update("""
                insert into return_movement (tenant_id, import_id, line, bank_code, nosso_numero, movement_code, kind, title_amount,
                       paid_amount, fee, net_credit, due_date, occurrence_date, credit_date, reason_codes, charge_id, outcome)
                select ?, ?, s.line, s.bank_code, s.nosso_numero, s.movement_code, s.kind, s.title_amount, s.paid_amount, s.fee,
                       s.net_credit, s.due_date, s.occurrence_date, s.credit_date, s.reason_codes, ch.id,
                       case when ch.id is null then 'UNMATCHED' else 'PENDING' end
                  from stage_movement s
                  left join charge ch on ch.tenant_id = ? and ch.bank_code = s.bank_code and ch.nosso_numero = s.nosso_numero
                """, tenantId, importId, tenantId);

        // Settlements become payments, matched or not; the idempotency key makes a replay pay nothing.
        // The new ids go through an analysed temp table: joined straight from the INSERT's RETURNING,
        // the planner has no row estimate and links payments to movements in quadratic time.
        jdbc.execute("create temp table if not exists new_payment (id bigint, line bigint) on commit drop");
        jdbc.execute("truncate new_payment");
        jdbc.update("""
                with ins as (
                  insert into payment (tenant_id, charge_id, bank_code, nosso_numero, movement_code, amount, fee, net_credit,
                         payment_date, credit_date, source_file, source_line, import_id, idempotency_key)
                  select ?, m.charge_id, m.bank_code, m.nosso_numero, m.movement_code, coalesce(m.paid_amount, 0), coalesce(m.fee, 0),
                         m.net_credit, m.occurrence_date, m.credit_date, ?, m.line, ?,
                         concat_ws('|', 'retorno', m.bank_code, m.nosso_numero, m.movement_code, m.occurrence_date, m.paid_amount)
                    from return_movement m
                   where m.import_id = ? and m.kind in ('SETTLED', 'SETTLED_AFTER_WRITE_OFF')
                  on conflict (tenant_id, idempotency_key) do nothing
                  returning id, source_line
                )
                insert into new_payment select id, source_line from ins
                """, tenantId, fileName, importId, importId);
        jdbc.execute("analyze new_payment");
        jdbc.update("update return_movement m set payment_id = n.id from new_payment n where m.import_id = ? and m.line = n.line", importId);
        List<Long> payments = jdbc.queryForList("select id from new_payment", Long.class);
        audit.record("payment", rev, BulkAudit.RevType.ADD, payments);
        jdbc.update("""
                update return_movement set outcome = 'DUPLICATE_PAYMENT'
                 where import_id = ? and kind in ('SETTLED', 'SETTLED_AFTER_WRITE_OFF') and payment_id is null
                """, importId);

        // Decide each new payment of a matched charge: allocate, or an exception with the reason.
        jdbc.execute("create temp table if not exists recon_decision (movement_id bigint, payment_id bigint, charge_id bigint, "
                + "receivable_id bigint, amount numeric(15,2), open_balance numeric(15,2), status text, decision text) on commit drop");
        jdbc.execute("truncate recon_decision");
        jdbc.update("""
                insert into recon_decision
                select m.id, m.payment_id, ch.id, r.id, p.amount, r.open_balance, r.status,
                       case when row_number() over (partition by r.id order by m.line) > 1 or r.status not in ('OPEN', 'PARTIALLY_PAID')
                              then 'RECEIVABLE_NOT_OPEN'
                            when p.amount <> r.open_balance then 'AMOUNT_DIFFERS'
                            else 'ALLOCATED' end
                  from return_movement m
                  join payment p on p.id = m.payment_id
                  join charge ch on ch.id = m.charge_id
                  join receivable r on r.id = ch.receivable_id
                 where m.import_id = ? and m.outcome = 'PENDING'
                """, importId);
        jdbc.execute("analyze recon_decision");
        List<Long> allocations = jdbc.queryForList("""
                insert into allocation (tenant_id, payment_id, receivable_id, amount)
                select ?, payment_id, receivable_id, amount from recon_decision where decision = 'ALLOCATED' returning id
                """, Long.class, tenantId);
        audit.record("allocation", rev, BulkAudit.RevType.ADD, allocations);
        List<Long> receivables = jdbc.queryForList("""
                update receivable r set open_balance = r.open_balance - d.amount,
                       status = case when r.open_balance - d.amount = 0 then 'PAID' else 'PARTIALLY_PAID' end,
                       updated_at = now(), version = r.version + 1
                  from recon_decision d where d.decision = 'ALLOCATED' and r.id = d.receivable_id returning r.id
                """, Long.class);
        audit.record("receivable", rev, BulkAudit.RevType.MOD, receivables);
        List<Long> paidCharges = jdbc.queryForList("""
                update charge c set status = 'PAID', version = c.version + 1
                  from recon_decision d where d.decision = 'ALLOCATED' and c.id = d.charge_id and c.status <> 'PAID' returning c.id
                """, Long.class);
        audit.record("charge", rev, BulkAudit.RevType.MOD, paidCharges);
        // Paid by boleto first: the receivable's live Pix cobs (and any other live boleto) must stop taking money.
        paidReceivables.retireOtherCharges(tenantId, rev, receivables);
        jdbc.update("update return_movement m set outcome = d.decision from recon_decision d where m.id = d.movement_id", (Object[]) null);

        // Registration movements update the charge; a rejected entry is an exception to act on.
        List<Long> statusCharges = jdbc.queryForList("""
                update charge c set status = case m.kind when 'ENTRY_CONFIRMED' then 'REGISTERED'
                                                        when 'ENTRY_REJECTED' then 'REJECTED'
                                                        -- a baixa the hub asked for is a cancellation; any other, the bank's write-off
                                                        else case when c.status = 'CANCEL_REQUESTED' then 'CANCELLED' else 'WRITTEN_OFF' end end,
                       version = c.version + 1
                  from return_movement m
                 where m.import_id = ? and m.outcome = 'PENDING' and c.id = m.charge_id
                   and ((m.kind = 'ENTRY_CONFIRMED' and c.status in ('REGISTRATION_PENDING', 'UNKNOWN'))
                     or (m.kind = 'ENTRY_REJECTED' and c.status in ('REGISTRATION_PENDING', 'UNKNOWN', 'REGISTERED'))
                     or (m.kind = 'WRITTEN_OFF' and c.status in ('REGISTRATION_PENDING', 'UNKNOWN', 'REGISTERED', 'CANCEL_REQUESTED')))
                returning c.id
                """, Long.class, importId);
        audit.record("charge", rev, BulkAudit.RevType.MOD, statusCharges);
        if (!statusCharges.isEmpty()) {
            jdbc.update(con -> {
                var ps = con.prepareStatement("""
                        update return_movement set outcome = 'STATUS_UPDATED'
                         where import_id = ? and outcome = 'PENDING' and kind in ('ENTRY_CONFIRMED', 'ENTRY_REJECTED', 'WRITTEN_OFF')
                           and charge_id = any(?)""");
                ps.setLong(1, importId);
                ps.setArray(2, con.createArrayOf("bigint", statusCharges.toArray()));
                return ps;
            });
        }
        // What is left changed nothing (a confirmation already applied, a fee debit): recorded as reported.
        jdbc.update("update return_movement set outcome = 'RECORDED' where import_id = ? and outcome = 'PENDING'", importId);

        jdbc.update("""
                insert into reconciliation_exception (tenant_id, import_id, movement_id, payment_id, charge_id, kind, reason)
                select ?, ?, m.id, m.payment_id, m.charge_id,
                       case when m.outcome = 'UNMATCHED' then 'UNMATCHED'
                            when m.kind = 'ENTRY_REJECTED' then 'ENTRY_REJECTED' else m.outcome end,
                       case when m.outcome = 'UNMATCHED' then
                                 format('line %s: movement %s (%s) for bank %s nosso número %s matches no charge of this tenant%s',
                                        m.line, m.movement_code, m.kind, m.bank_code, m.nosso_numero,
                                        case when m.payment_id is not null then format('; payment of %s recorded unallocated', m.paid_amount) else '' end)
                            when m.outcome = 'AMOUNT_DIFFERS' then
                                 format('line %s: paid %s but the receivable''s open balance is %s; payment recorded unallocated',
                                        m.line, d.amount, d.open_balance)
                            when m.outcome = 'RECEIVABLE_NOT_OPEN' then
                                 format('line %s: paid %s but the receivable is %s (or already settled earlier in this file); payment recorded unallocated',
                                        m.line, d.amount, d.status)
                            else format('line %s: the bank rejected the entry of nosso número %s (reason codes %s)',
                                        m.line, m.nosso_numero, coalesce(m.reason_codes, 'none')) end
                  from return_movement m left join recon_decision d on d.movement_id = m.id
                 where m.import_id = ?
                   and (m.outcome in ('UNMATCHED', 'AMOUNT_DIFFERS', 'RECEIVABLE_NOT_OPEN') or (m.kind = 'ENTRY_REJECTED' and m.outcome = 'STATUS_UPDATED'))
                   -- a resent report of a movement already queued (no money in it) raises no second exception
                   and not (m.outcome = 'UNMATCHED' and m.payment_id is null and exists (
                        select 1 from return_movement o where o.tenant_id = m.tenant_id and o.import_id <> m.import_id
                           and o.bank_code = m.bank_code and o.nosso_numero = m.nosso_numero
                           and o.movement_code = m.movement_code and o.occurrence_date is not distinct from m.occurrence_date))
                """, tenantId, importId, importId);
        for (var r : parsed.rejections()) {
            jdbc.update("insert into reconciliation_exception (tenant_id, import_id, kind, reason) values (?,?,'UNREADABLE_RECORD',?)",
                    tenantId, importId, "line " + r.line() + " [" + r.field() + "]: " + r.reason());
        }
    }

    /**
     * The header names the beneficiary (convênio / código do beneficiário, agência, conta): it must be
     * one of this tenant's accounts at that bank, or the file is another client's. Numbers are
     * compared without leading zeros, and a convênio also without its check digit (Caixa keeps
     * 6 digits in the header and 7 with the check digit on the boleto).
     *
     * @return the reason to refuse the file, or empty when it is this tenant's (or cannot be told)
     */
    private Optional<String> foreignBeneficiary(String tenantId, ReturnFile parsed) {
        var b = parsed.beneficiary();
        if (b == null || (b.convenio() == null && (b.agencia() == null || b.conta() == null))) {
            return Optional.empty();
        }
        List<java.util.Map<String, Object>> accounts = jdbc.queryForList(
                "select agencia, conta, convenio from bank_account where tenant_id = ? and bank_code = ?", tenantId, parsed.bankCode());
        if (accounts.isEmpty()) {
            return Optional.empty(); // boletos registered by the client before onboarding: no account to compare with
        }
        for (var a : accounts) {
            String convenio = digits((String) a.get("convenio"));
            boolean convenioMatches = b.convenio() != null
                    && (digits(b.convenio()).equals(convenio) || (convenio.length() > 1
                        && digits(b.convenio()).equals(digits(convenio.substring(0, convenio.length() - 1)))));
            boolean accountMatches = b.convenio() == null && digits(b.agencia()).equals(digits((String) a.get("agencia")))
                    && digits(b.conta()).equals(digits((String) a.get("conta")));
            if (convenioMatches || accountMatches) {
                return Optional.empty();
            }
        }
        return Optional.of("return file of bank " + parsed.bankCode() + " for beneficiary "
                + (b.convenio() != null ? "convênio " + b.convenio() : "agência " + b.agencia() + " conta " + b.conta())
                + ", which is none of this tenant's accounts: is it another client's file?");
    }

    private static String digits(String s) {
        if (s == null) {
            return "";
        }
        String d = s.replaceAll("\\D", "").replaceFirst("^0+", "");
        return d;
    }

    /** @return the outcome of a processed return import */
    public ReconciliationResult result(String tenantId, long importId) {
        ImportReport report = importLog.get(tenantId, importId).orElseThrow();
        return jdbc.queryForObject("""
                select count(*) filter (where m.kind in ('SETTLED', 'SETTLED_AFTER_WRITE_OFF')) as settlements,
                       count(*) filter (where m.outcome = 'ALLOCATED') as allocated,
                       coalesce(sum(p.amount) filter (where m.outcome = 'ALLOCATED'), 0) as allocated_amount,
                       coalesce(sum(p.fee) filter (where m.payment_id is not null), 0) as fees,
                       count(*) filter (where m.outcome = 'DUPLICATE_PAYMENT') as duplicates,
                       count(*) filter (where m.outcome = 'STATUS_UPDATED') as status_updates,
                       (select count(*) from reconciliation_exception e where e.import_id = ?) as exceptions
                  from return_movement m left join payment p on p.id = m.payment_id
                 where m.import_id = ? and m.tenant_id = ?
                """, (rs, i) -> new ReconciliationResult(report, rs.getInt("settlements"), rs.getInt("allocated"),
                rs.getBigDecimal("allocated_amount"), rs.getBigDecimal("fees"), rs.getInt("duplicates"), rs.getInt("status_updates"),
                rs.getInt("exceptions")), importId, importId, tenantId);
    }

    private ReconciliationResult failed(String tenantId, SourceFile file, String sha, String pluginId, String reason, Instant started) {
        long id = importLog.recordNotApplied(tenantId, ImportLog.Kind.BANK_RETURN, file.name(), sha, pluginId, "FAILED", null, reason, started);
        ReconciliationResult r = result(tenantId, id);
        log.warn("tenant {} return {}: {}", tenantId, id, r.summary());
        return r;
    }
}
