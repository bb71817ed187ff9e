package br.com.recebiveishub.sdk.model;

/**
 * One title to register in a remessa: what was asked and what was issued.
 *
 * @param request the charge request
 * @param charge  the issued charge
 */
public record RemessaItem(ChargeRequest request, IssuedCharge charge) {
}
