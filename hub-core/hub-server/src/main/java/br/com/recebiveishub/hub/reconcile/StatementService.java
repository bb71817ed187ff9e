package br.com.recebiveishub.hub.reconcile;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.ingest.ImportLog;
import br.com.recebiveishub.hub.ingest.ImportReport;
import br.com.recebiveishub.hub.payment.PaidReceivables;
import br.com.recebiveishub.hub.platform.PgCopy;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.StatementReader;
import br.com.recebiveishub.sdk.model.BankStatement;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import br.com.recebiveishub.sdk.model.StatementEntry;
import br.com.recebiveishub.sdk.model.StatementFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a bank statement file (OFX) of a tenant and reconciles its credits against the tenant's
 * open receivables and charges.
 *
 * <p>Every entry is kept as the bank sent it ({@code statement_entry}), unique per tenant by bank,
 * agency, account and FITID: a file imported again, or a statement whose period overlaps an earlier
 * one, inserts nothing twice and reports those entries as duplicates.
 *
 * <p>Each credit (a positive amount that is not interest or a dividend) gets candidates with a
 * confidence score, best first ({@code statement_candidate}); the rules, also in
 * docs/payments.md, "Bank statements":
 * <ul>
 *   <li>{@code PIX_TXID}: a word of the memo (or REFNUM) is the {@code pix_txid} of one of the
 *       tenant's charges → 1.00;</li>
 *   <li>{@code NOSSO_NUMERO}: a run of at least five digits of the memo (or REFNUM, zeros included),
 *       leading zeros aside, is the nosso número of one of the tenant's boletos → 0.95;</li>
 *   <li>either of the two above whose receivable is no longer open or whose open balance is not
 *       the credit's amount → 0.50 (shown, never applied);</li>
 *   <li>{@code AMOUNT_DATE}: an open receivable whose open balance equals the amount and whose due
 *       date is within 30 days of the posting date: 0.60, plus 0.30 on the due date itself, 0.20
 *       within 3 days, 0.10 within 10 days; plus 0.30 when the payer's CPF/CNPJ is the entry's
 *       payee document or appears (punctuation aside) as a word of memo or payee; plus 0.15 when
 *       the payer's name (case and accents aside) is the payee or appears in the memo; capped at
 *       0.94, below an identifier match. At most five such candidates per credit.</li>
 * </ul>
 * A credit is applied only when exactly one candidate scores at or above the threshold
 * ({@code hub.statements.auto-apply-threshold}, default 0.90) and no earlier line of the same file
 * took that receivable: a payment (idempotency key {@code extrato|bank|agency|account|FITID}) is
 * allocated to the receivable, whose open balance and status change as a return's settlement
 * does, and a charge matched by its identifier is marked paid. Every other credit is recorded as
 * an unallocated payment and goes to the exceptions queue ({@code STATEMENT_LOW_CONFIDENCE} with
 * its candidates, or {@code STATEMENT_UNMATCHED}), to be allocated by hand. Debits are recorded,
 * never matched.
 */
@Service
public class StatementService {

    private static final Logger log = LoggerFactory.getLogger(StatementService.class);
    private static final Set<StatementEntry.EntryKind> NOT_PAYMENTS = Set.of(StatementEntry.EntryKind.INTEREST,
            StatementEntry.EntryKind.DIVIDEND);

    private final PluginRuntime plugins;
    private final TenantService tenants;
    private final TenantDirectories dirs;
    private final ImportLog importLog;
    private final BulkAudit audit;
    private final JdbcTemplate jdbc;
    private final DataSource ds;
    private final TransactionTemplate tx;
    private final BigDecimal threshold;
    private final PaidReceivables paidReceivables;

    public StatementService(PluginRuntime plugins, TenantService tenants, TenantDirectories dirs, ImportLog importLog, BulkAudit audit,
                            JdbcTemplate jdbc, DataSource ds, TransactionTemplate tx, PaidReceivables paidReceivables,
                            @Value("${hub.statements.auto-apply-threshold:0.90}") BigDecimal threshold) {
        if (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("hub.statements.auto-apply-threshold must be in (0, 1]");
        }
        this.plugins = plugins;
        this.tenants = tenants;
        this.dirs = dirs;
        this.importLog = importLog;
        this.audit = audit;
        this.jdbc = jdbc;
        this.ds = ds;
        this.tx = tx;
        this.threshold = threshold;
        this.paidReceivables = paidReceivables;
    }

