package br.com.recebiveishub.sdk.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A parsed bank return file.
 *
 * @param bankCode    three-digit COMPE code from the header
 * @param layout      e.g. {@code CNAB240} or {@code CNAB400}
 * @param generatedOn generation date from the header, may be null
 * @param sequence    file sequence number (NSA) from the header, 0 if absent
 * @param events      movements in file order
 * @param rejections  records that could not be read
 * @param beneficiary the beneficiary identification from the header (agência, conta, convênio as
 *                    the bank writes them), used by the hub to refuse a return of another client;
 *                    null only for a format whose header identifies no beneficiary at all
 */
public record ReturnFile(String bankCode, String layout, LocalDate generatedOn, long sequence,
                         List<PaymentEvent> events, List<RecordRejection> rejections,
                         Beneficiary beneficiary) {
}
