package br.com.recebiveishub.plugin.pix;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A refund (devolução) of a received Pix. It is asynchronous: created EM_PROCESSAMENTO, it reaches
 * DEVOLVIDO or NAO_REALIZADO later (the webhook reports it).
 *
 * @param id the receiver's id for the refund, which is also its idempotency key
 */
public record Devolucao(String id, String rtrId, BigDecimal valor, Status status, Instant solicitacao, Instant liquidacao,
                        String motivo) {

    /** Status of a devolução. */
    public enum Status { EM_PROCESSAMENTO, DEVOLVIDO, NAO_REALIZADO }
}
