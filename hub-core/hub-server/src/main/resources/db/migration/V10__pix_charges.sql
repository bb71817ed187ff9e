-- Pix charges issued online (cob at the tenant's PSP): PENDING (the cob exists, not paid), PAID
-- (settled), FAILED (the PSP refused, with its reason) and UNKNOWN (the create may have happened: a
-- timeout, a 5xx). The janitor re-reads PENDING and UNKNOWN charges with exponential backoff.
-- CANCEL_REQUESTED is main's V11 (boleto cancellation, a parallel branch): listed here so that this
-- migration, applied out of order after V11, keeps it. Where V11 runs after this one it re-creates
-- the constraint without PENDING and FAILED: the merge needs a later migration with the union.
alter table charge drop constraint charge_status_check;
alter table charge add constraint charge_status_check check (status in ('REGISTRATION_PENDING', 'REGISTERED', 'REJECTED', 'PAID',
    'WRITTEN_OFF', 'CANCELLED', 'UNKNOWN', 'CANCEL_REQUESTED', 'PENDING', 'FAILED'));
-- idempotency_key: the key the txid is derived from ("pix:" tenant ":" receivable ":" attempt), so a
-- retry of an UNKNOWN create repeats the same PUT and can never create a second cob.
alter table charge add column idempotency_key varchar(200);
alter table charge add column failure_reason varchar(500);
alter table charge add column next_check_at timestamptz;
alter table charge add column check_attempts integer not null default 0;
create unique index charge_idempotency_key on charge (tenant_id, idempotency_key) where idempotency_key is not null;
create index charge_pix_due_check on charge (next_check_at) where next_check_at is not null;
alter table charge_aud add column idempotency_key varchar(200);
alter table charge_aud add column failure_reason varchar(500);

-- Each Pix the hub confirmed at the PSP (never the notification body itself): one row per
-- endToEndId and tenant, the payment it became.
create table pix_notification (
    id              bigserial    primary key,
    tenant_id       varchar(40)  not null references tenant(id),
    end_to_end_id   varchar(32)  not null,
    txid            varchar(35),
    amount          numeric(15,2) not null,
    paid_at         timestamptz  not null,
    received_at     timestamptz  not null default now(),
    source          varchar(8)   not null check (source in ('WEBHOOK', 'POLL')),
    charge_id       bigint references charge(id),
    payment_id      bigint references payment(id),
    unique (tenant_id, end_to_end_id)
);
alter table pix_notification enable row level security;
create policy tenant_isolation on pix_notification using (hub_visible(tenant_id)) with check (hub_visible(tenant_id));

-- The webhook the hub registered at the tenant's PSP: only the SHA-256 of the path token is kept.
create table pix_webhook (
    tenant_id       varchar(40)  primary key references tenant(id),
    token_sha256    char(64)     not null,
    registered_at   timestamptz  not null default now(),
    registered_by   varchar(200)
);
alter table pix_webhook enable row level security;
create policy tenant_isolation on pix_webhook using (hub_visible(tenant_id)) with check (hub_visible(tenant_id));
