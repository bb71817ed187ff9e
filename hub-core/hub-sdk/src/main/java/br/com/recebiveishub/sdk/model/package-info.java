/**
 * Canonical DTOs exchanged between the hub and its plugins: immutable records, money as
 * {@link java.math.BigDecimal} with scale 2 in BRL, dates as {@link java.time.LocalDate} in
 * America/Sao_Paulo business terms.
 */
package br.com.recebiveishub.sdk.model;
