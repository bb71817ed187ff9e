-- Canonical model v1. Money is numeric(15,2) in BRL; business dates are date (America/Sao_Paulo);
-- instants are timestamptz (UTC). Every tenant-owned table carries tenant_id.

create sequence hub_revision_seq increment by 1;

-- Envers revision: who changed what, for which tenant, why, through which path.
create table hub_revision (
    id              bigint primary key,
    timestamp       bigint       not null,
    actor           varchar(200) not null,
    tenant_id       varchar(40),
    correlation_id  varchar(80),
    reason          varchar(500),
    source          varchar(120) not null
);

create table tenant (
    id                 varchar(40)  primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name               varchar(200) not null,
    documento          varchar(14)  not null,
    default_term_days  integer      not null default 30 check (default_term_days between 0 and 3650),
    -- creditor address: every collection document shows it (CDC Art. 42-A)
    logradouro         varchar(200),
    numero             varchar(20),
    bairro             varchar(100),
    municipio          varchar(100),
    uf                 varchar(2),
    cep                varchar(8),
    created_at         timestamptz  not null default now(),
    version            bigint       not null default 0
);

create table bank_account (
    id                  bigserial primary key,
    tenant_id           varchar(40)  not null references tenant(id),
    bank_code           varchar(3)      not null check (bank_code ~ '^[0-9]{3}$'),
    agencia             varchar(5)   not null,
    agencia_dv          varchar(1)   not null default '',
    conta               varchar(12)  not null,
    conta_dv            varchar(1)   not null default '',
    carteira            varchar(3)   not null,
    convenio            varchar(20)  not null,
    provider_plugin_id  varchar(64)  not null,
    next_nosso_numero   bigint       not null default 1 check (next_nosso_numero > 0),
    next_remessa_seq    integer      not null default 1,
    fine_percent        numeric(5,2),
    monthly_interest_percent numeric(5,2),
    active              boolean      not null default true,
    version             bigint       not null default 0,
    unique (tenant_id, bank_code, agencia, conta, carteira)
);

create table customer (
    id           bigserial primary key,
    tenant_id    varchar(40)  not null references tenant(id),
    documento    varchar(14)  not null,
    tipo         varchar(4)   not null check (tipo in ('CPF', 'CNPJ')),
    nome         varchar(200) not null,
    logradouro   varchar(200),
    numero       varchar(20),
    complemento  varchar(100),
    bairro       varchar(100),
    municipio    varchar(100),
    uf           varchar(2),
    cep          varchar(8),
    email        varchar(200),
    telefone     varchar(20),
    version      bigint       not null default 0,
    unique (tenant_id, documento)
);

create table import_batch (
    id             bigserial primary key,
    tenant_id      varchar(40)  not null references tenant(id),
    kind           varchar(20)  not null check (kind in ('ERP_FILE', 'BANK_RETURN')),
    file_name      varchar(255) not null,
    sha256         varchar(64)     not null,
    plugin_id      varchar(64),
    status         varchar(12)  not null check (status in ('PROCESSED', 'FAILED', 'DUPLICATE')),
    duplicate_of   bigint references import_batch(id),
    records_read   integer not null default 0,
    created        integer not null default 0,
    updated        integer not null default 0,
    unchanged      integer not null default 0,
    rejected       integer not null default 0,
    error          varchar(2000),
    started_at     timestamptz  not null,
    finished_at    timestamptz  not null
);
-- A file's content is applied once per tenant and kind; a re-drop is recorded as DUPLICATE.
create unique index import_batch_applied_once on import_batch (tenant_id, kind, sha256) where status = 'PROCESSED';
create index import_batch_tenant on import_batch (tenant_id, id desc);

create table import_rejection (
    id          bigserial primary key,
    tenant_id   varchar(40)  not null,
    import_id   bigint       not null references import_batch(id),
    line        bigint       not null,
    record      varchar(120),
    field       varchar(120),
    reason      varchar(1000) not null
);
create index import_rejection_import on import_rejection (import_id, line);

