package br.com.recebiveishub.hub.reconcile;

import br.com.recebiveishub.hub.ingest.ImportReport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What one statement file did. Shows no personal data (no memo, payee name or document): the
 * entries are identified by line, account and FITID.
 *
 * @param importReport  the import record of the file (rejections with file, line, field and reason)
 * @param entries       entries read (credits and debits), duplicates included
 * @param matched       credits applied to a receivable
 * @param matchedAmount total applied
 * @param suggested     credits with candidates, none applied (in the exceptions queue)
 * @param unmatched     credits without any candidate (in the exceptions queue)
 * @param recorded      debits and non-payment credits, kept as reported
 * @param alreadyRecorded credits that are money the hub already holds as a payment (they name the Pix or boleto that the
 *                      PSP or the bank reported paid, for that amount or its net credit): linked to it, nothing recorded again
 * @param duplicates    entries an earlier import already holds (same bank, agency, account, FITID): nothing changed
 * @param rejected      entries the reader could not read
 * @param threshold     the score at or above which a unique candidate is applied
 * @param newEntries    the entries this import added, with their candidates
 */
public record StatementResult(ImportReport importReport, int entries, int matched, BigDecimal matchedAmount, int suggested,
                              int unmatched, int recorded, int alreadyRecorded, int duplicates, int rejected, BigDecimal threshold, List<Entry> newEntries) {

    /** One entry the import added. */
    public record Entry(long id, long line, String bankCode, String agency, String account, String fitId, LocalDate postedOn,
                        BigDecimal amount, String type, String outcome, BigDecimal confidence, String rule, Long receivableId,
                        Long chargeId, Long paymentId, List<Candidate> candidates) {
    }

    /** A receivable the matcher proposed for a credit. */
    public record Candidate(long entryId, long receivableId, Long chargeId, BigDecimal score, String rule, String detail) {
    }

    /** @return a one-line summary (no personal data) */
    public String summary() {
        return importReport.summary() + String.format(" | entries %d, matched %d (R$ %s), suggested %d, unmatched %d, recorded %d, "
                + "already recorded %d, duplicates %d, rejected %d", entries, matched, matchedAmount, suggested, unmatched, recorded,
                alreadyRecorded, duplicates, rejected);
    }
}
