package br.com.recebiveishub.hub.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.envers.Audited;

/**
 * Money that arrived, as the provider reported it. Recorded whether or not it matches a charge
 * (an unmatched payment is an exception to resolve, never dropped). Unique per tenant by its
 * idempotency key, so a replayed report pays nothing twice.
 */
@Entity
@Table(name = "payment")
@Audited
public class Payment {

    @Id
    private Long id;
    @Column(name = "tenant_id", nullable = false)
    private String tenantId;
    @Column(name = "charge_id")
    private Long chargeId;
    @Column(name = "bank_code")
    private String bankCode;
    @Column(name = "nosso_numero")
    private String nossoNumero;
    @Column(name = "movement_code")
    private String movementCode;
    @Column(nullable = false)
    private BigDecimal amount;
    @Column(nullable = false)
    private BigDecimal fee;
    @Column(name = "net_credit")
    private BigDecimal netCredit;
    @Column(name = "payment_date")
    private LocalDate paymentDate;
    @Column(name = "credit_date")
    private LocalDate creditDate;
    @Column(name = "source_file")
    private String sourceFile;
    @Column(name = "source_line")
    private Long sourceLine;
    @Column(name = "import_id")
    private Long importId;
    @Column(name = "idempotency_key", nullable = false)
    private String idempotencyKey;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Version
    private long version;

    protected Payment() {
    }

    public Long getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public Long getChargeId() {
        return chargeId;
    }

    public String getBankCode() {
        return bankCode;
    }

    public String getNossoNumero() {
        return nossoNumero;
    }

    public String getMovementCode() {
        return movementCode;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public BigDecimal getFee() {
        return fee;
    }

    public BigDecimal getNetCredit() {
        return netCredit;
    }

    public LocalDate getPaymentDate() {
        return paymentDate;
    }

    public LocalDate getCreditDate() {
        return creditDate;
    }

    public String getSourceFile() {
        return sourceFile;
    }

    public Long getSourceLine() {
        return sourceLine;
    }

    public Long getImportId() {
        return importId;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
