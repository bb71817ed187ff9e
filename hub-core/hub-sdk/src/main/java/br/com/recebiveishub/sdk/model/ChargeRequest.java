package br.com.recebiveishub.sdk.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What the hub asks a provider to charge.
 *
 * @param nossoNumeroSequence the account's next title number, assigned by the hub (without check digit)
 * @param documentNumber      "seu número": the creditor's reference printed on the boleto
 * @param issueDate           issue date
 * @param dueDate             due date
 * @param amount              amount, BRL, scale 2, positive
 * @param payer               the debtor
 * @param finePercent         fine (multa) after due date, percent, may be null
 * @param monthlyInterestPercent interest (juros de mora) per month, percent, may be null
 */
public record ChargeRequest(long nossoNumeroSequence, String documentNumber, LocalDate issueDate, LocalDate dueDate,
                            BigDecimal amount, Debtor payer, BigDecimal finePercent,
                            BigDecimal monthlyInterestPercent) {
}
