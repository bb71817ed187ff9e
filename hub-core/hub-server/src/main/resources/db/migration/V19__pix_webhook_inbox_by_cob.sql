-- The inbox claims and reschedules the pending rows of a cob together (one read-back of the cob confirms them all).
create index pix_webhook_inbox_pending_cob on pix_webhook_inbox (tenant_id, txid) where processed_at is null;
