package br.com.recebiveishub.sdk.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One movement of a bank statement. Personal data (payee name, document, memo): {@link #toString()}
 * shows none of it.
 *
 * @param fitId         the bank's unique id of the movement (OFX {@code FITID}), the idempotency
 *                      key of the entry within the account
 * @param postedOn      date the movement was booked, in America/Sao_Paulo business terms
 * @param amount        signed amount, BRL, scale 2: positive credits the account, negative debits it
 * @param type          the transaction type exactly as the file says (OFX {@code TRNTYPE}), even a
 *                      non-standard one such as {@code PIX}
 * @param kind          the normalised kind of {@code type}
 * @param memo          free text (OFX {@code MEMO}), trimmed; may be null
 * @param payeeName     counterparty name (OFX {@code NAME} or {@code PAYEE/NAME}), may be null
 * @param payeeDocument counterparty CPF/CNPJ when the entry carries a valid one, may be null
 * @param checkNumber   cheque or document number (OFX {@code CHECKNUM}), may be null
 * @param referenceNumber bank reference (OFX {@code REFNUM}), may be null
 * @param line          1-based line of the entry in the file
 */
public record StatementEntry(String fitId, LocalDate postedOn, BigDecimal amount, String type, EntryKind kind,
                             String memo, String payeeName, Documento payeeDocument, String checkNumber,
                             String referenceNumber, long line) {

    public StatementEntry {
        Objects.requireNonNull(fitId, "fitId");
        Objects.requireNonNull(postedOn, "postedOn");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The normalised kind of an entry. The OFX standard types map one to one; a type outside the
     * standard (Brazilian banks send {@code PIX}, {@code TED}, {@code DOC}, {@code TARIFA}…) is
     * {@link #OTHER_CREDIT} or {@link #OTHER_DEBIT} by the sign of its amount, and keeps its name in
     * {@link StatementEntry#type()}.
     */
    public enum EntryKind {
        CREDIT, DEBIT, INTEREST, DIVIDEND, FEE, SERVICE_CHARGE, DEPOSIT, ATM, POINT_OF_SALE, TRANSFER, CHECK,
        PAYMENT, CASH, DIRECT_DEPOSIT, DIRECT_DEBIT, REPEAT_PAYMENT, HOLD, OTHER,
        /** a non-standard type on a positive amount */
        OTHER_CREDIT,
        /** a non-standard type on a zero or negative amount */
        OTHER_DEBIT
    }

    @Override
    public String toString() {
        return "StatementEntry[fitId=" + fitId + ", postedOn=" + postedOn + ", amount=" + amount + ", type=" + type
                + ", line=" + line + "]";
    }
}
