package br.com.recebiveishub.sdk.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One account's statement for a period, as the bank sent it.
 *
 * @param bankCode         bank as the file identifies it (OFX {@code BANKID}), e.g. {@code 001}; may
 *                         be null for a credit-card statement
 * @param branch           agência (OFX {@code BRANCHID}), may be null (many banks put it in the account id)
 * @param accountId        account as the bank writes it (OFX {@code ACCTID}), e.g. {@code 455000-5}
 * @param accountType      e.g. {@code CHECKING}, {@code SAVINGS}, {@code CREDITCARD}; may be null
 * @param currency         ISO 4217 code, e.g. {@code BRL}
 * @param periodStart      first day covered, may be null
 * @param periodEnd        last day covered, may be null
 * @param ledgerBalance    booked balance at {@code balanceDate}, scale 2, may be null when absent or unreadable
 * @param balanceDate      date of the ledger balance, may be null
 * @param availableBalance available balance, scale 2, may be null
 * @param entries          the entries that could be read, in file order
 */
public record BankStatement(String bankCode, String branch, String accountId, String accountType, String currency,
                            LocalDate periodStart, LocalDate periodEnd, BigDecimal ledgerBalance, LocalDate balanceDate,
                            BigDecimal availableBalance, List<StatementEntry> entries) {

    public BankStatement {
        entries = List.copyOf(entries);
    }
}
