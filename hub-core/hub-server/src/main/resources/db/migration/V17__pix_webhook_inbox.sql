-- What the tenant's PSP notified, kept before anything is read back: one row per endToEndId and
-- tenant however often the PSP delivers it (at-least-once delivery), so the webhook answers once
-- the notification is durable and a worker reads each Pix back at the PSP and settles it. The
-- body is never kept: only the ids it named. processed_at null = still to confirm; a claimed row
-- whose worker died is taken again when next_attempt_at passes (the claim is a lease).
create table pix_webhook_inbox (
    tenant_id          varchar(40)  not null references tenant(id),
    end_to_end_id      varchar(32)  not null,
    txid               varchar(35)  not null,
    first_received_at  timestamptz  not null default now(),
    last_received_at   timestamptz  not null default now(),
    deliveries         integer      not null default 1,
    attempts           integer      not null default 0,
    next_attempt_at    timestamptz  not null default now(),
    processed_at       timestamptz,
    outcome            varchar(20)  check (outcome in ('SETTLED', 'NOT_CONFIRMED')),
    primary key (tenant_id, end_to_end_id)
);
create index pix_webhook_inbox_due on pix_webhook_inbox (next_attempt_at) where processed_at is null;
alter table pix_webhook_inbox enable row level security;
create policy tenant_isolation on pix_webhook_inbox using (hub_visible(tenant_id)) with check (hub_visible(tenant_id));