    /** @return the score at or above which a unique candidate is applied */
    public BigDecimal threshold() {
        return threshold;
    }

    /** Imports one statement file for a tenant. */
    public StatementResult importStatement(String tenantId, SourceFile file) {
        tenants.require(tenantId);
        Instant started = Instant.now();
        String sha = ImportLog.sha256(file.path());
        Optional<PluginRuntime.Extension<StatementReader>> reader = plugins.extensions(StatementReader.class).stream()
                .filter(e -> e.extension().accepts(file)).findFirst();
        if (reader.isEmpty()) {
            return failed(tenantId, file, sha, null, "no installed statement reader recognises this file", started);
        }
        String pluginId = reader.get().pluginId();
        StatementFile read;
        try {
            read = reader.get().extension().read(file);
        } catch (SourceFileException e) {
            return failed(tenantId, file, sha, pluginId, e.getMessage(), started);
        } catch (RuntimeException e) {
            log.warn("tenant {} statement: reader {} failed: {}", tenantId, pluginId, e.getClass().getName());
            return failed(tenantId, file, sha, pluginId, "the reader could not read the file (" + e.getClass().getSimpleName() + ")", started);
        }
        // A statement of an account the tenant has not registered is another client's (or a wrong upload): matching it would
        // pay this tenant's receivables with someone else's money, so nothing of the file is applied.
        Optional<String> unfit = accountFieldsBeyondLimits(read);
        if (unfit.isPresent()) {
            return failed(tenantId, file, sha, pluginId, unfit.get(), started);
        }
        Optional<String> foreign = foreignAccount(tenantId, read);
        if (foreign.isPresent()) {
            return failed(tenantId, file, sha, pluginId, foreign.get(), started);
        }
        StatementFile parsed = withinLimits(file.name(), read);
        int entries = parsed.statements().stream().mapToInt(s -> s.entries().size()).sum();
        try (AuditContext.Scope scope = AuditContext.narrow(tenantId, "bank statement " + file.name(), "plugin:" + pluginId)) {
            long id = tx.execute(status -> {
                Optional<Long> before = importLog.appliedBefore(tenantId, ImportLog.Kind.BANK_STATEMENT, sha);
                if (before.isPresent()) {
                    // The same bytes again: every entry is already in, nothing to decide.
                    long dup = importLog.recordNotApplied(tenantId, ImportLog.Kind.BANK_STATEMENT, file.name(), sha, pluginId, "DUPLICATE",
                            before.get(), null, started);
                    jdbc.update("update import_batch set records_read = ?, unchanged = ?, rejected = ? where id = ? and tenant_id = ?",
                            entries + parsed.rejections().size(), entries, parsed.rejections().size(), dup, tenantId);
                    return dup;
                }
                long importId = importLog.begin(tenantId, ImportLog.Kind.BANK_STATEMENT, file.name(), sha, pluginId, started);
                int inserted = apply(tenantId, importId, file.name(), parsed);
                importLog.finish(importId, tenantId, entries + parsed.rejections().size(), inserted, 0, entries - inserted,
                        parsed.rejections());
                return importId;
            });
            StatementResult result = result(tenantId, id);
            log.info("tenant {} statement {}: {}", tenantId, id, result.summary());
            return result;
        }
    }

    /**
     * Every statement in the file must be of one of the tenant's registered bank accounts: same bank,
     * the same agência when the file gives one (BRANCHID, with or without its check digit), and the
     * same conta (ACCTID, with or without check digit, possibly prefixed by the agência, as banks
     * export it). Numbers are compared as digits without leading zeros.
     *
     * @return the reason to refuse the file, or empty when every statement is the tenant's
     */
    Optional<String> foreignAccount(String tenantId, StatementFile file) {
        List<java.util.Map<String, Object>> accounts = jdbc.queryForList(
                "select bank_code, agencia, agencia_dv, conta, conta_dv from bank_account where tenant_id = ?", tenantId);
        for (BankStatement st : file.statements()) {
            String shown = "bank " + (st.bankCode() == null || st.bankCode().isBlank() ? "(none)" : st.bankCode().strip())
                    + (st.branch() == null || st.branch().isBlank() ? "" : " agência " + st.branch().strip())
                    + " conta " + (st.accountId() == null ? "(none)" : st.accountId().strip());
            if (accounts.isEmpty()) {
                return Optional.of("statement of " + shown + ", but this tenant has no registered bank account: register it first "
                        + "(POST /api/tenants/" + tenantId + "/bank-accounts); nothing applied");
            }
            if (st.bankCode() == null || digits(st.bankCode()).isEmpty()) {
                return Optional.of("statement of " + shown + " names no bank (BANKID; a card statement?): only statements of the "
                        + "tenant's registered bank accounts are applied; nothing applied");
            }
            boolean ours = accounts.stream().anyMatch(a -> sameAccount(st, a));
            if (!ours) {
                return Optional.of("statement of " + shown + ", which is none of this tenant's registered bank accounts: is it "
                        + "another client's file? nothing applied");
            }
        }
        return Optional.empty();
    }

