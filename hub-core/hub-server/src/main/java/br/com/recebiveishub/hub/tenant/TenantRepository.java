package br.com.recebiveishub.hub.tenant;

import org.springframework.data.jpa.repository.JpaRepository;

/** Tenants. */
public interface TenantRepository extends JpaRepository<Tenant, String> {
}
