package br.com.recebiveishub.hub.charge;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.audit.BulkAudit;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.tenant.BankAccountConfig;
import br.com.recebiveishub.hub.tenant.BankAccountRepository;
import br.com.recebiveishub.hub.tenant.Tenant;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.Remessa;
import br.com.recebiveishub.sdk.model.RemessaItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues boletos for a tenant's open receivables and writes the remessa that registers them: the
 * charge capability's public API.
 *
 * <p>Idempotent: a receivable that already has a live charge (pending, registered, paid or
 * unknown) gets no other; running the issue twice issues nothing the second time. Nosso número
 * and remessa sequence are taken under a row lock on the bank account, so two issuers never
 * hand out the same number.
 */
@Service
public class ChargeService {

    private static final Logger log = LoggerFactory.getLogger(ChargeService.class);

    /**
     * What one issue run did.
     *
     * @param issued        boletos issued
     * @param remessaId     the remessa written, or null when nothing was issued
     * @param remessaFile   its file name
     * @param remessaPath   where it was written
     * @param total         the amount charged
     * @param notIssued     receivables the provider refused, with the reason
     * @param remaining     receivables left for the next run (more than {@link #MAX_TITLES_PER_RUN})
     */
    public record IssueResult(int issued, Long remessaId, String remessaFile, String remessaPath, BigDecimal total,
                              List<NotIssued> notIssued, int remaining, int cancellationsSent) {
    }

    /** What a cancellation request did: {@code changed} false when it had already been requested. */
    public record CancellationOutcome(long chargeId, String status, boolean changed, Long revision) {
    }

    /**
     * Titles per remessa and run: a CNAB 240 batch counts its records in 5 digits (99,999), three
     * records (P, Q, R) per title. What is left is issued by the next run.
     */
    public static final int MAX_TITLES_PER_RUN = 30_000;

    /**
     * A receivable the provider refused to charge, with its reason; it keeps its place for the next run.
     *
     * @param receivableId the receivable
     * @param reason       the provider's reason, naming the field
     */
    public record NotIssued(long receivableId, String reason) {
    }

    private final PluginRuntime plugins;
    private final TenantService tenants;
    private final BankAccountRepository accounts;
    private final TenantDirectories dirs;
    private final JdbcTemplate jdbc;
    private final BulkAudit audit;
    private final TransactionTemplate tx;
    private final java.time.ZoneId zone;
    private final br.com.recebiveishub.hub.audit.PluginDataShareLog shares;

    public ChargeService(PluginRuntime plugins, TenantService tenants, BankAccountRepository accounts, TenantDirectories dirs,
                         JdbcTemplate jdbc, BulkAudit audit, TransactionTemplate tx,
                         br.com.recebiveishub.hub.platform.HubProperties props,
                         br.com.recebiveishub.hub.audit.PluginDataShareLog shares) {
        this.shares = shares;
        this.plugins = plugins;
        this.tenants = tenants;
        this.accounts = accounts;
        this.dirs = dirs;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.zone = props.zoneId();
    }

    private record Candidate(long customerId, long receivableId, String documentNumber, LocalDate issueDate, LocalDate dueDate,
                             BigDecimal amount, Debtor payer) {
    }