create table receivable (
    id               bigserial primary key,
    tenant_id        varchar(40)  not null references tenant(id),
    customer_id      bigint       not null references customer(id),
    source_system    varchar(40)  not null,
    external_id      varchar(120) not null,
    document_number  varchar(60),
    issue_date       date,
    due_date         date         not null,
    original_amount  numeric(15,2) not null check (original_amount > 0),
    open_balance     numeric(15,2) not null check (open_balance >= 0),
    status           varchar(16)  not null check (status in ('OPEN', 'PARTIALLY_PAID', 'PAID', 'CANCELLED')),
    origin_file      varchar(255),
    origin_record    varchar(120),
    import_id        bigint references import_batch(id),
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    version          bigint       not null default 0,
    unique (tenant_id, source_system, external_id)
);
create index receivable_tenant_status_due on receivable (tenant_id, status, due_date);
create index receivable_customer on receivable (customer_id);

create table remessa (
    id               bigserial primary key,
    tenant_id        varchar(40)  not null references tenant(id),
    bank_account_id  bigint       not null references bank_account(id),
    sequence         integer      not null,
    file_name        varchar(255) not null,
    titles           integer      not null,
    content          bytea        not null,
    created_at       timestamptz  not null default now(),
    unique (bank_account_id, sequence)
);

create table charge (
    id                  bigserial primary key,
    tenant_id           varchar(40)  not null references tenant(id),
    receivable_id       bigint       not null references receivable(id),
    method              varchar(16)  not null check (method in ('BOLETO')),
    provider_plugin_id  varchar(64)  not null,
    bank_account_id     bigint references bank_account(id),
    bank_code           varchar(3)      not null,
    nosso_numero        varchar(40)  not null,
    nosso_numero_impresso varchar(60),
    barcode             varchar(44),
    linha_digitavel     varchar(47),
    amount              numeric(15,2) not null,
    due_date            date         not null,
    status              varchar(24)  not null check (status in ('REGISTRATION_PENDING', 'REGISTERED', 'REJECTED', 'PAID', 'WRITTEN_OFF', 'CANCELLED', 'UNKNOWN')),
    remessa_id          bigint references remessa(id),
    created_at          timestamptz  not null default now(),
    version             bigint       not null default 0,
    unique (tenant_id, bank_code, nosso_numero)
);
create index charge_receivable on charge (receivable_id);

create table payment (
    id               bigserial primary key,
    tenant_id        varchar(40)  not null references tenant(id),
    charge_id        bigint references charge(id),
    bank_code        varchar(3),
    nosso_numero     varchar(40),
    movement_code    varchar(4),
    amount           numeric(15,2) not null,
    fee              numeric(15,2) not null default 0,
    net_credit       numeric(15,2),
    payment_date     date,
    credit_date      date,
    source_file      varchar(255),
    source_line      bigint,
    import_id        bigint references import_batch(id),
    idempotency_key  varchar(200) not null,
    created_at       timestamptz  not null default now(),
    version          bigint       not null default 0,
    unique (tenant_id, idempotency_key)
);
create index payment_charge on payment (charge_id);

-- Many-to-many: one lump sum may settle several receivables, one receivable may be paid in parts.
create table allocation (
    id             bigserial primary key,
    tenant_id      varchar(40)  not null references tenant(id),
    payment_id     bigint       not null references payment(id),
    receivable_id  bigint       not null references receivable(id),
    amount         numeric(15,2) not null check (amount > 0),
    created_at     timestamptz  not null default now(),
    version        bigint       not null default 0
);
create index allocation_payment on allocation (payment_id);
create index allocation_receivable on allocation (receivable_id);

-- Every movement a bank reported, as reported: the ledger reconciliation decisions are made from.
create table return_movement (
    id              bigserial primary key,
    tenant_id       varchar(40)  not null,
    import_id       bigint       not null references import_batch(id),
    line            bigint       not null,
    bank_code       varchar(3)      not null,
    nosso_numero    varchar(40)  not null,
    movement_code   varchar(4)   not null,
    kind            varchar(32)  not null,
    title_amount    numeric(15,2),
    paid_amount     numeric(15,2),
    fee             numeric(15,2),
    net_credit      numeric(15,2),
    due_date        date,
    occurrence_date date,
    credit_date     date,
    reason_codes    varchar(100),
    charge_id       bigint references charge(id),
    payment_id      bigint references payment(id),
    outcome         varchar(24)  not null
);
create index return_movement_import on return_movement (import_id, line);

