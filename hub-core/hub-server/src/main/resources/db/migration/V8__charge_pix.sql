-- A charge may be a Pix cobrança (method PIX: txid at the PSP, location, BR Code) or a boleto
-- that also carries a Pix BR Code (boleto híbrido: pix_code beside the barcode). A Pix charge has
-- no bank code or nosso número of its own.
alter table charge drop constraint charge_method_check;
alter table charge add constraint charge_method_check check (method in ('BOLETO', 'PIX'));
alter table charge alter column bank_code drop not null;
alter table charge alter column nosso_numero drop not null;
alter table charge add constraint charge_boleto_has_nosso_numero
    check (method <> 'BOLETO' or (bank_code is not null and nosso_numero is not null));
alter table charge add column pix_txid varchar(35);
alter table charge add column pix_location varchar(200);
alter table charge add column pix_code varchar(512);
create unique index charge_pix_txid on charge (tenant_id, pix_txid) where pix_txid is not null;
alter table charge_aud add column pix_txid varchar(35);
alter table charge_aud add column pix_location varchar(200);
alter table charge_aud add column pix_code varchar(512);
