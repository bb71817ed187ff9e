-- Each tenant's settings for a plugin (a PSP account, an ERP API's credentials), validated against
-- the plugin's JSON Schema. Secret fields (the schema's writeOnly properties) are kept apart,
-- encrypted with AES-256-GCM under the hub's settings key (docs/security.md, "Keys"), the tenant
-- and plugin bound in as associated data so a ciphertext moved to another row does not decrypt.
create table plugin_config (
    id              bigserial    primary key,
    tenant_id       varchar(40)  not null references tenant(id),
    plugin_id       varchar(64)  not null,
    settings        text         not null,
    secret_fields   varchar(1000) not null default '',
    secrets         bytea,
    secrets_key_id  varchar(16),
    secrets_changed_at timestamptz,
    schema_sha256   char(64)     not null,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    version         bigint       not null default 0,
    unique (tenant_id, plugin_id)
);

-- The history keeps which secrets were set and when they changed, never their values.
create table plugin_config_aud (
    id bigint not null, rev bigint not null references hub_revision(id), revtype smallint, revend bigint references hub_revision(id),
    tenant_id varchar(40), plugin_id varchar(64), settings text, secret_fields varchar(1000), secrets_changed_at timestamptz,
    schema_sha256 char(64), created_at timestamptz, updated_at timestamptz,
    primary key (id, rev)
);
create index plugin_config_aud_rev on plugin_config_aud (rev);
create index plugin_config_aud_revend on plugin_config_aud (id) where revend is null;

alter table plugin_config enable row level security;
create policy tenant_isolation on plugin_config using (hub_visible(tenant_id)) with check (hub_visible(tenant_id));
alter table plugin_config_aud enable row level security;
create policy tenant_isolation on plugin_config_aud using (hub_visible(tenant_id)) with check (hub_visible(tenant_id));
