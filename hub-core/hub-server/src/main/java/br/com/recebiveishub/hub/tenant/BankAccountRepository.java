package br.com.recebiveishub.hub.tenant;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Bank accounts of tenants. */
public interface BankAccountRepository extends JpaRepository<BankAccountConfig, Long> {

    List<BankAccountConfig> findByTenantIdOrderById(String tenantId);

    Optional<BankAccountConfig> findByIdAndTenantId(Long id, String tenantId);

    /** Locks the account row: nosso número and remessa sequences are handed out one issuer at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select b from BankAccountConfig b where b.id = ?1 and b.tenantId = ?2")
    Optional<BankAccountConfig> lockForIssue(Long id, String tenantId);
}
