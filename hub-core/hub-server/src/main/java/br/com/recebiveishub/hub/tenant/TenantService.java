package br.com.recebiveishub.hub.tenant;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.hub.audit.AuditContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Onboarding of tenants and their bank accounts: the tenant capability's public API. */
@Service
public class TenantService {

    /** Published after a tenant is created so its inbox routes start. */
    public record TenantCreated(String tenantId) {
    }

    /**
     * What onboarding a bank account needs.
     *
     * @param bankCode          COMPE code, e.g. 104
     * @param providerPluginId  the payment provider plugin, e.g. pay-boleto
     * @param firstNossoNumero  the first nosso número the hub may use at this account
     */
    public record NewBankAccount(String bankCode, String agencia, String agenciaDv, String conta, String contaDv,
                                 String carteira, String convenio, String providerPluginId, Long firstNossoNumero,
                                 BigDecimal finePercent, BigDecimal monthlyInterestPercent) {
    }

    private final TenantRepository tenants;
    private final BankAccountRepository accounts;
    private final TenantDirectories dirs;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    public TenantService(TenantRepository tenants, BankAccountRepository accounts, TenantDirectories dirs,
                         ApplicationEventPublisher events, TransactionTemplate tx) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.dirs = dirs;
        this.events = events;
        this.tx = tx;
    }

    /**
     * Creates a tenant and its inboxes.
     *
     * @throws IllegalArgumentException naming the field when the input is invalid or the id is taken
     */
    public Tenant create(String id, String name, String documento, int defaultTermDays, Endereco endereco) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{1,39}")) {
            throw new IllegalArgumentException("id: must be 2-40 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: required");
        }
        Documento doc;
        try {
            doc = Documento.parse(documento);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("documento: " + e.getMessage());
        }
        if (defaultTermDays < 0 || defaultTermDays > 3650) {
            throw new IllegalArgumentException("defaultTermDays: must be between 0 and 3650");
        }
        // Onboarding is a hub-wide act: its revision belongs to the hub-wide audit chain (no tenant),
        // which only a scope over all tenants may write. The transaction touches the new tenant's row only.
        AuditContext.Scope caller = AuditContext.current();
        try (AuditContext.Scope s = AuditContext.open(caller.actor(), caller.username(), null, List.of(AuditContext.ALL_TENANTS),
                caller.reason() != null ? caller.reason() : "tenant onboarding: " + id, caller.source(), caller.clientAddress(),
                caller.userAgent(), caller.correlationId())) {
            Tenant t = tx.execute(status -> {
                if (tenants.existsById(id)) {
                    throw new IllegalArgumentException("id: tenant '" + id + "' already exists");
                }
                Tenant created = new Tenant(id, name.trim(), doc.numero(), defaultTermDays);
                created.setEndereco(endereco);
                tenants.save(created);
                events.publishEvent(new TenantCreated(id));
                return created;
            });
            dirs.erpInbox(id);
            dirs.returnInbox(id);
            dirs.remessaOutbox(id);
            return t;
        }
    }

    /** @throws NoSuchElementException when there is no such tenant */
    @Transactional(readOnly = true)
    public Tenant require(String id) {
        return tenants.findById(id).orElseThrow(() -> new NoSuchElementException("tenant '" + id + "' not found"));
    }

    /** @return the tenants the current scope may see, by id */
    @Transactional(readOnly = true)
    public List<Tenant> list() {
        return tenants.findAll(org.springframework.data.domain.Sort.by("id"));
    }

    /** Adds a collection account to a tenant. */
    @Transactional
    public BankAccountConfig addBankAccount(String tenantId, NewBankAccount a) {
        require(tenantId);
        if (a.bankCode() == null || !a.bankCode().matches("\\d{3}")) {
            throw new IllegalArgumentException("bankCode: must be the 3-digit COMPE code");
        }
        for (String[] f : new String[][] {{"agencia", a.agencia()}, {"conta", a.conta()}, {"carteira", a.carteira()}, {"convenio", a.convenio()}}) {
            if (f[1] == null || !f[1].matches("\\d{1,20}")) {
                throw new IllegalArgumentException(f[0] + ": digits required");
            }
        }
        if (a.providerPluginId() == null || a.providerPluginId().isBlank()) {
            throw new IllegalArgumentException("providerPluginId: required");
        }
        long first = a.firstNossoNumero() == null ? 1 : a.firstNossoNumero();
        if (first < 1) {
            throw new IllegalArgumentException("firstNossoNumero: must be positive");
        }
        return accounts.save(new BankAccountConfig(tenantId, a.bankCode(), a.agencia(), a.agenciaDv(), a.conta(),
                a.contaDv(), a.carteira(), a.convenio(), a.providerPluginId(), first, a.finePercent(),
                a.monthlyInterestPercent()));
    }

    @Transactional(readOnly = true)
    public List<BankAccountConfig> bankAccounts(String tenantId) {
        require(tenantId);
        return accounts.findByTenantIdOrderById(tenantId);
    }

    /** @return the account as the SDK describes it to a provider plugin */
    public static BankAccount toSdk(Tenant t, BankAccountConfig a) {
        return new BankAccount(a.getBankCode(), a.getAgencia(), a.getAgenciaDv(), a.getConta(), a.getContaDv(),
                a.getCarteira(), a.getConvenio(), t.getName(), Documento.parse(t.getDocumento()), t.getEndereco());
    }

}
