package br.com.recebiveishub.sdk.model;

/**
 * Tenant facts a connector needs while reading.
 *
 * @param tenantId        the tenant the file belongs to
 * @param defaultTermDays days after issue when a receivable without an explicit due date falls due
 *                        (an NF-e without {@code cobr})
 */
public record ConnectorContext(String tenantId, int defaultTermDays) {
}
