-- Card charges and payment links at the tenant's gateway (pay-card, Mercado Pago). A CARD charge
-- is one tokenized-card payment (gateway_payment_id once known); a LINK charge is a hosted checkout
-- page (payment_link_url) through which payments arrive carrying external_reference. Both are
-- PENDING / PAID / FAILED / UNKNOWN like a Pix cob, re-checked by the card janitor with backoff.
alter table charge drop constraint charge_method_check;
alter table charge add constraint charge_method_check check (method in ('BOLETO', 'PIX', 'CARD', 'LINK'));
alter table charge add column gateway_payment_id varchar(40);
alter table charge add column external_reference varchar(100);
alter table charge add column payment_link_url varchar(1000);
alter table charge_aud add column gateway_payment_id varchar(40);
alter table charge_aud add column external_reference varchar(100);
alter table charge_aud add column payment_link_url varchar(1000);
create unique index charge_external_reference on charge (tenant_id, external_reference) where external_reference is not null;

-- The path token of the tenant's gateway webhook URL: only its SHA-256 is kept (as pix_webhook).
create table card_webhook (
    tenant_id       varchar(40)  primary key references tenant(id),
    token_sha256    char(64)     not null,
    registered_at   timestamptz  not null default now(),
    registered_by   varchar(200)
);
alter table card_webhook enable row level security;
create policy tenant_isolation on card_webhook using (hub_visible(tenant_id)) with check (hub_visible(tenant_id));

-- Refunds (Pix devolução, card refund) of a paid online charge. The row is written (UNKNOWN) with
-- the caller's idempotency key before the provider is called, so a repeat repeats the same call
-- (same devolução id / same X-Idempotency-Key) and can never refund twice; REQUESTED or DONE
-- reverse the refunded amount of the payment's allocation (the receivable's open balance comes
-- back) in one audited revision carrying the refund's reason.
create table refund (
    id                  bigserial    primary key,
    tenant_id           varchar(40)  not null references tenant(id),
    charge_id           bigint       not null references charge(id),
    payment_id          bigint       not null references payment(id),
    amount              numeric(15,2) not null check (amount > 0),
    reason              varchar(500) not null,
    idempotency_key     varchar(200) not null,
    provider_refund_id  varchar(60),
    status              varchar(16)  not null check (status in ('UNKNOWN', 'REQUESTED', 'DONE', 'REFUSED')),
    failure_reason      varchar(500),
    reversed            boolean      not null default false,
    requested_by        varchar(200),
    created_at          timestamptz  not null default now(),
    unique (tenant_id, idempotency_key)
);
create index refund_payment on refund (payment_id);
alter table refund enable row level security;
create policy tenant_isolation on refund using (hub_visible(tenant_id)) with check (hub_visible(tenant_id));