    private static boolean sameAccount(BankStatement st, java.util.Map<String, Object> a) {
        if (!digits(st.bankCode()).equals(digits((String) a.get("bank_code")))) {
            return false;
        }
        String ag = (String) a.get("agencia");
        String agDv = (String) a.get("agencia_dv");
        String conta = (String) a.get("conta");
        String contaDv = (String) a.get("conta_dv");
        if (st.branch() != null && !digits(st.branch()).isEmpty()
                && !digits(st.branch()).equals(digits(ag)) && !digits(st.branch()).equals(digits(ag + agDv))) {
            return false;
        }
        String given = digits(st.accountId());
        return java.util.stream.Stream.of(conta, conta + contaDv, ag + conta, ag + conta + contaDv, ag + agDv + conta + contaDv)
                .anyMatch(form -> digits(form).equals(given));
    }

    private static String digits(String s) {
        return s == null ? "" : s.replaceAll("\\D", "").replaceFirst("^0+", "");
    }

    /** Keeps a copy of a statement that was not applied beside the inbox ({@code error/}), for whoever fixes it. */
    public Path keep(String tenantId, long importId, SourceFile file) {
        try {
            Path errorDir = dirs.statementInbox(tenantId).resolve("error");
            Files.createDirectories(errorDir);
            Path kept = errorDir.resolve(importId + "-" + file.name());
            Files.copy(file.path(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ImportReport r = importLog.get(tenantId, importId).orElseThrow();
            Files.writeString(errorDir.resolve(importId + "-" + file.name() + ".report.txt"), r.summary() + System.lineSeparator(),
                    StandardCharsets.UTF_8);
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A statement's account identification longer than the model holds: the file is refused naming the field. */
    private static Optional<String> accountFieldsBeyondLimits(StatementFile file) {
        for (BankStatement st : file.statements()) {
            Optional<String> r = beyond("BANKID", st.bankCode(), 10).or(() -> beyond("BRANCHID", st.branch(), 20))
                    .or(() -> beyond("ACCTID", st.accountId(), 40));
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> beyond(String field, String value, int max) {
        return value != null && value.strip().length() > max
                ? Optional.of(field + ": " + value.strip().length() + " characters, longer than the " + max + " a bank's identifier has; "
                        + "nothing applied")
                : Optional.empty();
    }

    /** Largest amount the model holds (numeric(15,2)). */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999.99");

    /**
     * An entry whose amount the canonical model cannot hold is a rejection of that entry (line,
     * TRNAMT), like any other bad entry; the rest of the statement proceeds.
     */
    private static StatementFile withinLimits(String fileName, StatementFile parsed) {
        List<RecordRejection> rejections = new java.util.ArrayList<>(parsed.rejections());
        List<BankStatement> statements = new java.util.ArrayList<>();
        boolean changed = false;
        for (BankStatement s : parsed.statements()) {
            List<StatementEntry> kept = new java.util.ArrayList<>();
            for (StatementEntry e : s.entries()) {
                if (e.amount().abs().compareTo(MAX_AMOUNT) > 0 || e.amount().stripTrailingZeros().scale() > 2) {
                    rejections.add(new RecordRejection(fileName, e.line(), "FITID " + cut(e.fitId(), 40), "TRNAMT",
                            "amount beyond what the model holds (13 integer digits, 2 decimals)"));
                    changed = true;
                } else if (e.fitId() == null || e.fitId().length() > 255) {
                    // OFX: FITID is at most 255 characters
                    rejections.add(new RecordRejection(fileName, e.line(), "STMTTRN", "FITID",
                            e.fitId() == null ? "missing" : e.fitId().length() + " characters, longer than OFX's 255"));
                    changed = true;
                } else if (e.type() != null && e.type().length() > 40) {
                    rejections.add(new RecordRejection(fileName, e.line(), "FITID " + cut(e.fitId(), 40), "TRNTYPE",
                            e.type().length() + " characters, longer than any transaction type (40)"));
                    changed = true;
                } else {
                    kept.add(e);
                }
            }
            statements.add(kept.size() == s.entries().size() ? s : new BankStatement(s.bankCode(), s.branch(), s.accountId(),
                    s.accountType(), s.currency(), s.periodStart(), s.periodEnd(), s.ledgerBalance(), s.balanceDate(),
                    s.availableBalance(), kept));
        }
        return changed ? new StatementFile(parsed.format(), parsed.charset(), statements, rejections) : parsed;
    }

    private int apply(String tenantId, long importId, String fileName, StatementFile parsed) {
        jdbc.execute("create temp table if not exists stage_statement (line bigint, bank_code text, agency text, account text, fit_id text, "
                + "posted_on date, amount numeric(15,2), trn_type text, kind text, memo text, payee_name text, payee_document text, "
                + "check_number text, reference_number text, credit boolean) on commit drop");
        jdbc.execute("truncate stage_statement");
        PgCopy copy = new PgCopy();
        for (BankStatement s : parsed.statements()) {
            for (StatementEntry e : s.entries()) {
                boolean credit = e.amount().signum() > 0 && !NOT_PAYMENTS.contains(e.kind());
                copy.field(e.line()).field(s.bankCode() == null ? "" : s.bankCode()).field(s.branch() == null ? "" : s.branch())
                        .field(s.accountId()).field(e.fitId()).field(e.postedOn()).field(e.amount().setScale(2)).field(e.type())
                        .field(e.kind().name()).field(cut(e.memo(), 1000)).field(cut(e.payeeName(), 255))
                        .field(e.payeeDocument() == null ? null : e.payeeDocument().numero()).field(cut(e.checkNumber(), 40))
                        .field(cut(e.referenceNumber(), 60)).field(credit).endRow();
            }
        }
        if (copy.rows() == 0) {
            recordRejections(tenantId, importId, parsed);
            return 0;
        }
        copy.copyInto(ds, "stage_statement (line, bank_code, agency, account, fit_id, posted_on, amount, trn_type, kind, memo, payee_name, "
                + "payee_document, check_number, reference_number, credit)");
        jdbc.execute("analyze stage_statement");

        // An entry already imported (same tenant, bank, agency, account, FITID) is a duplicate: nothing of it is inserted again.
        Integer inserted = jdbc.queryForObject("""
                with ins as (
                  insert into statement_entry (tenant_id, import_id, bank_code, agency, account, fit_id, posted_on, amount, trn_type, kind,
                         memo, payee_name, payee_document, check_number, reference_number, line, outcome)
                  select ?, ?, s.bank_code, s.agency, s.account, s.fit_id, s.posted_on, s.amount, s.trn_type, s.kind, s.memo,
                         s.payee_name, s.payee_document, s.check_number, s.reference_number, s.line,
                         case when s.credit then 'PENDING' else 'RECORDED' end
                    from stage_statement s order by s.line
                  on conflict (tenant_id, bank_code, agency, account, fit_id) do nothing
                  returning 1)
                select count(*) from ins""", Integer.class, tenantId, importId);
        int newEntries = inserted == null ? 0 : inserted;
        if (newEntries > 0) {
            match(tenantId, importId);
            decide(tenantId, importId, fileName);
        }
        recordRejections(tenantId, importId, parsed);
        return newEntries;
    }

    /** Fills statement_candidate for the new credits of the import (the rules in the class comment). */
    private void match(String tenantId, long importId) {
        // Identifiers first: a Pix txid, then a nosso número, each a word of the memo or REFNUM.
        jdbc.update("""
                insert into statement_candidate (tenant_id, entry_id, receivable_id, charge_id, score, rule, detail)
                select distinct on (e.id, r.id) ?, e.id, r.id, ch.id,
                       case when r.status in ('OPEN', 'PARTIALLY_PAID') and r.open_balance = e.amount then 1.00 else 0.50 end,
                       'PIX_TXID',
                       case when r.status not in ('OPEN', 'PARTIALLY_PAID') then format('Pix txid of charge %s in the memo; receivable is %s', ch.id, r.status)
                            when r.open_balance <> e.amount then format('Pix txid of charge %s in the memo; open balance %s, credit %s', ch.id, r.open_balance, e.amount)
                            else format('Pix txid of charge %s in the memo', ch.id) end
                  from statement_entry e
                  cross join lateral regexp_matches(coalesce(e.memo, '') || ' ' || coalesce(e.reference_number, ''),
                                                    '\\m([A-Za-z0-9]{26,35})\\M', 'g') as t(m)
                  join charge ch on ch.tenant_id = ? and ch.pix_txid = t.m[1]
                  join receivable r on r.id = ch.receivable_id and r.tenant_id = ?
                 where e.import_id = ? and e.tenant_id = ? and e.outcome = 'PENDING'
                on conflict (entry_id, receivable_id) do nothing
                """, tenantId, tenantId, tenantId, importId, tenantId);
        jdbc.update("""
                insert into statement_candidate (tenant_id, entry_id, receivable_id, charge_id, score, rule, detail)
                select distinct on (e.id, r.id) ?, e.id, r.id, ch.id,
                       case when r.status in ('OPEN', 'PARTIALLY_PAID') and r.open_balance = e.amount then 0.95 else 0.50 end,
                       'NOSSO_NUMERO',
                       case when r.status not in ('OPEN', 'PARTIALLY_PAID') then format('nosso número of charge %s in the memo; receivable is %s', ch.id, r.status)
                            when r.open_balance <> e.amount then format('nosso número of charge %s in the memo; open balance %s, credit %s', ch.id, r.open_balance, e.amount)
                            else format('nosso número of charge %s in the memo', ch.id) end
                  from statement_entry e
                  cross join lateral regexp_matches(coalesce(e.memo, '') || ' ' || coalesce(e.reference_number, ''), '(\\d{5,})', 'g') as t(m)
                  join charge ch on ch.tenant_id = ? and ch.method = 'BOLETO' and ch.nosso_numero is not null
                                and ltrim(ch.nosso_numero, '0') = ltrim(t.m[1], '0')
                  join receivable r on r.id = ch.receivable_id and r.tenant_id = ?
                 where e.import_id = ? and e.tenant_id = ? and e.outcome = 'PENDING'
                 order by e.id, r.id, ch.id
                on conflict (entry_id, receivable_id) do nothing
                """, tenantId, tenantId, tenantId, importId, tenantId);
        // Then amount, date, document and name against the open receivables.
        jdbc.update("""
                insert into statement_candidate (tenant_id, entry_id, receivable_id, charge_id, score, rule, detail)
                select ?, x.entry_id, x.receivable_id, null, x.score, 'AMOUNT_DATE', x.detail
                  from (
                    select e.id as entry_id, r.id as receivable_id,
                           least(0.94, 0.60 + d.date_points + d.doc_points + d.name_points) as score,
                           format('amount %s equals the open balance; due %s, %s day(s) from the posting%s%s',
                                  e.amount, r.due_date, d.days,
                                  case when d.doc_points > 0 then '; payer document in the entry' else '' end,
                                  case when d.name_points > 0 then '; payer name in the entry' else '' end) as detail,
                           row_number() over (partition by e.id
                                              order by least(0.94, 0.60 + d.date_points + d.doc_points + d.name_points) desc, d.days, r.id) as rank
                      from statement_entry e
                      join receivable r on r.tenant_id = ? and r.status in ('OPEN', 'PARTIALLY_PAID') and r.open_balance = e.amount
                                       and r.due_date between e.posted_on - 30 and e.posted_on + 30
                      join customer c on c.id = r.customer_id and c.tenant_id = ?
                      cross join lateral (
                        select abs(e.posted_on - r.due_date) as days,
                               case when abs(e.posted_on - r.due_date) = 0 then 0.30
                                    when abs(e.posted_on - r.due_date) <= 3 then 0.20
                                    when abs(e.posted_on - r.due_date) <= 10 then 0.10 else 0 end as date_points,
                               case when e.payee_document = c.documento
                                      or regexp_replace(coalesce(e.memo, '') || ' ' || coalesce(e.payee_name, ''), '[./-]', '', 'g')
                                         ~ ('\\m' || c.documento || '\\M') then 0.30 else 0 end as doc_points,
                               case when length(c.nome) >= 5 and (hub_fold(e.payee_name) = hub_fold(c.nome)
                                      or position(hub_fold(c.nome) in hub_fold(coalesce(e.memo, '') || ' ' || coalesce(e.payee_name, ''))) > 0)
                                    then 0.15 else 0 end as name_points) d
                     where e.import_id = ? and e.tenant_id = ? and e.outcome = 'PENDING') x
                 where x.rank <= 5
                on conflict (entry_id, receivable_id) do nothing
                """, tenantId, tenantId, tenantId, importId, tenantId);
    }

    /** Applies the credits with one candidate at or above the threshold; queues the others. */
    private void decide(String tenantId, long importId, String fileName) {
        long rev = audit.newRevision();
        jdbc.execute("create temp table if not exists statement_decision (entry_id bigint, line bigint, receivable_id bigint, charge_id bigint, "
                + "score numeric(3,2), rule text, best numeric(3,2), candidates int, above int, taken_by bigint, payment_id bigint, "
                + "decision text, note text) on commit drop");
        jdbc.execute("truncate statement_decision");
        jdbc.update("""
                insert into statement_decision (entry_id, line, receivable_id, charge_id, score, rule, best, candidates, above, decision)
                select e.id, e.line, top.receivable_id, top.charge_id, top.score, top.rule,
                       (select max(c.score) from statement_candidate c where c.entry_id = e.id),
                       (select count(*) from statement_candidate c where c.entry_id = e.id),
                       (select count(*) from statement_candidate c where c.entry_id = e.id and c.score >= ?),
                       'PENDING'
                  from statement_entry e
                  left join lateral (select c.receivable_id, c.charge_id, c.score, c.rule from statement_candidate c
                                      where c.entry_id = e.id order by c.score desc, c.id limit 1) top on true
                 where e.import_id = ? and e.tenant_id = ? and e.outcome = 'PENDING'
                """, threshold, importId, tenantId);
        jdbc.update("""
                update statement_decision d set decision = case
                    when d.candidates = 0 then 'UNMATCHED'
                    when d.above = 1 then 'MATCHED'
                    else 'SUGGESTED' end
                """);
        // Two credits of one file for the same receivable: the first line takes it, the others wait for a person.
        jdbc.update("""
                update statement_decision d set decision = 'SUGGESTED', taken_by = f.first_line
                  from (select entry_id, first_value(line) over (partition by receivable_id order by line) as first_line,
                               row_number() over (partition by receivable_id order by line) as n
                          from statement_decision where decision = 'MATCHED') f
                 where d.entry_id = f.entry_id and f.n > 1
                """);
        // The same money the rail already reported (the PSP's Pix, the bank's boleto settlement) reaching the account: the credit
        // names that charge and equals the payment (or its net credit). It is linked to that payment, never recorded twice
        // (a second, unallocated payment would invite a collector to allocate the same money again).
        jdbc.update("""
                update statement_decision d set decision = 'ALREADY_RECORDED', payment_id = known.payment_id,
                       receivable_id = known.receivable_id, charge_id = known.charge_id, rule = known.rule, score = 1.00
                  from statement_entry e
                  cross join lateral (
                    select p.id as payment_id, c.receivable_id, c.charge_id, c.rule
                      from statement_candidate c
                      join payment p on p.tenant_id = ? and p.charge_id = c.charge_id
                                    and (p.amount = e.amount or p.net_credit = e.amount)
                                    and p.idempotency_key not like 'extrato|%'
                     where c.entry_id = e.id and c.rule in ('PIX_TXID', 'NOSSO_NUMERO')
                       and not exists (select 1 from statement_entry s where s.tenant_id = ? and s.payment_id = p.id)
                     order by p.id limit 1) known
                 where e.id = d.entry_id and e.tenant_id = ?
                """, tenantId, tenantId, tenantId);
        // Two credits of one file naming the same payment: the first line is that money, the others wait for a person.
        jdbc.update("""
                update statement_decision d set decision = 'SUGGESTED', payment_id = null,
                       note = format('line %s of this file is already the payment this credit names', f.first_line)
                  from (select entry_id, first_value(line) over (partition by payment_id order by line) as first_line,
                               row_number() over (partition by payment_id order by line) as n
                          from statement_decision where decision = 'ALREADY_RECORDED') f
                 where d.entry_id = f.entry_id and f.n > 1
                """);
        jdbc.execute("analyze statement_decision");

        // Every other credit is money received: a payment, unique by its idempotency key; allocated only when matched.
        jdbc.update("""
                with ins as (
                  insert into payment (tenant_id, charge_id, bank_code, amount, fee, net_credit, payment_date, credit_date, source_file,
                         source_line, import_id, idempotency_key)
                  select ?, case when d.decision = 'MATCHED' then d.charge_id end,
                         case when length(e.bank_code) = 3 then e.bank_code end, e.amount, 0, e.amount, e.posted_on, e.posted_on, ?,
                         e.line, ?, concat_ws('|', 'extrato', e.bank_code, e.agency, e.account, e.fit_id)
                    from statement_decision d join statement_entry e on e.id = d.entry_id
                   where d.decision <> 'ALREADY_RECORDED'
                  on conflict (tenant_id, idempotency_key) do nothing
                  returning id, source_line)
                update statement_decision d set payment_id = ins.id from ins where d.line = ins.source_line
                """, tenantId, fileName, importId);
        List<Long> payments = jdbc.queryForList("select payment_id from statement_decision where payment_id is not null "
                + "and decision <> 'ALREADY_RECORDED'", Long.class);
        audit.record("payment", rev, BulkAudit.RevType.ADD, payments);
        // A key already taken (a payment of this movement recorded another way) applies nothing twice.
        jdbc.update("update statement_decision set decision = 'SUGGESTED', note = 'a payment with its idempotency key already exists' "
                + "where payment_id is null and decision = 'MATCHED'");

        List<Long> allocations = jdbc.queryForList("""
                insert into allocation (tenant_id, payment_id, receivable_id, amount)
                select ?, d.payment_id, d.receivable_id, e.amount
                  from statement_decision d join statement_entry e on e.id = d.entry_id
                 where d.decision = 'MATCHED' returning id
                """, Long.class, tenantId);
        audit.record("allocation", rev, BulkAudit.RevType.ADD, allocations);
        List<Long> receivables = jdbc.queryForList("""
                update receivable r set open_balance = r.open_balance - e.amount,
                       status = case when r.open_balance - e.amount = 0 then 'PAID' else 'PARTIALLY_PAID' end,
                       updated_at = now(), version = r.version + 1
                  from statement_decision d join statement_entry e on e.id = d.entry_id
                 where d.decision = 'MATCHED' and r.id = d.receivable_id and r.tenant_id = ? returning r.id
                """, Long.class, tenantId);
        audit.record("receivable", rev, BulkAudit.RevType.MOD, receivables);
        List<Long> charges = jdbc.queryForList("""
                update charge c set status = 'PAID', version = c.version + 1
                  from statement_decision d
                 where d.decision = 'MATCHED' and c.id = d.charge_id and c.tenant_id = ? and c.status <> 'PAID' returning c.id
                """, Long.class, tenantId);
        audit.record("charge", rev, BulkAudit.RevType.MOD, charges);
        // Paid through the account: the receivable's live boletos and cobs must stop taking money.
        paidReceivables.retireOtherCharges(tenantId, rev, receivables);

        jdbc.update("""
                update statement_entry e set outcome = d.decision, payment_id = d.payment_id,
                       confidence = case when d.decision in ('MATCHED', 'ALREADY_RECORDED') then d.score else d.best end,
                       match_rule = case when d.decision in ('MATCHED', 'ALREADY_RECORDED') then d.rule end,
                       receivable_id = case when d.decision in ('MATCHED', 'ALREADY_RECORDED') then d.receivable_id end,
                       charge_id = case when d.decision in ('MATCHED', 'ALREADY_RECORDED') then d.charge_id end
                  from statement_decision d where e.id = d.entry_id and e.tenant_id = ?
                """, tenantId);
        jdbc.update("""
                insert into reconciliation_exception (tenant_id, import_id, payment_id, statement_entry_id, kind, reason)
                select ?, ?, d.payment_id, d.entry_id,
                       case when d.decision = 'UNMATCHED' then 'STATEMENT_UNMATCHED' else 'STATEMENT_LOW_CONFIDENCE' end,
                       case when d.decision = 'UNMATCHED' then
                                 format('line %s: credit of %s on %s (FITID %s) matches no open receivable or charge of this tenant; '
                                        || 'payment recorded unallocated', e.line, e.amount, e.posted_on, e.fit_id)
                            when d.note is not null then
                                 format('line %s: credit of %s on %s (FITID %s) scores %s for receivable %s, but %s: nothing applied',
                                        e.line, e.amount, e.posted_on, e.fit_id, d.score, d.receivable_id, d.note)
                            when d.taken_by is not null then
                                 format('line %s: credit of %s on %s (FITID %s) scores %s for receivable %s, which line %s of this file '
                                        || 'already took; payment recorded unallocated', e.line, e.amount, e.posted_on, e.fit_id, d.score,
                                        d.receivable_id, d.taken_by)
                            when d.above > 1 then
                                 format('line %s: credit of %s on %s (FITID %s): %s candidates score at least %s, none is unique; '
                                        || 'payment recorded unallocated', e.line, e.amount, e.posted_on, e.fit_id, d.above, ?::numeric(3,2))
                            else format('line %s: credit of %s on %s (FITID %s): best candidate scores %s, below %s; '
                                        || 'payment recorded unallocated', e.line, e.amount, e.posted_on, e.fit_id, d.best, ?::numeric(3,2)) end
                  from statement_decision d join statement_entry e on e.id = d.entry_id
                 where d.decision not in ('MATCHED', 'ALREADY_RECORDED')
                """, tenantId, importId, threshold, threshold);
    }

    private void recordRejections(String tenantId, long importId, StatementFile parsed) {
        for (var r : parsed.rejections()) {
            jdbc.update("insert into reconciliation_exception (tenant_id, import_id, kind, reason) values (?,?,'UNREADABLE_RECORD',?)",
                    tenantId, importId, cut(r.file() + ":" + r.line() + " [" + r.field() + "]: " + r.reason(), 1000));
        }
    }

    /** @return the outcome of a statement import of the tenant */
    public StatementResult result(String tenantId, long importId) {
        ImportReport report = importLog.get(tenantId, importId).orElseThrow();
        List<StatementResult.Candidate> candidates = jdbc.query("""
                select c.entry_id, c.receivable_id, c.charge_id, c.score, c.rule, c.detail
                  from statement_candidate c join statement_entry e on e.id = c.entry_id
                 where e.import_id = ? and e.tenant_id = ? and c.tenant_id = ?
                 order by c.entry_id, c.score desc, c.id""",
                (rs, i) -> new StatementResult.Candidate(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getBigDecimal(4),
                        rs.getString(5), rs.getString(6)), importId, tenantId, tenantId);
        List<StatementResult.Entry> entries = jdbc.query("""
                select id, line, bank_code, agency, account, fit_id, posted_on, amount, trn_type, outcome, confidence, match_rule,
                       receivable_id, charge_id, payment_id
                  from statement_entry where import_id = ? and tenant_id = ? order by line""",
                (rs, i) -> {
                    long id = rs.getLong("id");
                    return new StatementResult.Entry(id, rs.getLong("line"), rs.getString("bank_code"), rs.getString("agency"),
                            rs.getString("account"), rs.getString("fit_id"), rs.getObject("posted_on", LocalDate.class),
                            rs.getBigDecimal("amount"), rs.getString("trn_type"), rs.getString("outcome"), rs.getBigDecimal("confidence"),
                            rs.getString("match_rule"), (Long) rs.getObject("receivable_id"), (Long) rs.getObject("charge_id"),
                            (Long) rs.getObject("payment_id"), candidates.stream().filter(c -> c.entryId() == id).toList());
                }, importId, tenantId);
        int matched = (int) entries.stream().filter(e -> "MATCHED".equals(e.outcome())).count();
        int suggested = (int) entries.stream().filter(e -> "SUGGESTED".equals(e.outcome())).count();
        int unmatched = (int) entries.stream().filter(e -> "UNMATCHED".equals(e.outcome())).count();
        int recorded = (int) entries.stream().filter(e -> "RECORDED".equals(e.outcome())).count();
        int alreadyRecorded = (int) entries.stream().filter(e -> "ALREADY_RECORDED".equals(e.outcome())).count();
        BigDecimal matchedAmount = entries.stream().filter(e -> "MATCHED".equals(e.outcome())).map(StatementResult.Entry::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new StatementResult(report, report.read() - report.rejected(), matched, matchedAmount, suggested, unmatched, recorded,
                alreadyRecorded, report.unchanged(), report.rejected(), threshold, entries);
    }

    private StatementResult failed(String tenantId, SourceFile file, String sha, String pluginId, String reason, Instant started) {
        long id = importLog.recordNotApplied(tenantId, ImportLog.Kind.BANK_STATEMENT, file.name(), sha, pluginId, "FAILED", null, reason,
                started);
        StatementResult r = result(tenantId, id);
        log.warn("tenant {} statement {}: {}", tenantId, id, r.summary());
        return r;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
