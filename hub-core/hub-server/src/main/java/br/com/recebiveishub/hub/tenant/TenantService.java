package br.com.recebiveishub.hub.tenant;

import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.hub.audit.AuditContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
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
     * @param bankCode               COMPE code, e.g. 104; an installed, started payment provider plugin
     *                               {@code providerPluginId} must serve it
     * @param agencia                1 to 5 digits
     * @param agenciaDv              check digit of the agência: one digit or X, may be empty
     * @param conta                  1 to 12 digits
     * @param contaDv                check digit of the conta: one digit or X, may be empty
     * @param carteira               1 to 3 digits
     * @param convenio               1 to 20 digits
     * @param providerPluginId       the payment provider plugin, e.g. pay-boleto
     * @param firstNossoNumero       the first nosso número the hub may use at this account, 1 to 10^15-1 (default 1)
     * @param finePercent            late-payment fine printed on the boleto, 0 to 2 (%): CDC Art. 52 §1 caps it at 2%
     * @param monthlyInterestPercent late-payment interest, 0 to 1 (% a month): 1% a month is the usual legal rate
     *                               for late payment; a creditor who may lawfully charge more cannot configure it
     *                               here yet
     */
    public record NewBankAccount(String bankCode, String agencia, String agenciaDv, String conta, String contaDv,
                                 String carteira, String convenio, String providerPluginId, Long firstNossoNumero,
                                 BigDecimal finePercent, BigDecimal monthlyInterestPercent) {
    }

    /** Late-payment fine cap, % (CDC Art. 52 §1). */
    public static final BigDecimal MAX_FINE_PERCENT = new BigDecimal("2");
    /** Late-payment interest cap, % a month (the usual legal rate, 1% a month). */
    public static final BigDecimal MAX_MONTHLY_INTEREST_PERCENT = BigDecimal.ONE;
    /** Largest nosso número the hub hands out (15 digits: Caixa SIGCB's free number). */
    public static final long MAX_NOSSO_NUMERO = 999_999_999_999_999L;
    /** The 26 states and the Distrito Federal. */
    static final Set<String> UFS = Set.of("AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA",
            "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO");

    private final TenantRepository tenants;
    private final BankAccountRepository accounts;
    private final TenantDirectories dirs;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final PluginRuntime plugins;

    public TenantService(TenantRepository tenants, BankAccountRepository accounts, TenantDirectories dirs,
                         ApplicationEventPublisher events, TransactionTemplate tx, PluginRuntime plugins) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.dirs = dirs;
        this.events = events;
        this.tx = tx;
        this.plugins = plugins;
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
        if (name.trim().length() > 200) {
            throw new IllegalArgumentException("name: at most 200 characters");
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
                created.setEndereco(validEndereco(endereco));
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

    /**
     * Adds a collection account to a tenant.
     *
     * @throws IllegalArgumentException naming the field when the input is invalid or no started plugin serves the bank
     * @throws IllegalStateException    when the tenant already has this account (bank, agência, conta, carteira)
     */
    @Transactional
    public BankAccountConfig addBankAccount(String tenantId, NewBankAccount a) {
        require(tenantId);
        if (a.bankCode() == null || !a.bankCode().matches("\\d{3}")) {
            throw new IllegalArgumentException("bankCode: must be the 3-digit COMPE code");
        }
        digits("agencia", a.agencia(), 5);
        digits("conta", a.conta(), 12);
        digits("carteira", a.carteira(), 3);
        digits("convenio", a.convenio(), 20);
        checkDigit("agenciaDv", a.agenciaDv());
        checkDigit("contaDv", a.contaDv());
        if (a.providerPluginId() == null || a.providerPluginId().isBlank()) {
            throw new IllegalArgumentException("providerPluginId: required");
        }
        if (plugins.extensions(PaymentProvider.class).stream().noneMatch(e -> e.pluginId().equals(a.providerPluginId()))) {
            throw new IllegalArgumentException("providerPluginId: no installed and started payment provider plugin '"
                    + a.providerPluginId() + "' (see GET /api/plugins)");
        }
        if (plugins.paymentProvider(a.providerPluginId(), a.bankCode()).isEmpty()) {
            throw new IllegalArgumentException("bankCode: payment provider plugin '" + a.providerPluginId() + "' does not serve bank "
                    + a.bankCode());
        }
        long first = a.firstNossoNumero() == null ? 1 : a.firstNossoNumero();
        if (first < 1 || first > MAX_NOSSO_NUMERO) {
            throw new IllegalArgumentException("firstNossoNumero: must be between 1 and " + MAX_NOSSO_NUMERO);
        }
        percent("finePercent", a.finePercent(), MAX_FINE_PERCENT, " (CDC Art. 52 §1 caps late-payment fines at 2%)");
        percent("monthlyInterestPercent", a.monthlyInterestPercent(), MAX_MONTHLY_INTEREST_PERCENT,
                " (% a month: 1% is the usual legal rate)");
        boolean duplicate = accounts.findByTenantIdOrderById(tenantId).stream().anyMatch(x -> x.getBankCode().equals(a.bankCode())
                && x.getAgencia().equals(a.agencia()) && x.getConta().equals(a.conta()) && x.getCarteira().equals(a.carteira()));
        if (duplicate) {
            throw new IllegalStateException(duplicateMessage(a));
        }
        try {
            return accounts.saveAndFlush(new BankAccountConfig(tenantId, a.bankCode(), a.agencia(), a.agenciaDv(), a.conta(),
                    a.contaDv(), a.carteira(), a.convenio(), a.providerPluginId(), first, a.finePercent(),
                    a.monthlyInterestPercent()));
        } catch (DataIntegrityViolationException e) {
            // the unique (tenant, bank, agência, conta, carteira) index: another request added it meanwhile
            throw new IllegalStateException(duplicateMessage(a));
        }
    }

    private static String duplicateMessage(NewBankAccount a) {
        return "bank account: the tenant already has bank " + a.bankCode() + " agência " + a.agencia() + " conta " + a.conta()
                + " carteira " + a.carteira();
    }

    private static void digits(String field, String value, int max) {
        if (value == null || !value.matches("\\d{1," + max + "}")) {
            throw new IllegalArgumentException(field + ": 1 to " + max + " digits required");
        }
    }

    private static void checkDigit(String field, String value) {
        if (value != null && !value.matches("[0-9Xx]?")) {
            throw new IllegalArgumentException(field + ": one digit or X");
        }
    }

    private static void percent(String field, BigDecimal value, BigDecimal max, String why) {
        if (value == null) {
            return;
        }
        if (value.signum() < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + ": must be between 0 and " + max.toPlainString() + why);
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(field + ": at most 2 decimal places");
        }
    }

    /** @return the address with uf upper-cased and cep as 8 digits, or null */
    static Endereco validEndereco(Endereco e) {
        if (e == null) {
            return null;
        }
        String uf = blankToNull(e.uf());
        if (uf != null) {
            uf = uf.toUpperCase(Locale.ROOT);
            if (!UFS.contains(uf)) {
                throw new IllegalArgumentException("endereco.uf: must be one of the 27 Brazilian UFs (e.g. SP, RJ, DF)");
            }
        }
        String cep = blankToNull(e.cep());
        if (cep != null) {
            if (!cep.matches("\\d{5}-?\\d{3}")) {
                throw new IllegalArgumentException("endereco.cep: must be 8 digits (e.g. 01310100 or 01310-100)");
            }
            cep = cep.replace("-", "");
        }
        String logradouro = text("endereco.logradouro", e.logradouro(), 200);
        String numero = text("endereco.numero", e.numero(), 20);
        String complemento = text("endereco.complemento", e.complemento(), 100);
        String bairro = text("endereco.bairro", e.bairro(), 100);
        String municipio = text("endereco.municipio", e.municipio(), 100);
        return new Endereco(logradouro, numero, complemento, bairro, municipio, uf, cep);
    }

    private static String text(String field, String value, int max) {
        String v = blankToNull(value);
        if (v != null && v.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
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
