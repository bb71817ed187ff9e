-- Tenant isolation in the database: row-level security on every tenant-owned table.
-- The application connects as ${appRole}, a login role that owns nothing and lacks BYPASSRLS;
-- Flyway runs as the owner. Each connection checkout sets app.tenants to the tenants its caller
-- may see ('*' only for system jobs and explicitly granted cross-tenant roles), so a query that
-- forgets its tenant filter still returns no foreign row.

create or replace function hub_visible(t varchar) returns boolean
    language sql stable
as $$
    select current_setting('app.tenants', true) = '*'
        or t = any (string_to_array(current_setting('app.tenants', true), ','))
$$;

do $$
declare
    t text;
begin
    foreach t in array array['bank_account', 'customer', 'import_batch', 'import_rejection', 'receivable', 'remessa',
                             'charge', 'payment', 'allocation', 'return_movement', 'reconciliation_exception',
                             'bank_account_aud', 'customer_aud', 'receivable_aud', 'charge_aud', 'payment_aud',
                             'allocation_aud', 'hub_revision', 'access_log', 'plugin_data_share', 'audit_chain',
                             'audit_checkpoint']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy tenant_isolation on %I using (hub_visible(tenant_id)) with check (hub_visible(tenant_id))', t);
    end loop;
    -- the appender's bookkeeping, keyed by chain (a tenant id, '' for the hub-wide chain): system jobs only
    alter table audit_chain_head enable row level security;
    create policy tenant_isolation on audit_chain_head using (hub_visible(chain)) with check (hub_visible(chain));
    foreach t in array array['tenant', 'tenant_aud']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy tenant_isolation on %I using (hub_visible(id)) with check (hub_visible(id))', t);
    end loop;
end
$$;

grant usage on schema public to ${appRole};
grant select, insert, update, delete on all tables in schema public to ${appRole};
grant usage, select on all sequences in schema public to ${appRole};
grant execute on function hub_visible(varchar) to ${appRole};
alter default privileges in schema public grant select, insert, update, delete on tables to ${appRole};
alter default privileges in schema public grant usage, select on sequences to ${appRole};
revoke all on flyway_schema_history from ${appRole};
