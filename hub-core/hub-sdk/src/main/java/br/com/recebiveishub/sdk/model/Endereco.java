package br.com.recebiveishub.sdk.model;

/**
 * A postal address as Brazilian registers hold it. {@code uf} is the two-letter state code, which
 * decides the contact-hour law that applies to a debtor.
 *
 * @param logradouro  street
 * @param numero      street number ("S/N" when none)
 * @param complemento complement, may be null
 * @param bairro      district
 * @param municipio   city name
 * @param uf          state, two upper-case letters
 * @param cep         postal code, 8 digits, may be null
 */
public record Endereco(String logradouro, String numero, String complemento, String bairro,
                       String municipio, String uf, String cep) {
}
