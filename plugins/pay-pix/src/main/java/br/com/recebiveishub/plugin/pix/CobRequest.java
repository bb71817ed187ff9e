package br.com.recebiveishub.plugin.pix;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An immediate charge (cob) to create with {@code PUT /cob/{txid}}. The txid is the idempotency
 * key: the same request sent twice leaves one charge.
 *
 * @param expiracaoSegundos life of the charge from its creation, in seconds (the API's default is 86400)
 * @param devedor           optional
 * @param solicitacaoPagador optional text the payer's app shows (at most 140 characters)
 */
public record CobRequest(Txid txid, PixKey chave, BigDecimal valor, int expiracaoSegundos, Devedor devedor,
                         String solicitacaoPagador) {

    public CobRequest {
        Objects.requireNonNull(txid, "txid");
        Objects.requireNonNull(chave, "chave");
        Money.format(valor, "valor.original");
        if (valor.signum() <= 0) {
            throw new IllegalArgumentException("valor.original must be greater than zero");
        }
        if (expiracaoSegundos <= 0) {
            throw new IllegalArgumentException("calendario.expiracao must be greater than zero");
        }
        if (solicitacaoPagador != null && solicitacaoPagador.length() > 140) {
            throw new IllegalArgumentException("solicitacaoPagador has at most 140 characters");
        }
    }
}
