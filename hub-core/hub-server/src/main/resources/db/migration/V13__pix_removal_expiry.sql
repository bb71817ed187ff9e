-- A live Pix cob of a receivable that a boleto paid first is withdrawn at the PSP: the settlement's
-- revision marks it REMOVAL_REQUESTED (the charge row is the outbox) and the Pix janitor PATCHes it
-- to REMOVIDA_PELO_USUARIO_RECEBEDOR, retrying with backoff while the PSP is unreachable; CANCELLED
-- when the PSP confirms. An immediate cob past its expiration without payment becomes EXPIRED.
alter table charge drop constraint charge_status_check;
alter table charge add constraint charge_status_check check (status in ('REGISTRATION_PENDING', 'REGISTERED', 'REJECTED', 'PAID',
    'WRITTEN_OFF', 'CANCELLED', 'UNKNOWN', 'CANCEL_REQUESTED', 'PENDING', 'FAILED', 'REMOVAL_REQUESTED', 'EXPIRED'));
-- cob (false) or cobv (true): the PSP keeps them under different paths (API Pix /cob, /cobv)
alter table charge add column pix_with_due_date boolean not null default false;
alter table charge_aud add column pix_with_due_date boolean;
-- end of an immediate cob's life (the PSP's creation + calendario.expiracao), null for a cobv
alter table charge add column pix_expires_at timestamptz;
alter table charge_aud add column pix_expires_at timestamptz;
