package br.com.recebiveishub.hub.receivable;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Receivables (read side; writes go through {@link ReceivableWriter}). */
public interface ReceivableRepository extends JpaRepository<Receivable, Long>, JpaSpecificationExecutor<Receivable> {

    Optional<Receivable> findByIdAndTenantId(Long id, String tenantId);
}
