-- Cancelling a boleto at the bank (baixa): the hub records the request (CANCEL_REQUESTED, with its
-- reason on the revision), sends it in the account's next remessa (movement 02, cancel_remessa_id)
-- and marks the charge CANCELLED when the bank's return confirms the baixa (movement 09). Until
-- then the boleto is live: the bank may still collect it.
alter table charge drop constraint charge_status_check;
alter table charge add constraint charge_status_check check (status in ('REGISTRATION_PENDING', 'REGISTERED', 'REJECTED', 'PAID',
    'WRITTEN_OFF', 'CANCELLED', 'UNKNOWN', 'CANCEL_REQUESTED'));
alter table charge add column cancel_remessa_id bigint references remessa(id);
alter table charge_aud add column cancel_remessa_id bigint;
