package br.com.recebiveishub.plugin.pix;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A cob or cobv as the PSP returned it.
 *
 * @param expiracao              seconds of life (cob only, else null)
 * @param dataDeVencimento       due date (cobv only, else null)
 * @param validadeAposVencimento days payable after the due date (cobv only, else null)
 * @param chave                  the receiver's key; personal data, never log it
 * @param location               the payload location without scheme, as the dynamic BR Code carries it
 * @param pixCopiaECola          the BR Code the PSP generated, null if the PSP sent none
 * @param pix                    the Pix received for it (read only)
 */
public record Cobranca(Tipo tipo, Txid txid, int revisao, Status status, Instant criacao, Integer expiracao,
                       LocalDate dataDeVencimento, Integer validadeAposVencimento, BigDecimal valorOriginal, String chave,
                       Long locId, String location, String pixCopiaECola, List<PixRecebido> pix) {

    /** cob (immediate) or cobv (due date). */
    public enum Tipo { COB, COBV }

    /** {@code CobrancaStatus} of the API. */
    public enum Status { ATIVA, CONCLUIDA, REMOVIDA_PELO_USUARIO_RECEBEDOR, REMOVIDA_PELO_PSP }

    public Cobranca {
        pix = pix == null ? List.of() : List.copyOf(pix);
    }

    /**
     * @return the PSP's copia e cola, validated by the same rules the hub applies to codes it
     *         issues
     * @throws BrCodeException when the PSP sent a code that breaks them
     */
    public BrCode brCode() {
        if (pixCopiaECola == null) {
            throw new IllegalStateException("the PSP returned no pixCopiaECola for txid " + txid);
        }
        return BrCode.parse(pixCopiaECola);
    }

    /** Leaves out the key (personal data). */
    @Override
    public String toString() {
        return "Cobranca[" + tipo + " " + txid + " rev " + revisao + " " + status + " " + valorOriginal + ", pix=" + pix.size() + "]";
    }
}
