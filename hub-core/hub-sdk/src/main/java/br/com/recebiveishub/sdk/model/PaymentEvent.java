package br.com.recebiveishub.sdk.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One movement a provider reported for a charge (a CNAB return detail, a webhook notification).
 *
 * @param bankCode        three-digit COMPE code
 * @param nossoNumero     canonical nosso número (see {@link br.com.recebiveishub.sdk.PaymentProvider})
 * @param movementCode    the provider's own code, e.g. {@code 06}
 * @param kind            what it means
 * @param seuNumero       the creditor's reference as the bank echoes it, may be null
 * @param titleAmount     the title's face value, scale 2, may be null
 * @param paidAmount      what the payer paid, scale 2 (zero when no money moved)
 * @param fee             the bank's fee (tarifa), scale 2
 * @param netCredit       what was credited to the account, scale 2, may be null
 * @param dueDate         the title's due date, may be null
 * @param occurrenceDate  when the movement happened (payment date for a settlement), may be null
 * @param creditDate      when the money is credited, may be null
 * @param reasonCodes     the bank's reason codes (rejections, write-offs), may be empty
 * @param line            1-based line of the first record of this event in the file
 */
public record PaymentEvent(String bankCode, String nossoNumero, String movementCode, MovementKind kind,
                           String seuNumero, BigDecimal titleAmount, BigDecimal paidAmount, BigDecimal fee,
                           BigDecimal netCredit, LocalDate dueDate, LocalDate occurrenceDate, LocalDate creditDate,
                           List<String> reasonCodes, long line) {
}
