package br.com.recebiveishub.hub.reconcile;

import br.com.recebiveishub.hub.ingest.ImportReport;
import java.math.BigDecimal;

/**
 * What one return file did.
 *
 * @param importReport    the import record of the file
 * @param settlements     settlement movements read
 * @param allocated       settlements allocated to receivables
 * @param allocatedAmount total allocated
 * @param fees            bank fees of the new payments
 * @param duplicates      settlements already recorded by an earlier file (paid nothing)
 * @param statusUpdates   registration / write-off movements applied to charges
 * @param exceptions      movements sent to the exceptions queue
 */
public record ReconciliationResult(ImportReport importReport, int settlements, int allocated, BigDecimal allocatedAmount,
                                   BigDecimal fees, int duplicates, int statusUpdates, int exceptions) {

    /** @return a one-line summary (no personal data) */
    public String summary() {
        return importReport.summary() + String.format(" | settlements %d, allocated %d (R$ %s), fees R$ %s, duplicates %d, "
                + "status updates %d, exceptions %d", settlements, allocated, allocatedAmount, fees, duplicates, statusUpdates, exceptions);
    }
}
