package br.com.recebiveishub.hub.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.envers.RevisionEntity;
import org.hibernate.envers.RevisionNumber;
import org.hibernate.envers.RevisionTimestamp;

/**
 * One audited change set: every row version written in a transaction points to it. Records who
 * (actor: subject, and username), for which tenant, why (reason), through which path (source: api,
 * route, plugin id), from where (client address, user agent) and the correlation id that ties it to
 * logs and import reports. Each revision is an entry of the tenant's audit hash chain
 * ({@link AuditChain}).
 */
@Entity
@Table(name = "hub_revision")
@RevisionEntity(HubRevisionListener.class)
public class HubRevision {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hub_revision_seq")
    @SequenceGenerator(name = "hub_revision_seq", sequenceName = "hub_revision_seq", allocationSize = 1)
    @RevisionNumber
    private Long id;

    @RevisionTimestamp
    @Column(name = "timestamp", nullable = false)
    private long timestamp;

    @Column(nullable = false)
    private String actor;

    @Column(name = "tenant_id")
    private String tenantId;

    @Column(name = "correlation_id")
    private String correlationId;

    private String reason;

    @Column(nullable = false)
    private String source;

    @Column(name = "actor_username")
    private String actorUsername;

    @Column(name = "client_address")
    private String clientAddress;

    @Column(name = "user_agent")
    private String userAgent;

    public Long getId() {
        return id;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public String getActor() {
        return actor;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public String getReason() {
        return reason;
    }

    public String getSource() {
        return source;
    }

    public String getActorUsername() {
        return actorUsername;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getUserAgent() {
        return userAgent;
    }

    void fill(AuditContext.Scope scope) {
        this.actor = scope.actor();
        this.tenantId = scope.tenantId();
        this.correlationId = scope.correlationId();
        this.reason = scope.reason();
        this.source = scope.source();
        this.actorUsername = Columns.cut(scope.username(), 200);
        this.clientAddress = Columns.cut(scope.clientAddress(), 100);
        this.userAgent = Columns.cut(scope.userAgent(), 500);
    }
}
