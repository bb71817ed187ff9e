package br.com.recebiveishub.plugin.card;

import br.com.recebiveishub.sdk.CardPaymentProvider.PaymentState;
import br.com.recebiveishub.sdk.CardPaymentProvider.Reversal;
import java.math.BigDecimal;

/**
 * Mercado Pago's payment {@code status} values (payments API v1) in the hub's model.
 *
 * <table>
 *   <caption>status → state (reversal)</caption>
 *   <tr><td>pending, in_process, in_mediation, authorized</td><td>PENDING: not decided, or authorized and not captured</td></tr>
 *   <tr><td>approved</td><td>SUCCEEDED (PARTIALLY_REFUNDED when part of it was refunded)</td></tr>
 *   <tr><td>refunded</td><td>SUCCEEDED, REFUNDED: money was taken and given back</td></tr>
 *   <tr><td>charged_back</td><td>SUCCEEDED, CHARGED_BACK: money was taken and the issuer took it back</td></tr>
 *   <tr><td>rejected, cancelled</td><td>FAILED</td></tr>
 *   <tr><td>anything else, or none</td><td>UNKNOWN: never FAILED for a status nobody documented</td></tr>
 * </table>
 */
final class StatusMapping {

    private StatusMapping() {
    }

    static PaymentState state(String status) {
        if (status == null) {
            return PaymentState.UNKNOWN;
        }
        return switch (status) {
            case "pending", "in_process", "in_mediation", "authorized" -> PaymentState.PENDING;
            case "approved", "refunded", "charged_back" -> PaymentState.SUCCEEDED;
            case "rejected", "cancelled" -> PaymentState.FAILED;
            default -> PaymentState.UNKNOWN;
        };
    }

    static Reversal reversal(String status, BigDecimal refunded) {
        if ("refunded".equals(status)) {
            return Reversal.REFUNDED;
        }
        if ("charged_back".equals(status)) {
            return Reversal.CHARGED_BACK;
        }
        if ("approved".equals(status) && refunded != null && refunded.signum() > 0) {
            return Reversal.PARTIALLY_REFUNDED;
        }
        return Reversal.NONE;
    }
}
