package br.com.recebiveishub.plugin.ofx;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OFX dates and amounts as Brazilian banks write them. */
final class OfxValues {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    /**
     * {@code YYYYMMDD[HHMMSS[.XXX]][[±H[H][.MM]][:TZ]]}; the zone name (often wrong, such as {@code EST}
     * on a {@code -03} offset) is ignored, the numeric offset counts.
     */
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(?:(\\d{2})(?:\\.\\d{1,6})?)?)?"
                    + "\\s*(?:\\[\\s*([+-]?\\d{1,2}(?:[.:]\\d{1,2})?)?\\s*(?::\\s*[A-Za-z_/+-]*)?\\s*\\])?");

    private OfxValues() {
    }

    /**
     * The business date in America/Sao_Paulo terms. A date without time, or at exactly midnight,
     * is the date as written whatever its offset (banks write a booking date as
     * {@code 20140102000000[0:GMT]} or {@code [-3:BRT]} alike); a date with a time of day and an
     * offset is moved to São Paulo's calendar; a time without an offset is taken as local.
     *
     * @throws IllegalArgumentException with the reason
     */
    static LocalDate date(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("date is empty");
        }
        Matcher m = DATE.matcher(raw.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + raw.strip() + "' is not an OFX date (YYYYMMDD[HHMMSS][[offset:TZ]])");
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return d;
            }
            int h = Integer.parseInt(m.group(4));
            int min = Integer.parseInt(m.group(5));
            int s = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            LocalDateTime t = d.atTime(h, min, s);
            if ((h == 0 && min == 0 && s == 0) || m.group(7) == null) {
                return d;
            }
            return t.atOffset(offset(m.group(7))).atZoneSameInstant(SAO_PAULO).toLocalDate();
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw.strip() + "' is not a valid date: " + e.getMessage());
        }
    }

    private static ZoneOffset offset(String raw) {
        String o = raw.strip();
        int sign = o.startsWith("-") ? -1 : 1;
        if (o.startsWith("-") || o.startsWith("+")) {
            o = o.substring(1);
        }
        String[] parts = o.split("[.:]");
        int hours = Integer.parseInt(parts[0]);
        int minutes = 0;
        if (parts.length > 1) {
            // "+5.30" is five and a half hours in OFX (fractional hours); "+05:30" hours and minutes.
            minutes = raw.contains(".") ? Math.round(Float.parseFloat("0." + parts[1]) * 60) : Integer.parseInt(parts[1]);
        }
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /**
     * A signed amount, scale 2. Accepts {@code 239.55}, {@code -50}, {@code +1,00} and
     * {@code -1.234,56}: when both separators appear the last one is the decimal separator.
     *
     * @throws IllegalArgumentException when it is not a number or has more than two significant decimals
     */
    static BigDecimal amount(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("amount is empty");
        }
        String a = raw.strip().replace(" ", "");
        int dot = a.lastIndexOf('.');
        int comma = a.lastIndexOf(',');
        if (dot >= 0 && comma >= 0) {
            if (comma > dot) {
                a = a.replace(".", "").replace(',', '.');
            } else {
                a = a.replace(",", "");
            }
        } else if (comma >= 0) {
            a = a.replace(',', '.');
        }
        if (!a.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            throw new IllegalArgumentException("'" + raw.strip() + "' is not an amount");
        }
        BigDecimal v = new BigDecimal(a.startsWith("+") ? a.substring(1) : a);
        if (v.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("'" + raw.strip() + "' has more than 2 decimal places");
        }
        return v.setScale(2, RoundingMode.UNNECESSARY);
    }
}
