package br.com.recebiveishub.plugin.omie;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Where a read resumes: a window of change dates ({@code info.dAlt}, day granularity) and the page
 * within it. Text form {@code v1;alt;from=2026-11-01;to=2026-12-03;page=4}, or
 * {@code v1;alt;from=2026-12-03} between reads.
 *
 * <p>After a complete read the next window starts on the day the last one ended, not the day
 * after: Omie filters by date without time, so titles changed later that day are read again
 * rather than missed. The repeat is harmless (the hub upserts by Omie's code).
 */
record OmieCursor(LocalDate from, LocalDate to, int page) {

    static OmieCursor parse(String text) {
        String[] parts = text.split(";");
        if (parts.length < 3 || !"v1".equals(parts[0]) || !"alt".equals(parts[1])) {
            throw new IllegalArgumentException("cursor: not an Omie connector cursor (v1;alt;...)");
        }
        LocalDate from = null;
        LocalDate to = null;
        int page = 1;
        try {
            for (int i = 2; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                switch (kv[0]) {
                    case "from" -> from = LocalDate.parse(kv[1]);
                    case "to" -> to = LocalDate.parse(kv[1]);
                    case "page" -> page = Integer.parseInt(kv[1]);
                    default -> throw new IllegalArgumentException("cursor: unknown part " + kv[0]);
                }
            }
        } catch (DateTimeParseException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cursor: malformed part");
        }
        if (from == null || page < 1 || (to != null && to.isBefore(from))) {
            throw new IllegalArgumentException("cursor: needs from, page >= 1, to not before from");
        }
        return new OmieCursor(from, to, page);
    }

    String text() {
        return "v1;alt;from=" + from + (to == null ? "" : ";to=" + to + ";page=" + page);
    }
}
