package br.com.recebiveishub.hub.audit;

/**
 * The rule for writes people make by hand on money or debtors' data (write-off, cancellation,
 * data correction, manual allocation): each one needs a reason, recorded on its revision, so an
 * auditor reading the trail sees why and not only who. docs/audit-guide.md lists them.
 */
public final class SensitiveWrite {

    /** Shortest reason accepted: enough for "duplicada" or a ticket number, not for "ok" or ".". */
    public static final int MIN_REASON = 5;
    /** The revision's reason column holds 500; the action's name ("manual allocation: ") goes in front. */
    public static final int MAX_REASON = 450;

    private SensitiveWrite() {
    }

    /**
     * @param action what is being done, for the error message (e.g. "a write-off")
     * @return the reason, trimmed
     * @throws IllegalArgumentException naming the field when the reason is missing, too short or too long
     */
    public static String requireReason(String reason, String action) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw new IllegalArgumentException("reason: required for " + action + " (it is recorded in the audit trail)");
        }
        if (r.length() < MIN_REASON) {
            throw new IllegalArgumentException("reason: too short for " + action + " (at least " + MIN_REASON + " characters)");
        }
        if (r.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason: longer than " + MAX_REASON + " characters");
        }
        return r;
    }
}
