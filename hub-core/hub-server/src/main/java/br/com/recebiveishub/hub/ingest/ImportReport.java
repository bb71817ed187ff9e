package br.com.recebiveishub.hub.ingest;

import br.com.recebiveishub.sdk.model.RecordRejection;
import java.time.Instant;
import java.util.List;

/**
 * What happened to one dropped file: an ERP export or a bank return.
 *
 * @param id          import id
 * @param tenantId    tenant
 * @param kind        ERP_FILE or BANK_RETURN
 * @param fileName    file name as dropped
 * @param sha256      content hash (the idempotency key of the file)
 * @param pluginId    plugin that read it
 * @param status      PROCESSED, FAILED (nothing applied) or DUPLICATE (same content already applied)
 * @param duplicateOf the import that applied this content first, for a DUPLICATE
 * @param read        records read
 * @param created     records that created something
 * @param updated     records that changed something
 * @param unchanged   records that changed nothing
 * @param rejected    records quarantined (see rejections)
 * @param error       why a FAILED file was not applied
 * @param rejections  each quarantined record with file, line, field and reason
 */
public record ImportReport(long id, String tenantId, String kind, String fileName, String sha256, String pluginId,
                           String status, Long duplicateOf, int read, int created, int updated, int unchanged, int rejected,
                           String error, Instant startedAt, Instant finishedAt, List<RecordRejection> rejections) {

    /** @return a one-line summary for logs and the demo (no personal data) */
    public String summary() {
        return String.format("%s %-9s %s: read %d, created %d, updated %d, unchanged %d, rejected %d%s%s",
                kind, status, fileName, read, created, updated, unchanged, rejected,
                duplicateOf != null ? " (same content as import " + duplicateOf + ")" : "",
                error != null ? " - " + error : "");
    }
}
