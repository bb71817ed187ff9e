package br.com.recebiveishub.connector.erpfile;

import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.ExistingBoleto;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of the ERP CSV layout as typed values, what {@link ErpCsvWriter} writes.
 *
 * @param origem      source system, or null to leave the cell empty (read as {@code ERP-CSV})
 * @param idTitulo    the title's id in the ERP
 * @param documento   the printed number, or null (read as the id)
 * @param emissao     issue date
 * @param vencimento  due date
 * @param valor       amount, scale 2
 * @param debtor      the debtor
 * @param boleto      an already registered boleto, or null
 */
record CsvTitulo(String origem, String idTitulo, String documento, LocalDate emissao, LocalDate vencimento,
                 BigDecimal valor, Debtor debtor, ExistingBoleto boleto) {
}
