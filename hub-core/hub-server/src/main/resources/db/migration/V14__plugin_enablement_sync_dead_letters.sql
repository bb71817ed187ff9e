-- Issue 5 items 4 and 6, hub side: per-tenant plugin enablement, ERP API syncs (schedule, cursor,
-- status), the dead-letter queue and the outbox of payment write-backs to the ERP.

-- A plugin enabled or disabled for one tenant. No row: the default (docs/plugin-guide.md): ERP API
-- connectors are off until enabled, every other plugin is on.
create table plugin_enablement (
    id          bigserial    primary key,
    tenant_id   varchar(40)  not null references tenant(id),
    plugin_id   varchar(64)  not null,
    enabled     boolean      not null,
    updated_at  timestamptz  not null default now(),
    version     bigint       not null default 0,
    unique (tenant_id, plugin_id)
);
create table plugin_enablement_aud (
    id bigint not null, rev bigint not null references hub_revision(id), revtype smallint, revend bigint references hub_revision(id),
    tenant_id varchar(40), plugin_id varchar(64), enabled boolean, updated_at timestamptz,
    primary key (id, rev)
);
create index plugin_enablement_aud_revend on plugin_enablement_aud (id) where revend is null;

-- One ERP API sync per tenant, connector and stream: its schedule (audited) and its state (cursor,
-- last run), which the sync engine updates in the same transaction as the page it applied.
create table erp_sync (
    id                bigserial    primary key,
    tenant_id         varchar(40)  not null references tenant(id),
    plugin_id         varchar(64)  not null,
    stream            varchar(64)  not null,
    source_system     varchar(40),
    interval_minutes  integer      not null check (interval_minutes between 1 and 10080),
    enabled           boolean      not null,
    sync_cursor       varchar(200),
    cursor_saved_at   timestamptz,
    last_started_at   timestamptz,
    last_finished_at  timestamptz,
    last_outcome      varchar(16)  check (last_outcome in ('RUNNING', 'SUCCEEDED', 'FAILED', 'REFUSED')),
    last_read         integer      not null default 0,
    last_applied      integer      not null default 0,
    last_rejected     integer      not null default 0,
    last_error        varchar(1000),
    next_run_at       timestamptz,
    updated_at        timestamptz  not null default now(),
    version           bigint       not null default 0,
    unique (tenant_id, plugin_id, stream)
);
create index erp_sync_source on erp_sync (tenant_id, source_system);
create table erp_sync_aud (
    id bigint not null, rev bigint not null references hub_revision(id), revtype smallint, revend bigint references hub_revision(id),
    tenant_id varchar(40), plugin_id varchar(64), stream varchar(64), interval_minutes integer, enabled boolean,
    primary key (id, rev)
);
create index erp_sync_aud_revend on erp_sync_aud (id) where revend is null;

-- A sync's pages are logged as imports of their own kind (the same report and quarantine as files).
alter table import_batch drop constraint import_batch_kind_check;
alter table import_batch add constraint import_batch_kind_check check (kind in ('ERP_FILE', 'BANK_RETURN', 'BANK_STATEMENT', 'ERP_API'));

-- Payment write-backs to the ERP: one row per receivable that became PAID while it came from an ERP
-- API connector, written by the trigger below in the transaction that paid it (so every path that
-- pays a receivable — bank return, Pix, statement, manual allocation — enqueues it, and none can
-- forget). The idempotency key is sent unchanged on every attempt.
create table erp_write_back (
    id               bigserial    primary key,
    tenant_id        varchar(40)  not null references tenant(id),
    plugin_id        varchar(64)  not null,
    receivable_id    bigint       not null references receivable(id),
    idempotency_key  varchar(200) not null,
    status           varchar(16)  not null check (status in ('PENDING', 'SENT', 'REFUSED', 'DEAD')),
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz  not null default now(),
    erp_reference    varchar(200),
    last_error       varchar(1000),
    created_at       timestamptz  not null default now(),
    sent_at          timestamptz,
    unique (tenant_id, idempotency_key)
);
create index erp_write_back_due on erp_write_back (next_attempt_at) where status = 'PENDING';

create or replace function erp_write_back_on_paid() returns trigger
    language plpgsql
as $$
declare
    s record;
begin
    if new.status = 'PAID' and old.status is distinct from 'PAID' then
        select plugin_id into s from erp_sync
         where tenant_id = new.tenant_id and source_system = new.source_system order by id limit 1;
        if found then
            -- the version that turned PAID: a receivable paid, reopened and paid again gets a new key
            insert into erp_write_back (tenant_id, plugin_id, receivable_id, idempotency_key, status)
            values (new.tenant_id, s.plugin_id, new.id, 'hub-wb-' || new.tenant_id || '-' || new.id || '-' || new.version, 'PENDING')
            on conflict (tenant_id, idempotency_key) do nothing;
        end if;
    end if;
    return new;
end
$$;
create trigger receivable_paid_write_back after update of status on receivable
    for each row when (new.status = 'PAID' and old.status is distinct from 'PAID') execute function erp_write_back_on_paid();

-- What could not be applied or delivered, with the reason, until it is replayed.
create table dead_letter (
    id             bigserial    primary key,
    tenant_id      varchar(40)  not null references tenant(id),
    plugin_id      varchar(64)  not null,
    kind           varchar(24)  not null check (kind in ('SYNC_FAILED', 'SYNC_REJECTED_RECORD', 'WRITE_BACK_REFUSED', 'WRITE_BACK_UNKNOWN')),
    reason         varchar(1000) not null,
    stream         varchar(64),
    sync_cursor    varchar(200),
    record_ref     varchar(120),
    import_id      bigint       references import_batch(id),
    write_back_id  bigint       references erp_write_back(id),
    status         varchar(12)  not null check (status in ('OPEN', 'REPLAYED')),
    created_at     timestamptz  not null default now(),
    replayed_at    timestamptz,
    replay_outcome varchar(1000)
);
-- one open dead letter per thing: a record rejected again, a write-back refused again, a sync failing
-- again while one is open do not pile up
create unique index dead_letter_open_once on dead_letter (tenant_id, plugin_id, kind, coalesce(stream, ''),
       coalesce(record_ref, ''), coalesce(write_back_id, 0)) where status = 'OPEN';
create index dead_letter_tenant on dead_letter (tenant_id, id desc);

do $$
declare
    t text;
begin
    foreach t in array array['plugin_enablement', 'plugin_enablement_aud', 'erp_sync', 'erp_sync_aud', 'erp_write_back', 'dead_letter']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy tenant_isolation on %I using (hub_visible(tenant_id)) with check (hub_visible(tenant_id))', t);
    end loop;
end
$$;
