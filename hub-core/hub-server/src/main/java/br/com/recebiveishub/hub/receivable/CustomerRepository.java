package br.com.recebiveishub.hub.receivable;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Debtors (read side). */
public interface CustomerRepository extends JpaRepository<Customer, Long> {

    Optional<Customer> findByIdAndTenantId(Long id, String tenantId);
}
