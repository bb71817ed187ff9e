-- Audit trail v2 (issue 3, items 6 and 7): request details on every revision, the read-access log,
-- the plugin data-sharing log, a hash chain over all three, and signed checkpoints of that chain.
-- Auditor-facing description: docs/audit-guide.md.
--
-- The chain appender relies on these id sequences handing out values in allocation order with
-- CACHE 1 (the default): hub_revision_seq, access_log_id_seq, plugin_data_share_id_seq.

-- Who exactly, from where: subject (actor) and username, client address and user agent of the request.
alter table hub_revision
    add column actor_username  varchar(200),
    add column client_address  varchar(100),
    add column user_agent      varchar(500);

-- Every read of a debtor's personal data: who, for which tenant, which subject, through which
-- endpoint and for which purpose (LGPD Art. 37 record of processing operations).
create table access_log (
    id              bigserial    primary key,
    at              timestamptz  not null,
    actor           varchar(200) not null,
    actor_username  varchar(200),
    tenant_id       varchar(40),
    subject_type    varchar(32)  not null,
    subject_id      varchar(120) not null,
    endpoint        varchar(300) not null,
    purpose         varchar(200) not null,
    client_address  varchar(100),
    user_agent      varchar(500),
    correlation_id  varchar(80)
);
create index access_log_tenant on access_log (tenant_id, id);
create index access_log_subject on access_log (tenant_id, subject_type, subject_id);

-- Every hand-over of personal data to a plugin (the LGPD sharing report): which plugin, which
-- subject, which fields (sorted, comma-separated), for which purpose.
create table plugin_data_share (
    id              bigserial    primary key,
    at              timestamptz  not null,
    tenant_id       varchar(40),
    plugin_id       varchar(64)  not null,
    subject_type    varchar(32)  not null,
    subject_id      varchar(120) not null,
    fields          text         not null,
    purpose         varchar(200) not null,
    actor           varchar(200),
    correlation_id  varchar(80)
);
create index plugin_data_share_tenant on plugin_data_share (tenant_id, id);
create index plugin_data_share_subject on plugin_data_share (tenant_id, subject_type, subject_id);

-- The hash chain. One chain per tenant (tenant_id null: the hub-wide chain); seq orders all
-- entries of all chains, chain_pos numbers the entries of one chain from 1 without gaps.
--   content_hash = SHA-256 of the entry's canonical content (docs/audit-guide.md, "Content")
--   entry_hash   = SHA-256(prev_hash, seq, chain, chain_pos, entry_type, entry_ref, content_hash)
--   prev_hash    = entry_hash of the previous entry of the same chain (64 zeros for the first)
create table audit_chain (
    seq           bigint       primary key,
    entry_type    varchar(16)  not null check (entry_type in ('REVISION', 'ACCESS', 'SHARE')),
    entry_ref     bigint       not null,
    tenant_id     varchar(40),
    chain_pos     bigint       not null check (chain_pos > 0),
    content_hash  char(64)     not null,
    prev_hash     char(64)     not null,
    entry_hash    char(64)     not null,
    chained_at    timestamptz  not null,
    unique (entry_type, entry_ref)
);
create unique index audit_chain_position on audit_chain ((coalesce(tenant_id, '')), chain_pos);

-- The appender's bookkeeping: the last entry of each chain and its last checkpoint. A cache only:
-- the verifier never trusts it.
create table audit_chain_head (
    chain           varchar(40)  primary key,
    last_seq        bigint       not null,
    last_pos        bigint       not null,
    last_hash       char(64)     not null,
    checkpoint_pos  bigint       not null default 0,
    checkpoint_at   timestamptz  not null
);

-- Signed checkpoints: the hub's Ed25519 key signs (chain, upto_seq, upto_pos, entry_hash,
-- signed_at, key_id) every N entries or every minute; signature is base64.
create table audit_checkpoint (
    id          bigserial    primary key,
    tenant_id   varchar(40),
    upto_seq    bigint       not null,
    upto_pos    bigint       not null,
    entry_hash  char(64)     not null,
    signed_at   timestamptz  not null,
    key_id      varchar(16)  not null,
    signature   text         not null
);
create index audit_checkpoint_chain on audit_checkpoint ((coalesce(tenant_id, '')), upto_seq);

-- Hashing a revision reads its row versions by rev: index every audit table on it.
create index tenant_aud_rev on tenant_aud (rev);
create index bank_account_aud_rev on bank_account_aud (rev);
create index customer_aud_rev on customer_aud (rev);
create index receivable_aud_rev on receivable_aud (rev);
create index charge_aud_rev on charge_aud (rev);
create index payment_aud_rev on payment_aud (rev);
create index allocation_aud_rev on allocation_aud (rev);
