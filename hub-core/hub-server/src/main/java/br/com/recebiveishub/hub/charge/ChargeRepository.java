package br.com.recebiveishub.hub.charge;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Charges (read side). */
public interface ChargeRepository extends JpaRepository<Charge, Long> {

    Optional<Charge> findByIdAndTenantId(Long id, String tenantId);

    List<Charge> findByTenantIdOrderById(String tenantId, Pageable page);

    List<Charge> findByTenantIdAndStatusOrderById(String tenantId, ChargeStatus status, Pageable page);

    List<Charge> findByTenantIdAndReceivableIdOrderById(String tenantId, Long receivableId);
}
