package br.com.recebiveishub.sdk.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A movement the {@link br.com.recebiveishub.sdk.BankReturnSimulator} writes into a return file.
 *
 * @param charge         the charge the movement is about
 * @param seuNumero      creditor's reference
 * @param kind           what happened
 * @param dueDate        title due date
 * @param titleAmount    title face value
 * @param paidAmount     amount paid (zero unless a settlement)
 * @param fee            bank fee
 * @param occurrenceDate when it happened
 * @param creditDate     when the money is credited (settlements), may be null
 */
public record SimulatedMovement(IssuedCharge charge, String seuNumero, MovementKind kind, LocalDate dueDate,
                                BigDecimal titleAmount, BigDecimal paidAmount, BigDecimal fee,
                                LocalDate occurrenceDate, LocalDate creditDate) {
}
