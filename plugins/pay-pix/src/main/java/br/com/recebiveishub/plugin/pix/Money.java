package br.com.recebiveishub.plugin.pix;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Amounts as the API Pix writes them: strings with a dot and exactly two decimals
 * ({@code "123.45"}, pattern {@code \d{1,10}\.\d{2}}), never a JSON number, so no float ever
 * touches a value.
 */
final class Money {

    private static final Pattern API = Pattern.compile("\\d{1,10}\\.\\d{2}");

    private Money() {
    }

    /** @throws IllegalArgumentException when negative, over 10 integer digits or with more than two decimals */
    static String format(BigDecimal value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        BigDecimal v;
        try {
            v = value.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " has more than two decimal places");
        }
        String s = v.toPlainString();
        if (!API.matcher(s).matches()) {
            throw new IllegalArgumentException(field + " must be between 0.00 and 9999999999.99");
        }
        return s;
    }

    /** @throws IllegalArgumentException when {@code text} is not the API's format */
    static BigDecimal parse(String text, String field) {
        if (text == null || !API.matcher(text).matches()) {
            throw new IllegalArgumentException(field + " is not an amount with two decimals");
        }
        return new BigDecimal(text);
    }
}
