-- ALREADY_RECORDED: a credit naming (by Pix txid or nosso número) a charge whose payment the rail already reported — the
-- PSP's Pix, the bank's boleto settlement — for the same amount (or its net credit): the same money reaching the account,
-- linked to that payment (statement_entry.payment_id) instead of being recorded a second time.
alter table statement_entry drop constraint statement_entry_outcome_check;
alter table statement_entry add constraint statement_entry_outcome_check
    check (outcome in ('PENDING', 'MATCHED', 'SUGGESTED', 'UNMATCHED', 'RECORDED', 'ALREADY_RECORDED'));
