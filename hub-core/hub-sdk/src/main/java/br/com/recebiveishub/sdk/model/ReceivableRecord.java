package br.com.recebiveishub.sdk.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One receivable (título / duplicata) read from a client's ERP export.
 *
 * <p>{@code sourceSystem} + {@code externalId} identify it for good within the tenant: reading
 * the same record again updates (or leaves unchanged) the receivable, never duplicates it.
 *
 * @param sourceSystem   where it comes from, e.g. {@code NFE} or {@code ERP-CSV}
 * @param externalId     its id in that system, e.g. NF-e access key + "/" + nDup
 * @param documentNumber the number printed for the debtor (invoice / duplicata number)
 * @param issueDate      issue date
 * @param dueDate        due date
 * @param amount         original amount, BRL, scale 2, positive
 * @param debtor         who owes it
 * @param existingBoleto a boleto already registered for it, or null
 * @param line           1-based line (or record ordinal) in the file, for reports
 * @param recordRef      a short human reference of the record in the file, e.g. {@code dup 001}
 */
public record ReceivableRecord(String sourceSystem, String externalId, String documentNumber,
                               LocalDate issueDate, LocalDate dueDate, BigDecimal amount, Debtor debtor,
                               ExistingBoleto existingBoleto, long line, String recordRef) {
}
