package br.com.recebiveishub.hub.audit;

/** Fitting free text (user agents, usernames) into the audit columns' widths. */
final class Columns {

    private Columns() {
    }

    /** @return {@code s} cut to at most {@code max} characters (null stays null) */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
