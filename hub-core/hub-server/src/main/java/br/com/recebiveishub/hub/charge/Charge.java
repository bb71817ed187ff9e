package br.com.recebiveishub.hub.charge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.envers.Audited;

/** A request for payment of a receivable through a provider: a boleto, or a Pix cobrança issued online. */
@Entity
@Table(name = "charge")
@Audited
public class Charge {

    @Id
    private Long id;
    @Column(name = "tenant_id", nullable = false)
    private String tenantId;
    @Column(name = "receivable_id", nullable = false)
    private Long receivableId;
    @Column(nullable = false)
    private String method;
    @Column(name = "provider_plugin_id", nullable = false)
    private String providerPluginId;
    @Column(name = "bank_account_id")
    private Long bankAccountId;
    @Column(name = "bank_code", nullable = false)
    private String bankCode;
    @Column(name = "nosso_numero", nullable = false)
    private String nossoNumero;
    @Column(name = "nosso_numero_impresso")
    private String nossoNumeroImpresso;
    private String barcode;
    @Column(name = "linha_digitavel")
    private String linhaDigitavel;
    /** The remessa that asked the bank to cancel it, once sent. */
    @Column(name = "cancel_remessa_id")
    private Long cancelRemessaId;
    /** Pix charges: the txid at the PSP (26–35 characters). */
    @Column(name = "pix_txid")
    private String pixTxid;
    /** Pix charges: the PSP's location of the dynamic BR Code (no scheme). */
    @Column(name = "pix_location")
    private String pixLocation;
    /** The Pix "copia e cola" BR Code: of a Pix charge, or of a boleto híbrido. */
    @Column(name = "pix_code")
    private String pixCode;
    /** Online charges: the key the provider's charge id derives from (one per attempt; a retry repeats it). */
    @Column(name = "idempotency_key")
    private String idempotencyKey;
    /** Online charges: the provider's reason when it refused the charge (FAILED). */
    @Column(name = "failure_reason")
    private String failureReason;
    @Column(nullable = false)
    private BigDecimal amount;
    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChargeStatus status;
    @Column(name = "remessa_id")
    private Long remessaId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Version
    private long version;

    protected Charge() {
    }

    public Long getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public Long getReceivableId() {
        return receivableId;
    }

    public String getMethod() {
        return method;
    }

    public String getProviderPluginId() {
        return providerPluginId;
    }

    public Long getBankAccountId() {
        return bankAccountId;
    }

    public String getBankCode() {
        return bankCode;
    }

    public String getNossoNumero() {
        return nossoNumero;
    }

    public String getNossoNumeroImpresso() {
        return nossoNumeroImpresso;
    }

    public String getBarcode() {
        return barcode;
    }

    public String getLinhaDigitavel() {
        return linhaDigitavel;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public ChargeStatus getStatus() {
        return status;
    }

    public Long getRemessaId() {
        return remessaId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getPixTxid() {
        return pixTxid;
    }

    public String getPixLocation() {
        return pixLocation;
    }

    public String getPixCode() {
        return pixCode;
    }

    public Long getCancelRemessaId() {
        return cancelRemessaId;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public String getFailureReason() {
        return failureReason;
    }
}
