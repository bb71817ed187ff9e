-- The creditor address printed on collection documents keeps its complemento (conj., sala, andar),
-- which onboarding accepted and dropped.
alter table tenant add column complemento varchar(100);
alter table tenant_aud add column complemento varchar(100);
