package br.com.recebiveishub.hub.tenant;

import br.com.recebiveishub.sdk.model.Endereco;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tenants and their bank accounts. */
@RestController
@RequestMapping("/api/tenants")
@Tag(name = "tenants")
public class TenantController {

    /** A tenant as the API shows it. */
    public record TenantView(String id, String name, String documento, int defaultTermDays, Endereco endereco) {
        static TenantView of(Tenant t) {
            return new TenantView(t.getId(), t.getName(), t.getDocumento(), t.getDefaultTermDays(), t.getEndereco());
        }
    }

    /** Body of POST /api/tenants. */
    public record NewTenant(String id, String name, String documento, Integer defaultTermDays, Endereco endereco) {
    }

    /** A bank account as the API shows it. */
    public record BankAccountView(long id, String bankCode, String agencia, String conta, String carteira, String convenio,
                                  String providerPluginId, long nextNossoNumero, int nextRemessaSeq, BigDecimal finePercent,
                                  BigDecimal monthlyInterestPercent) {
        static BankAccountView of(BankAccountConfig a) {
            return new BankAccountView(a.getId(), a.getBankCode(), a.getAgencia(), a.getConta(), a.getCarteira(), a.getConvenio(),
                    a.getProviderPluginId(), a.getNextNossoNumero(), a.getNextRemessaSeq(), a.getFinePercent(),
                    a.getMonthlyInterestPercent());
        }
    }

    private final TenantService tenants;

    public TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    public List<TenantView> list() {
        return tenants.list().stream().map(TenantView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Creates a tenant and its inboxes",
            description = "400 naming the field when invalid: documento (CPF or CNPJ), endereco.uf (one of the 27 UFs), "
                    + "endereco.cep (8 digits, 01310100 or 01310-100)")
    public TenantView create(@RequestBody NewTenant body) {
        return TenantView.of(tenants.create(body.id(), body.name(), body.documento(),
                body.defaultTermDays() == null ? 30 : body.defaultTermDays(), body.endereco()));
    }

    @GetMapping("/{tenantId}")
    public TenantView get(@PathVariable String tenantId) {
        return TenantView.of(tenants.require(tenantId));
    }

    @GetMapping("/{tenantId}/bank-accounts")
    public List<BankAccountView> bankAccounts(@PathVariable String tenantId) {
        return tenants.bankAccounts(tenantId).stream().map(BankAccountView::of).toList();
    }

    @PostMapping("/{tenantId}/bank-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Adds a collection account to a tenant",
            description = "400 naming the field when invalid: bankCode must be served by the started payment provider plugin "
                    + "providerPluginId (GET /api/plugins); finePercent 0 to 2 (CDC Art. 52 §1 caps late-payment fines at 2%); "
                    + "monthlyInterestPercent 0 to 1 (% a month, the usual legal rate); firstNossoNumero 1 to 10^15-1. "
                    + "409 when the tenant already has the account (bank, agência, conta, carteira).")
    public BankAccountView addBankAccount(@PathVariable String tenantId, @RequestBody TenantService.NewBankAccount body) {
        return BankAccountView.of(tenants.addBankAccount(tenantId, body));
    }
}
