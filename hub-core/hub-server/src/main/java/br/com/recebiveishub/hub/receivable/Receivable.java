package br.com.recebiveishub.hub.receivable;

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

/**
 * A title the debtor owes the tenant (duplicata, invoice instalment). Unique per tenant by source
 * system and external id, so re-reading the ERP's export never duplicates it. The open balance
 * changes only through allocations of payments.
 */
@Entity
@Table(name = "receivable")
@Audited
public class Receivable {

    @Id
    private Long id;
    @Column(name = "tenant_id", nullable = false)
    private String tenantId;
    @Column(name = "customer_id", nullable = false)
    private Long customerId;
    @Column(name = "source_system", nullable = false)
    private String sourceSystem;
    @Column(name = "external_id", nullable = false)
    private String externalId;
    @Column(name = "document_number")
    private String documentNumber;
    @Column(name = "issue_date")
    private LocalDate issueDate;
    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate;
    @Column(name = "original_amount", nullable = false)
    private BigDecimal originalAmount;
    @Column(name = "open_balance", nullable = false)
    private BigDecimal openBalance;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReceivableStatus status;
    @Column(name = "written_off_amount", nullable = false)
    private BigDecimal writtenOffAmount;
    @Column(name = "origin_file")
    private String originFile;
    @Column(name = "origin_record")
    private String originRecord;
    @Column(name = "import_id")
    private Long importId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Receivable() {
    }

    public Long getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public Long getCustomerId() {
        return customerId;
    }

    public String getSourceSystem() {
        return sourceSystem;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getDocumentNumber() {
        return documentNumber;
    }

    public LocalDate getIssueDate() {
        return issueDate;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public BigDecimal getOriginalAmount() {
        return originalAmount;
    }

    public BigDecimal getOpenBalance() {
        return openBalance;
    }

    public ReceivableStatus getStatus() {
        return status;
    }

    public String getOriginFile() {
        return originFile;
    }

    /** @return what a write-off took off the books as a loss (zero unless {@link ReceivableStatus#WRITTEN_OFF}) */
    public BigDecimal getWrittenOffAmount() {
        return writtenOffAmount;
    }

    public String getOriginRecord() {
        return originRecord;
    }

    public Long getImportId() {
        return importId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
