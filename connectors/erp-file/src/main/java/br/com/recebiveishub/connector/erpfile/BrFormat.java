package br.com.recebiveishub.connector.erpfile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brazilian number, date and text conventions shared by the CSV reader and writer.
 *
 * <p>Parse methods throw {@link IllegalArgumentException} whose message is a reason fit for a
 * {@link br.com.recebiveishub.sdk.model.RecordRejection}: it never repeats the value it refused.
 */
final class BrFormat {

    /** The 27 federative units. */
    static final Set<String> UFS = Set.of("AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS",
            "MG", "PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO");

    /** 1234,56 or 1.234,56 (thousands grouped by dots), up to two decimals after a comma. */
    private static final Pattern AMOUNT_BR = Pattern.compile("\\d{1,3}(\\.\\d{3})+(,\\d{1,2})?|\\d+(,\\d{1,2})?");
    private static final Pattern AMOUNT_DOT_DECIMAL = Pattern.compile("\\d+\\.\\d{1,2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s;]+@[^@\\s;]+\\.[^@\\s;.]+");
    private static final DateTimeFormatter DATE_BR =
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private BrFormat() {
    }

    /**
     * Parses a positive amount in Brazilian notation: decimal comma, optional thousands dots,
     * optional {@code R$} prefix; {@code 1.234,56} and {@code 1234,56} both give 1234.56.
     *
     * @return the amount with scale 2
     */
    static BigDecimal parseAmount(String raw) {
        String s = raw;
        if (s.startsWith("R$")) {
            s = strip(s.substring(2));
        }
        boolean negative = s.startsWith("-");
        if (negative) {
            s = strip(s.substring(1));
        }
        if (!AMOUNT_BR.matcher(s).matches()) {
            if (AMOUNT_DOT_DECIMAL.matcher(s).matches()) {
                throw new IllegalArgumentException("decimal separator must be a comma (e.g. 1.234,56)");
            }
            throw new IllegalArgumentException("not an amount (expected e.g. 1.234,56 or 1234,56)");
        }
        BigDecimal value = new BigDecimal(s.replace(".", "").replace(',', '.')).setScale(2, RoundingMode.UNNECESSARY);
        if (negative || value.signum() <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        return value;
    }

    /** Formats an amount as {@code 1.234,56} (scale 2, thousands dots, decimal comma). */
    static String formatAmount(BigDecimal amount) {
        return formatCents(amount.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact());
    }

    /** Formats a non-negative number of cents as {@code 1.234,56}. */
    static String formatCents(long cents) {
        String whole = Long.toString(cents / 100);
        StringBuilder sb = new StringBuilder(whole.length() + 8);
        int lead = whole.length() % 3 == 0 ? 3 : whole.length() % 3;
        sb.append(whole, 0, lead);
        for (int i = lead; i < whole.length(); i += 3) {
            sb.append('.').append(whole, i, i + 3);
        }
        long c = cents % 100;
        return sb.append(',').append((char) ('0' + c / 10)).append((char) ('0' + c % 10)).toString();
    }

    /** Formats a number of cents as the NF-e writes amounts: {@code 1234.56}. */
    static String xmlCents(long cents) {
        long c = cents % 100;
        return (cents / 100) + "." + (char) ('0' + c / 10) + (char) ('0' + c % 10);
    }

    /** Parses {@code dd/MM/yyyy} (day and month may have one digit) or ISO {@code yyyy-MM-dd}. */
    static LocalDate parseDate(String s) {
        LocalDate date;
        try {
            date = s.indexOf('/') >= 0 ? LocalDate.parse(s, DATE_BR) : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date (expected dd/MM/yyyy or yyyy-MM-dd)");
        }
        if (date.getYear() < 1900 || date.getYear() > 2199) {
            throw new IllegalArgumentException("year out of range 1900-2199");
        }
        return date;
    }

    /** Formats a date as {@code dd/MM/yyyy}, without a formatter (the generator writes millions). */
    static String formatDate(LocalDate d) {
        int day = d.getDayOfMonth();
        int month = d.getMonthValue();
        int year = d.getYear();
        if (year < 1000 || year > 9999) {
            throw new DateTimeException("year out of range");
        }
        return new String(new char[] {
            (char) ('0' + day / 10), (char) ('0' + day % 10), '/', (char) ('0' + month / 10), (char) ('0' + month % 10), '/',
            (char) ('0' + year / 1000), (char) ('0' + year / 100 % 10), (char) ('0' + year / 10 % 10), (char) ('0' + year % 10)});
    }

    /** @return whether the text looks like an e-mail address (one {@code @}, a dot in the domain, no spaces) */
    static boolean looksLikeEmail(String s) {
        return EMAIL.matcher(s).matches();
    }

    /** @return the digits of {@code s}, dropping everything else */
    static String digits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** @return whether every character is one of {@code allowed} or a digit */
    static boolean onlyDigitsAnd(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && allowed.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Trims white space including the no-break space spreadsheets like to leave behind. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\uFEFF';
    }
}
