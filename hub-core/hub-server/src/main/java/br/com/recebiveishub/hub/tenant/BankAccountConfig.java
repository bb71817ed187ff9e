package br.com.recebiveishub.hub.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import org.hibernate.envers.Audited;

/**
 * A tenant's collection account at a bank, with the sequences the hub owns for it: the next
 * nosso número and the next remessa file number (NSA).
 */
@Entity
@Table(name = "bank_account")
@Audited
public class BankAccountConfig {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "tenant_id", nullable = false)
    private String tenantId;
    @Column(name = "bank_code", nullable = false)
    private String bankCode;
    @Column(nullable = false)
    private String agencia;
    @Column(name = "agencia_dv", nullable = false)
    private String agenciaDv = "";
    @Column(nullable = false)
    private String conta;
    @Column(name = "conta_dv", nullable = false)
    private String contaDv = "";
    @Column(nullable = false)
    private String carteira;
    @Column(nullable = false)
    private String convenio;
    @Column(name = "provider_plugin_id", nullable = false)
    private String providerPluginId;
    @Column(name = "next_nosso_numero", nullable = false)
    private long nextNossoNumero = 1;
    @Column(name = "next_remessa_seq", nullable = false)
    private int nextRemessaSeq = 1;
    @Column(name = "fine_percent")
    private BigDecimal finePercent;
    @Column(name = "monthly_interest_percent")
    private BigDecimal monthlyInterestPercent;
    @Column(nullable = false)
    private boolean active = true;
    @Version
    private long version;

    protected BankAccountConfig() {
    }

    public BankAccountConfig(String tenantId, String bankCode, String agencia, String agenciaDv, String conta,
                             String contaDv, String carteira, String convenio, String providerPluginId,
                             long nextNossoNumero, BigDecimal finePercent, BigDecimal monthlyInterestPercent) {
        this.tenantId = tenantId;
        this.bankCode = bankCode;
        this.agencia = agencia;
        this.agenciaDv = agenciaDv == null ? "" : agenciaDv;
        this.conta = conta;
        this.contaDv = contaDv == null ? "" : contaDv;
        this.carteira = carteira;
        this.convenio = convenio;
        this.providerPluginId = providerPluginId;
        this.nextNossoNumero = nextNossoNumero;
        this.finePercent = finePercent;
        this.monthlyInterestPercent = monthlyInterestPercent;
    }

    /** Reserves {@code n} consecutive nosso número values and returns the first. */
    public long reserveNossoNumeros(int n) {
        long first = nextNossoNumero;
        nextNossoNumero += n;
        return first;
    }

    /** Reserves the next remessa sequence number (NSA). */
    public int reserveRemessaSeq() {
        return nextRemessaSeq++;
    }

    public Long getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getBankCode() {
        return bankCode;
    }

    public String getAgencia() {
        return agencia;
    }

    public String getAgenciaDv() {
        return agenciaDv;
    }

    public String getConta() {
        return conta;
    }

    public String getContaDv() {
        return contaDv;
    }

    public String getCarteira() {
        return carteira;
    }

    public String getConvenio() {
        return convenio;
    }

    public String getProviderPluginId() {
        return providerPluginId;
    }

    public long getNextNossoNumero() {
        return nextNossoNumero;
    }

    public int getNextRemessaSeq() {
        return nextRemessaSeq;
    }

    public BigDecimal getFinePercent() {
        return finePercent;
    }

    public BigDecimal getMonthlyInterestPercent() {
        return monthlyInterestPercent;
    }

    public boolean isActive() {
        return active;
    }
}
