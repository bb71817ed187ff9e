-- V10 (Pix charges) and V11 (boleto cancellation) were written in parallel and each re-creates the
-- charge status check; whichever runs last would drop the other's statuses. This one holds them all.
alter table charge drop constraint charge_status_check;
alter table charge add constraint charge_status_check check (status in ('REGISTRATION_PENDING', 'REGISTERED', 'REJECTED', 'PAID',
    'WRITTEN_OFF', 'CANCELLED', 'UNKNOWN', 'CANCEL_REQUESTED', 'PENDING', 'FAILED'));
