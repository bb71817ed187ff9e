-- Bank statements (OFX) per tenant: every entry as the bank sent it, the candidates the matcher
-- found for each credit, and the exceptions queue extended for credits it could not apply.
-- An entry is one movement of one account: unique by (bank, agency, account, FITID) within the
-- tenant, so a re-imported file or an overlapping period inserts nothing twice.

alter table import_batch drop constraint import_batch_kind_check;
alter table import_batch add constraint import_batch_kind_check check (kind in ('ERP_FILE', 'BANK_RETURN', 'BANK_STATEMENT'));

create table statement_entry (
    id               bigserial    primary key,
    tenant_id        varchar(40)  not null references tenant(id),
    import_id        bigint       not null references import_batch(id),
    bank_code        varchar(10)  not null default '',   -- OFX BANKID ('' for a card statement)
    agency           varchar(20)  not null default '',   -- OFX BRANCHID ('' when the bank puts it in the account id)
    account          varchar(40)  not null,              -- OFX ACCTID as the bank writes it
    fit_id           varchar(255) not null,
    posted_on        date         not null,
    amount           numeric(15,2) not null,             -- signed: positive credits the account
    trn_type         varchar(40)  not null,
    kind             varchar(20)  not null,
    memo             varchar(1000),
    payee_name       varchar(255),
    payee_document   varchar(14),
    check_number     varchar(40),
    reference_number varchar(60),
    line             bigint       not null,
    -- MATCHED: applied (payment + allocation); SUGGESTED: candidates, none applied; UNMATCHED: no candidate;
    -- RECORDED: a debit or a non-payment credit (interest, dividend), kept as reported
    outcome          varchar(16)  not null check (outcome in ('PENDING', 'MATCHED', 'SUGGESTED', 'UNMATCHED', 'RECORDED')),
    confidence       numeric(3,2),
    match_rule       varchar(20),
    receivable_id    bigint references receivable(id),
    charge_id        bigint references charge(id),
    payment_id       bigint references payment(id),
    created_at       timestamptz  not null default now(),
    unique (tenant_id, bank_code, agency, account, fit_id)
);
create index statement_entry_import on statement_entry (import_id, line);

-- What the matcher proposed for a credit, with its score (docs/payments.md, "Bank statements").
create table statement_candidate (
    id             bigserial    primary key,
    tenant_id      varchar(40)  not null references tenant(id),
    entry_id       bigint       not null references statement_entry(id),
    receivable_id  bigint       not null references receivable(id),
    charge_id      bigint references charge(id),
    score          numeric(3,2) not null check (score > 0 and score <= 1),
    rule           varchar(20)  not null check (rule in ('PIX_TXID', 'NOSSO_NUMERO', 'AMOUNT_DATE')),
    detail         varchar(300) not null,
    unique (entry_id, receivable_id)
);
create index statement_candidate_entry on statement_candidate (entry_id);

alter table reconciliation_exception drop constraint reconciliation_exception_kind_check;
alter table reconciliation_exception add constraint reconciliation_exception_kind_check check (kind in (
    'UNMATCHED', 'AMOUNT_DIFFERS', 'RECEIVABLE_NOT_OPEN', 'ENTRY_REJECTED', 'UNREADABLE_RECORD',
    'STATEMENT_UNMATCHED', 'STATEMENT_LOW_CONFIDENCE'));
alter table reconciliation_exception add column statement_entry_id bigint references statement_entry(id);

alter table statement_entry enable row level security;
create policy tenant_isolation on statement_entry using (hub_visible(tenant_id)) with check (hub_visible(tenant_id));
alter table statement_candidate enable row level security;
create policy tenant_isolation on statement_candidate using (hub_visible(tenant_id)) with check (hub_visible(tenant_id));

-- Upper case without accents, for comparing a payer's name with a statement's payee or memo.
create or replace function hub_fold(t text) returns text
    language sql immutable
as $$
    select upper(translate(coalesce(t, ''), 'áàâãäéèêëíìîïóòôõöúùûüçñÁÀÂÃÄÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇÑ',
                                            'aaaaaeeeeiiiiooooouuuucnAAAAAEEEEIIIIOOOOOUUUUCN'))
$$;
grant execute on function hub_fold(text) to ${appRole};
