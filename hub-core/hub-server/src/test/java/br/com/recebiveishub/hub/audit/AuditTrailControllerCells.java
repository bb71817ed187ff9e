package br.com.recebiveishub.hub.audit;

/** Test access to the CSV cell rule of {@link AuditTrailController}. */
public final class AuditTrailControllerCells {

    private AuditTrailControllerCells() {
    }

    public static String cell(String v) {
        return AuditTrailController.cell(v);
    }
}
