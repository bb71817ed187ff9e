-- Sensitive writes made by people (docs/audit-guide.md, "What needs a reason"): write-off,
-- cancellation, data correction and manual allocation. Each one is a revision whose reason is
-- mandatory; this migration adds what they record.

-- A receivable written off as a loss keeps what was written off, so recovery KPIs can tell a
-- loss from a cancellation (no longer owed) and from a payment.
alter table receivable drop constraint receivable_status_check;
alter table receivable add constraint receivable_status_check
    check (status in ('OPEN', 'PARTIALLY_PAID', 'PAID', 'CANCELLED', 'WRITTEN_OFF'));
alter table receivable add column written_off_amount numeric(15,2) not null default 0 check (written_off_amount >= 0);
alter table receivable_aud add column written_off_amount numeric(15,2);

-- A manual allocation is an API call a collector may retry: its Idempotency-Key makes the retry
-- return the first allocation instead of applying the money twice.
alter table allocation add column idempotency_key varchar(200);
alter table allocation_aud add column idempotency_key varchar(200);
create unique index allocation_idempotency on allocation (tenant_id, idempotency_key) where idempotency_key is not null;

-- Who resolved a reconciliation exception, when and how (e.g. "manual allocation 42").
alter table reconciliation_exception add column resolved_at timestamptz;
alter table reconciliation_exception add column resolved_by varchar(200);
alter table reconciliation_exception add column resolution varchar(1000);

-- Row-level security made the ingest's refuse check (a lookup by the unique key
-- tenant+source+external id) pick the (tenant_id, status, due_date) index when the planner's
-- statistics lagged behind a large import in progress, filtering every row of the tenant for every
-- staged row (docs/performance.md). The status index only served open receivables (issuing, aging
-- of what is still owed), so it becomes a partial index that a lookup without that status
-- predicate cannot use, and the unique key is the only index such a lookup can take.
drop index receivable_tenant_status_due;
create index receivable_open_due on receivable (tenant_id, due_date) where status in ('OPEN', 'PARTIALLY_PAID');
