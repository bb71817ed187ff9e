package br.com.recebiveishub.hub.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.envers.Audited;

/**
 * The part of a payment applied to a receivable. Many-to-many: one lump sum may settle several
 * receivables, and a receivable may be paid by several payments.
 */
@Entity
@Table(name = "allocation")
@Audited
public class Allocation {

    @Id
    private Long id;
    @Column(name = "tenant_id", nullable = false)
    private String tenantId;
    @Column(name = "payment_id", nullable = false)
    private Long paymentId;
    @Column(name = "receivable_id", nullable = false)
    private Long receivableId;
    @Column(nullable = false)
    private BigDecimal amount;
    /** Set for manual allocations: a retried call with the same key returns this allocation. */
    @Column(name = "idempotency_key")
    private String idempotencyKey;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Version
    private long version;

    protected Allocation() {
    }

    public Long getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public Long getPaymentId() {
        return paymentId;
    }

    public Long getReceivableId() {
        return receivableId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
