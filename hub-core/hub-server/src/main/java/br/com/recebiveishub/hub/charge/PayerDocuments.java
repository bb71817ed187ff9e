package br.com.recebiveishub.hub.charge;

import br.com.recebiveishub.hub.audit.AccessLog;
import br.com.recebiveishub.hub.audit.PluginDataShareLog;
import br.com.recebiveishub.hub.plugin.PluginRuntime;
import br.com.recebiveishub.hub.tenant.BankAccountConfig;
import br.com.recebiveishub.hub.tenant.BankAccountRepository;
import br.com.recebiveishub.hub.tenant.Tenant;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.PayerDocumentRenderer;
import br.com.recebiveishub.sdk.PixQrRenderer;
import br.com.recebiveishub.sdk.model.BoletoSlip;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The documents a payer receives for a charge, drawn by a started plugin: the boleto PDF
 * ({@link PayerDocumentRenderer}) and the Pix QR code ({@link PixQrRenderer}).
 *
 * <p>The boleto shows the creditor (the tenant: name, CNPJ and full address, CDC Art. 42-A; a
 * tenant without an address is refused with 409 naming the missing fields), the payer (the
 * charge's customer), the amount, due date, barcode and linha digitável the provider issued, the
 * fine and interest of the bank account and, for a boleto híbrido, the charge's Pix BR Code.
 *
 * <p>Both hand the payer's data to a plugin ({@link PluginDataShareLog}) and show it to the
 * caller ({@link AccessLog}); both are recorded before the plugin is called.
 */
@Service
public class PayerDocuments {

    /** The fields of the payer a boleto carries. */
    static final List<String> BOLETO_FIELDS = List.of("documento", "nome", "endereco");
    /** A Pix QR carries the charge's BR Code, which identifies the payer's charge. */
    static final List<String> PIX_FIELDS = List.of("pix_code");
    private static final DateTimeFormatter BR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final ChargeRepository charges;
    private final TenantService tenants;
    private final BankAccountRepository accounts;
    private final PluginRuntime plugins;
    private final JdbcTemplate jdbc;
    private final AccessLog accessLog;
    private final PluginDataShareLog shares;

    public PayerDocuments(ChargeRepository charges, TenantService tenants, BankAccountRepository accounts, PluginRuntime plugins,
                          JdbcTemplate jdbc, AccessLog accessLog, PluginDataShareLog shares) {
        this.charges = charges;
        this.tenants = tenants;
        this.accounts = accounts;
        this.plugins = plugins;
        this.jdbc = jdbc;
        this.accessLog = accessLog;
        this.shares = shares;
    }

    /** A rendered document: the bytes and the plugin that drew them. */
    public record Rendered(byte[] bytes, String pluginId, String fileName) {
    }

    /**
     * Renders the boleto of a charge as a PDF.
     *
     * @param endpoint the endpoint template, for the access log
     * @param purpose  why the caller reads it (X-Purpose), null for "payer document"
     * @throws NoSuchElementException when the tenant has no such charge
     * @throws IllegalStateException  when the charge has no barcode, the tenant no full address, or
     *                                no started plugin prints boletos of the charge's bank
     */
    public Rendered boletoPdf(String tenantId, long chargeId, String endpoint, String purpose) {
        Tenant tenant = tenants.require(tenantId);
        Charge charge = charge(tenantId, chargeId);
        if (!"BOLETO".equals(charge.getMethod()) || charge.getBarcode() == null || charge.getLinhaDigitavel() == null) {
            throw new IllegalStateException("charge " + chargeId + " is not a boleto with a barcode and linha digitável: "
                    + "there is no boleto to print");
        }
        requirePayable(charge);
        List<String> missing = missingCreditorFields(tenant);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("tenant " + tenantId + " has no complete address (missing: " + String.join(", ", missing)
                    + "): every collection document must show the creditor's name, CNPJ and full address (CDC Art. 42-A); "
                    + "set the tenant's address before printing boletos");
        }
        PluginRuntime.Extension<PayerDocumentRenderer> renderer = boletoRenderer(charge)
                .orElseThrow(() -> new IllegalStateException("no started plugin prints boletos of bank " + charge.getBankCode()));
        Payer payer = payer(tenantId, charge.getReceivableId());
        Optional<BankAccountConfig> account = charge.getBankAccountId() == null ? Optional.empty()
                : accounts.findByIdAndTenantId(charge.getBankAccountId(), tenantId);
        BoletoSlip slip = new BoletoSlip(charge.getBankCode(), charge.getLinhaDigitavel(), charge.getBarcode(),
                charge.getNossoNumeroImpresso() != null ? charge.getNossoNumeroImpresso() : charge.getNossoNumero(),
                account.map(a -> a.getAgencia() + " / " + a.getConvenio()).orElse(null), payer.documentNumber(), payer.issueDate(),
                charge.getDueDate(), charge.getAmount().setScale(2),
                new BoletoSlip.Party(tenant.getName(), Documento.parse(tenant.getDocumento()), tenant.getEndereco()),
                new BoletoSlip.Party(payer.name(), Documento.parse(payer.documento()), payer.address()),
                instructions(payer), null,
                account.map(BankAccountConfig::getFinePercent).filter(p -> p.signum() > 0)
                        .map(p -> "Após o vencimento (" + BR.format(charge.getDueDate()) + "): multa de " + percent(p)).orElse(null),
                account.map(BankAccountConfig::getMonthlyInterestPercent).filter(p -> p.signum() > 0)
                        .map(p -> "Após o vencimento: juros de " + percent(p) + " ao mês, pro rata die").orElse(null),
                charge.getPixCode());
        record(tenantId, renderer.pluginId(), payer.customerId(), charge.getPixCode() == null ? BOLETO_FIELDS
                : List.of("documento", "nome", "endereco", "pix_code"), endpoint, purpose);
        byte[] pdf;
        try {
            pdf = renderer.extension().renderBoletoPdf(slip);
        } catch (IllegalArgumentException e) {
            // The renderer names the field (no personal data): the charge as stored cannot be printed.
            throw new IllegalStateException("plugin " + renderer.pluginId() + " refused to print charge " + chargeId + ": " + e.getMessage());
        }
        return new Rendered(pdf, renderer.pluginId(), "boleto-" + chargeId + ".pdf");
    }

    /**
     * Draws the Pix BR Code of a charge (a Pix charge or a boleto híbrido) as a QR PNG.
     *
     * @throws NoSuchElementException when the tenant has no such charge, or the charge has no Pix code
     */
    public Rendered pixQrPng(String tenantId, long chargeId, int sizePx, String endpoint, String purpose) {
        tenants.require(tenantId);
        Charge charge = charge(tenantId, chargeId);
        if (charge.getPixCode() == null || charge.getPixCode().isBlank()) {
            throw new NoSuchElementException("charge " + chargeId + " has no Pix code" + ("PIX".equals(charge.getMethod())
                    ? " (the PSP has not confirmed the cob: " + charge.getStatus() + ")" : ": it is a boleto without Pix (not a boleto híbrido)"));
        }
        requirePayable(charge);
        List<PluginRuntime.Extension<PixQrRenderer>> all = plugins.extensions(PixQrRenderer.class);
        PluginRuntime.Extension<PixQrRenderer> renderer = all.stream()
                .sorted(Comparator.comparing(e -> !e.pluginId().equals(charge.getProviderPluginId()))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no started plugin draws Pix QR codes"));
        Payer payer = payer(tenantId, charge.getReceivableId());
        record(tenantId, renderer.pluginId(), payer.customerId(), PIX_FIELDS, endpoint, purpose);
        byte[] png;
        try {
            png = renderer.extension().renderPng(charge.getPixCode(), Math.max(100, Math.min(sizePx, 2000)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("plugin " + renderer.pluginId() + " refused the Pix code of charge " + chargeId + ": "
                    + e.getMessage());
        }
        return new Rendered(png, renderer.pluginId(), "pix-" + chargeId + ".png");
    }

    /** Charges a payer may still pay: a document of any other one would invite a payment the hub then has to refund. */
    private static final java.util.Set<ChargeStatus> PAYABLE = java.util.EnumSet.of(ChargeStatus.REGISTRATION_PENDING,
            ChargeStatus.REGISTERED, ChargeStatus.PENDING);

    private static void requirePayable(Charge charge) {
        if (!PAYABLE.contains(charge.getStatus())) {
            throw new IllegalStateException("charge " + charge.getId() + " is " + charge.getStatus()
                    + ": payer documents are served only for a charge that can still be paid (" + PAYABLE + ")");
        }
    }

    /** @return the creditor fields a boleto needs that the tenant lacks (CDC Art. 42-A) */
    static List<String> missingCreditorFields(Tenant t) {
        List<String> missing = new ArrayList<>();
        if (blank(t.getName())) {
            missing.add("name");
        }
        if (blank(t.getDocumento())) {
            missing.add("documento");
        }
        Endereco e = t.getEndereco();
        if (e == null) {
            missing.add("address (logradouro, numero, bairro, municipio, uf, cep)");
            return missing;
        }
        for (Map.Entry<String, String> f : List.of(Map.entry("logradouro", nz(e.logradouro())), Map.entry("numero", nz(e.numero())),
                Map.entry("bairro", nz(e.bairro())), Map.entry("municipio", nz(e.municipio())), Map.entry("uf", nz(e.uf())),
                Map.entry("cep", nz(e.cep())))) {
            if (f.getValue().isBlank()) {
                missing.add(f.getKey());
            }
        }
        return missing;
    }

    private Optional<PluginRuntime.Extension<PayerDocumentRenderer>> boletoRenderer(Charge charge) {
        return plugins.extensions(PayerDocumentRenderer.class).stream()
                .filter(e -> e.extension().supportedBanks().contains(charge.getBankCode()))
                .sorted(Comparator.comparing(e -> !e.pluginId().equals(charge.getProviderPluginId())))
                .findFirst();
    }

    private Charge charge(String tenantId, long chargeId) {
        return charges.findByIdAndTenantId(chargeId, tenantId)
                .orElseThrow(() -> new NoSuchElementException("charge " + chargeId + " not found"));
    }

    private void record(String tenantId, String pluginId, long customerId, List<String> fields, String endpoint, String purpose) {
        String why = purpose == null || purpose.isBlank() ? "payer document" : purpose;
        shares.record(tenantId, pluginId, AccessLog.CUSTOMER, String.valueOf(customerId), fields, why);
        accessLog.record(tenantId, AccessLog.CUSTOMER, String.valueOf(customerId), endpoint, why);
    }

    private record Payer(long customerId, String documento, String name, Endereco address, String documentNumber, LocalDate issueDate) {
    }

    private Payer payer(String tenantId, long receivableId) {
        return jdbc.query("""
                select c.id, c.documento, c.nome, c.logradouro, c.numero, c.complemento, c.bairro, c.municipio, c.uf, c.cep,
                       r.document_number, r.external_id, r.issue_date
                  from receivable r join customer c on c.id = r.customer_id and c.tenant_id = r.tenant_id
                 where r.tenant_id = ? and r.id = ?""", (rs, i) -> {
            Endereco address = rs.getString("logradouro") == null && rs.getString("municipio") == null ? null
                    : new Endereco(rs.getString("logradouro"), rs.getString("numero"), rs.getString("complemento"), rs.getString("bairro"),
                    rs.getString("municipio"), rs.getString("uf"), rs.getString("cep"));
            String doc = rs.getString("document_number") != null ? rs.getString("document_number") : rs.getString("external_id");
            return new Payer(rs.getLong("id"), rs.getString("documento"), rs.getString("nome"), address, doc,
                    rs.getObject("issue_date", LocalDate.class));
        }, tenantId, receivableId).stream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("receivable " + receivableId + " of the charge not found"));
    }

    private static List<String> instructions(Payer payer) {
        return payer.documentNumber() == null ? List.of() : List.of("Referente ao documento " + payer.documentNumber());
    }

    private static String percent(BigDecimal p) {
        return p.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString().replace('.', ',') + "%";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
