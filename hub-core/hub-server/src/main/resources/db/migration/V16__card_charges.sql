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
