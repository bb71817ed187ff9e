package br.com.recebiveishub.plugin.pix;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A Pix received, as the webhook notification and {@code GET /cob} carry it.
 *
 * <p>The endToEndId is the payment's identity: the hub keys the payment by it, so a notification
 * delivered twice, or after the cob was read, pays nothing twice.
 *
 * @param txid       the charge it pays; null for a Pix to the key without a charge
 * @param infoPagador the payer's free text; may hold personal data, never log it
 */
public record PixRecebido(String endToEndId, String txid, BigDecimal valor, Instant horario, String infoPagador,
                          List<Devolucao> devolucoes) {

    public PixRecebido {
        devolucoes = devolucoes == null ? List.of() : List.copyOf(devolucoes);
    }

    @Override
    public String toString() {
        return "PixRecebido[" + endToEndId + " txid=" + txid + " " + valor + " at " + horario + "]";
    }
}