    /** Issues a boleto for every open receivable of the tenant without a live charge, at the given account. */
    public IssueResult issueBoletos(String tenantId, long bankAccountId) {
        Tenant tenant = tenants.require(tenantId);
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "boleto issue", null)) {
            return tx.execute(status -> {
                BankAccountConfig account = accounts.lockForIssue(bankAccountId, tenantId)
                        .orElseThrow(() -> new NoSuchElementException("bank account " + bankAccountId + " not found for tenant " + tenantId));
                PaymentProvider provider = plugins.paymentProvider(account.getProviderPluginId(), account.getBankCode())
                        .orElseThrow(() -> new IllegalStateException("plugin " + account.getProviderPluginId()
                                + " is not started or does not serve bank " + account.getBankCode()))
                        .extension();
                List<Candidate> all = candidates(tenantId);
                if (!all.isEmpty()) {
                    // The provider receives each payer's document, name, address and contacts: the LGPD sharing report lists it.
                    shares.recordAll(tenantId, account.getProviderPluginId(), br.com.recebiveishub.hub.audit.AccessLog.CUSTOMER,
                            all.stream().map(c -> String.valueOf(c.customerId())).distinct().toList(),
                            List.of("documento", "nome", "endereco", "email", "telefone"), "boleto issue");
                }
                int remaining = Math.max(0, all.size() - MAX_TITLES_PER_RUN);
                if (remaining > 0) {
                    all = all.subList(0, MAX_TITLES_PER_RUN);
                }
                // Numbers the client registered before onboarding (imported with its ERP export) may lie
                // ahead of the account's sequence: skip them rather than collide.
                java.util.Set<String> taken = new java.util.HashSet<>(jdbc.queryForList(
                        "select nosso_numero from charge where tenant_id = ? and bank_code = ?", String.class, tenantId,
                        account.getBankCode()));
                BankAccount sdkAccount = TenantService.toSdk(tenant, account);
                LocalDate today = LocalDate.now(zone);
                List<Candidate> candidates = new ArrayList<>(all.size());
                List<RemessaItem> items = new ArrayList<>(all.size());
                List<NotIssued> notIssued = new ArrayList<>();
                for (Candidate c : all) {
                    // A refused receivable must not block the others; it gets no number, so none is wasted.
                    try {
                        RemessaItem item;
                        do {
                            ChargeRequest req = new ChargeRequest(account.getNextNossoNumero(), c.documentNumber(), today, c.dueDate(),
                                    c.amount(), c.payer(), account.getFinePercent(), account.getMonthlyInterestPercent());
                            item = new RemessaItem(req, provider.issue(sdkAccount, req));
                            account.reserveNossoNumeros(1);
                        } while (!taken.add(item.charge().nossoNumero()));
                        items.add(item);
                        candidates.add(c);
                    } catch (IllegalArgumentException e) {
                        notIssued.add(new NotIssued(c.receivableId(), e.getMessage()));
                    }
                }
                if (!notIssued.isEmpty()) {
                    log.warn("tenant {}: {} receivables not issued, first: receivable {}: {}", tenantId, notIssued.size(),
                            notIssued.get(0).receivableId(), notIssued.get(0).reason());
                }
                // Cancellations asked for since the last run travel in the same remessa (movement 02).
                List<Long> cancelIds = new ArrayList<>();
                List<RemessaItem> cancels = cancellationItems(tenantId, account.getId(), cancelIds);
                if (candidates.isEmpty() && cancels.isEmpty()) {
                    accounts.saveAndFlush(account);
                    return new IssueResult(0, null, null, null, BigDecimal.ZERO, notIssued, remaining, 0);
                }
                List<RemessaItem> all2 = new ArrayList<>(items);
                all2.addAll(cancels);
                int seq = account.reserveRemessaSeq();
                accounts.saveAndFlush(account);
                Remessa remessa = provider.buildRemessa(sdkAccount, seq, LocalDateTime.now(zone), all2);
                // Two accounts at one bank may get the same provider file name on the same day: the account id keeps them apart.
                String fileName = "conta" + account.getId() + "-" + remessa.fileName();
                Long remessaId = jdbc.queryForObject("insert into remessa (tenant_id, bank_account_id, sequence, file_name, titles, content) "
                        + "values (?,?,?,?,?,?) returning id", Long.class, tenantId, account.getId(), seq, fileName, remessa.titles(),
                        remessa.content());
                List<Long> ids = candidates.isEmpty() ? List.of() : insertCharges(tenantId, account, candidates, items, remessaId);
                long rev = audit.newRevision();
                audit.record("charge", rev, BulkAudit.RevType.ADD, ids);
                if (!cancelIds.isEmpty()) {
                    jdbc.update(con -> {
                        var ps = con.prepareStatement("update charge set cancel_remessa_id = ?, version = version + 1 where tenant_id = ? "
                                + "and id = any(?)");
                        ps.setLong(1, remessaId);
                        ps.setString(2, tenantId);
                        ps.setArray(3, con.createArrayOf("bigint", cancelIds.toArray()));
                        return ps;
                    });
                    audit.record("charge", rev, BulkAudit.RevType.MOD, cancelIds);
                }
                Path out = dirs.remessaOutbox(tenantId).resolve(fileName);
                writeAfterCommit(out, remessa.content());
                BigDecimal total = candidates.stream().map(Candidate::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                log.info("tenant {}: issued {} boletos at bank {} (total {}) and asked {} cancellations, remessa {} seq {}", tenantId,
                        ids.size(), account.getBankCode(), total, cancelIds.size(), fileName, seq);
                return new IssueResult(ids.size(), remessaId, fileName, out.toString(), total, notIssued, remaining, cancelIds.size());
            });
        }
    }

    /**
     * Asks the bank to cancel (baixa) a live boleto: a sensitive write with a reason. The request goes
     * in the account's next remessa; the charge stays live (the bank may still collect it) until the
     * bank's return confirms the baixa, which makes it CANCELLED.
     */
    public CancellationOutcome requestCancellation(String tenantId, long chargeId, String reason) {
        String why = br.com.recebiveishub.hub.audit.SensitiveWrite.requireReason(reason, "a boleto cancellation");
        tenants.require(tenantId);
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "boleto cancellation: " + why, null)) {
            return tx.execute(st -> {
                List<String> found = jdbc.queryForList("select status from charge where id = ? and tenant_id = ? for update", String.class,
                        chargeId, tenantId);
                if (found.isEmpty()) {
                    throw new NoSuchElementException("charge " + chargeId + " not found");
                }
                String status = found.get(0);
                if ("CANCEL_REQUESTED".equals(status)) {
                    return new CancellationOutcome(chargeId, status, false, null);
                }
                if (!List.of("REGISTRATION_PENDING", "REGISTERED", "UNKNOWN").contains(status)) {
                    throw new IllegalStateException("charge " + chargeId + " is " + status + ": there is nothing live at the bank to cancel");
                }
                jdbc.update("update charge set status = 'CANCEL_REQUESTED', version = version + 1 where id = ? and tenant_id = ?",
                        chargeId, tenantId);
                long rev = audit.newRevision();
                audit.record("charge", rev, BulkAudit.RevType.MOD, List.of(chargeId));
                return new CancellationOutcome(chargeId, "CANCEL_REQUESTED", true, rev);
            });
        }
    }

    /** The account's boletos whose cancellation was asked for and not yet sent, as remessa items. */
    private List<RemessaItem> cancellationItems(String tenantId, long accountId, List<Long> ids) {
        return jdbc.query("""
                select ch.id, ch.bank_code, ch.nosso_numero, ch.nosso_numero_impresso, ch.barcode, ch.linha_digitavel, ch.amount,
                       ch.due_date, r.document_number, r.issue_date, (ch.created_at at time zone 'America/Sao_Paulo')::date,
                       c.documento, c.nome, c.logradouro, c.numero, c.complemento, c.bairro, c.municipio, c.uf, c.cep, c.email, c.telefone
                  from charge ch join receivable r on r.id = ch.receivable_id join customer c on c.id = r.customer_id
                 where ch.tenant_id = ? and ch.bank_account_id = ? and ch.status = 'CANCEL_REQUESTED' and ch.cancel_remessa_id is null
                 order by ch.id
                """, (rs, i) -> {
            ids.add(rs.getLong(1));
            LocalDate issued = rs.getObject(10, LocalDate.class) != null ? rs.getObject(10, LocalDate.class) : rs.getObject(11, LocalDate.class);
            Debtor payer = new Debtor(Documento.parse(rs.getString(12)), rs.getString(13),
                    new Endereco(rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18),
                            rs.getString(19), rs.getString(20)), rs.getString(21), rs.getString(22));
            ChargeRequest req = new ChargeRequest(0, rs.getString(9), issued, rs.getObject(8, LocalDate.class), rs.getBigDecimal(7), payer,
                    null, null);
            return new RemessaItem(req, new IssuedCharge(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6)), RemessaItem.Instruction.CANCEL);
        }, tenantId, accountId);
    }

    private List<Candidate> candidates(String tenantId) {
        return jdbc.query("""
                select c.id as customer_id, r.id, r.document_number, r.issue_date, r.due_date, r.open_balance,
                       c.documento, c.nome, c.logradouro, c.numero, c.complemento, c.bairro, c.municipio, c.uf, c.cep, c.email, c.telefone
                  from receivable r join customer c on c.id = r.customer_id
                 where r.tenant_id = ? and r.status in ('OPEN', 'PARTIALLY_PAID')
                   and not exists (select 1 from charge ch where ch.receivable_id = r.id
                                    and ch.status in ('REGISTRATION_PENDING', 'REGISTERED', 'PAID', 'UNKNOWN', 'CANCEL_REQUESTED'))
                 order by r.id
                """, (rs, i) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getBigDecimal(6),
                new Debtor(Documento.parse(rs.getString(7)), rs.getString(8),
                        new Endereco(rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                                rs.getString(14), rs.getString(15)), rs.getString(16), rs.getString(17))), tenantId);
    }

    /** One statement for the whole batch: the columns travel as arrays and are unnested server-side. */
    private List<Long> insertCharges(String tenantId, BankAccountConfig account, List<Candidate> candidates, List<RemessaItem> items,
                                     Long remessaId) {
        int n = items.size();
        Object[] receivable = new Object[n];
        Object[] nosso = new Object[n];
        Object[] impresso = new Object[n];
        Object[] barcode = new Object[n];
        Object[] linha = new Object[n];
        Object[] amount = new Object[n];
        Object[] due = new Object[n];
        for (int i = 0; i < n; i++) {
            IssuedCharge ic = items.get(i).charge();
            Candidate c = candidates.get(i);
            receivable[i] = c.receivableId();
            nosso[i] = ic.nossoNumero();
            impresso[i] = ic.nossoNumeroImpresso();
            barcode[i] = ic.barcode();
            linha[i] = ic.linhaDigitavel();
            amount[i] = c.amount();
            due[i] = java.sql.Date.valueOf(c.dueDate());
        }
        return jdbc.execute((java.sql.Connection con) -> {
            try (var ps = con.prepareStatement("""
                    insert into charge (tenant_id, receivable_id, method, provider_plugin_id, bank_account_id, bank_code, nosso_numero,
                           nosso_numero_impresso, barcode, linha_digitavel, amount, due_date, status, remessa_id)
                    select ?, r, 'BOLETO', ?, ?, ?, nn, nni, bc, ld, am, dd, 'REGISTRATION_PENDING', ?
                      from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::date[])
                           as t(r, nn, nni, bc, ld, am, dd)
                    returning id""")) {
                ps.setString(1, tenantId);
                ps.setString(2, account.getProviderPluginId());
                ps.setLong(3, account.getId());
                ps.setString(4, account.getBankCode());
                ps.setLong(5, remessaId);
                ps.setArray(6, con.createArrayOf("bigint", receivable));
                ps.setArray(7, con.createArrayOf("text", nosso));
                ps.setArray(8, con.createArrayOf("text", impresso));
                ps.setArray(9, con.createArrayOf("text", barcode));
                ps.setArray(10, con.createArrayOf("text", linha));
                ps.setArray(11, con.createArrayOf("numeric", amount));
                ps.setArray(12, con.createArrayOf("date", due));
                List<Long> ids = new ArrayList<>(n);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /** The remessa row is the record; the file in the outbox is written only once it is committed. */
    private static void writeAfterCommit(Path out, byte[] content) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    Path tmp = out.resolveSibling("." + out.getFileName());
                    Files.write(tmp, content);
                    if (Files.exists(out)) {
                        throw new IOException(out + " already exists; the remessa stays in the database (GET .../remessas/{id}/file)");
                    }
                    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException("remessa committed but not written to " + out, e);
                }
            }
        });
    }
}
