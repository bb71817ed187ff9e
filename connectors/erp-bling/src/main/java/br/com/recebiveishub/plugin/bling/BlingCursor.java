package br.com.recebiveishub.plugin.bling;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Where a read resumes: a window of emission dates and the page within it. Text form
 * {@code v1;E;from=2026-11-01;to=2026-12-03;page=4}, or {@code v1;E;from=2026-11-03} between reads
 * (the next read closes the window at its own date).
 *
 * <p>Bling v3's list filters contas a receber by emission or due date only, not by change date,
 * so the window after a complete read starts {@code lookbackDays} before the day it ended: contas
 * emitted in those days are read again (their changes seen, the upsert makes the repeat harmless),
 * and a conta emitted on the boundary day is read twice rather than never.
 */
record BlingCursor(LocalDate from, LocalDate to, int page) {

    static BlingCursor parse(String text) {
        String[] parts = text.split(";");
        if (parts.length < 3 || !"v1".equals(parts[0]) || !"E".equals(parts[1])) {
            throw new IllegalArgumentException("cursor: not a Bling connector cursor (v1;E;...)");
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
        return new BlingCursor(from, to, page);
    }

    String text() {
        return "v1;E;from=" + from + (to == null ? "" : ";to=" + to + ";page=" + page);
    }
}