create table reconciliation_exception (
    id              bigserial primary key,
    tenant_id       varchar(40)  not null,
    import_id       bigint references import_batch(id),
    movement_id     bigint references return_movement(id),
    payment_id      bigint references payment(id),
    charge_id       bigint references charge(id),
    kind            varchar(24)  not null check (kind in ('UNMATCHED', 'AMOUNT_DIFFERS', 'RECEIVABLE_NOT_OPEN', 'ENTRY_REJECTED', 'UNREADABLE_RECORD')),
    reason          varchar(1000) not null,
    status          varchar(12)  not null default 'OPEN' check (status in ('OPEN', 'RESOLVED')),
    created_at      timestamptz  not null default now()
);
create index reconciliation_exception_open on reconciliation_exception (tenant_id, status, id);

-- Envers audit tables (validity strategy: rev opens a version, revend closes it).
create table tenant_aud (
    id varchar(40) not null, rev bigint not null references hub_revision(id), revtype smallint, revend bigint references hub_revision(id),
    name varchar(200), documento varchar(14), default_term_days integer, logradouro varchar(200), numero varchar(20),
    bairro varchar(100), municipio varchar(100), uf varchar(2), cep varchar(8), created_at timestamptz,
    primary key (id, rev)
);
create table bank_account_aud (
    id bigint not null, rev bigint not null references hub_revision(id), revtype smallint, revend bigint references hub_revision(id),
    tenant_id varchar(40), bank_code varchar(3), agencia varchar(5), agencia_dv varchar(1), conta varchar(12), conta_dv varchar(1),
    carteira varchar(3), convenio varchar(20), provider_plugin_id varchar(64), next_nosso_numero bigint, next_remessa_seq integer,
    fine_percent numeric(5,2), monthly_interest_percent numeric(5,2), active boolean,
    primary key (id, rev)
);
create table customer_aud (
    id bigint not null, rev bigint not null references hub_revision(id), revtype smallint, revend bigint references hub_revision(id),
    tenant_id varchar(40), documento varchar(14), tipo varchar(4), nome varchar(200), logradouro varchar(200), numero varchar(20),
    complemento varchar(100), bairro varchar(100), municipio varchar(100), uf varchar(2), cep varchar(8), email varchar(200), telefone varchar(20),
    primary key (id, rev)
);
create table receivable_aud (
    id bigint not null, rev bigint not null references hub_revision(id), revtype smallint, revend bigint references hub_revision(id),
    tenant_id varchar(40), customer_id bigint, source_system varchar(40), external_id varchar(120), document_number varchar(60),
    issue_date date, due_date date, original_amount numeric(15,2), open_balance numeric(15,2), status varchar(16),
    origin_file varchar(255), origin_record varchar(120), import_id bigint, created_at timestamptz, updated_at timestamptz,
    primary key (id, rev)
);
create index receivable_aud_revend on receivable_aud (id) where revend is null;
create table charge_aud (
    id bigint not null, rev bigint not null references hub_revision(id), revtype smallint, revend bigint references hub_revision(id),
    tenant_id varchar(40), receivable_id bigint, method varchar(16), provider_plugin_id varchar(64), bank_account_id bigint,
    bank_code varchar(3), nosso_numero varchar(40), nosso_numero_impresso varchar(60), barcode varchar(44), linha_digitavel varchar(47),
    amount numeric(15,2), due_date date, status varchar(24), remessa_id bigint, created_at timestamptz,
    primary key (id, rev)
);
create index charge_aud_revend on charge_aud (id) where revend is null;
create table payment_aud (
    id bigint not null, rev bigint not null references hub_revision(id), revtype smallint, revend bigint references hub_revision(id),
    tenant_id varchar(40), charge_id bigint, bank_code varchar(3), nosso_numero varchar(40), movement_code varchar(4),
    amount numeric(15,2), fee numeric(15,2), net_credit numeric(15,2), payment_date date, credit_date date,
    source_file varchar(255), source_line bigint, import_id bigint, idempotency_key varchar(200), created_at timestamptz,
    primary key (id, rev)
);
create table allocation_aud (
    id bigint not null, rev bigint not null references hub_revision(id), revtype smallint, revend bigint references hub_revision(id),
    tenant_id varchar(40), payment_id bigint, receivable_id bigint, amount numeric(15,2), created_at timestamptz,
    primary key (id, rev)
);
