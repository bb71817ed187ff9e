package br.com.recebiveishub.plugin.pix;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A charge with a due date (cobv) to create with {@code PUT /cobv/{txid}}: the Pix counterpart
 * of a boleto, with fine, interest and discounts the payer's PSP computes on the day of payment.
 *
 * <p>The constructors enforce the semantic rules the API lists under {@code CobVOperacaoInvalida}
 * (discount modality 1-2 with dates, 3-6 with a value; dates not after the due date; discount and
 * abatement below the charge), so a refusal from the PSP means something the hub could not know.
 *
 * @param validadeAposVencimento days after the due date the charge can still be paid (API default 30)
 */
public record CobvRequest(Txid txid, PixKey chave, BigDecimal valor, LocalDate dataDeVencimento, int validadeAposVencimento,
                          Devedor devedor, Multa multa, Juros juros, Desconto desconto, String solicitacaoPagador) {

    /** Fine after the due date: modality 1 fixed amount, 2 percentage. */
    public record Multa(int modalidade, BigDecimal valorPerc) {
        public Multa {
            if (modalidade < 1 || modalidade > 2) {
                throw new IllegalArgumentException("multa.modalidade must be 1 (fixed) or 2 (percentage)");
            }
            Money.format(valorPerc, "multa.valorPerc");
        }
    }

    /**
     * Interest after the due date: 1 amount per calendar day, 2/3/4 percentage per day/month/year
     * (calendar days), 5-8 the same in business days.
     */
    public record Juros(int modalidade, BigDecimal valorPerc) {
        public Juros {
            if (modalidade < 1 || modalidade > 8) {
                throw new IllegalArgumentException("juros.modalidade must be 1 to 8");
            }
            Money.format(valorPerc, "juros.valorPerc");
        }
    }

    /** One fixed-date discount: {@code valorPerc} when paid up to {@code data}. */
    public record DescontoData(LocalDate data, BigDecimal valorPerc) {
        public DescontoData {
            Objects.requireNonNull(data, "desconto.data");
            Money.format(valorPerc, "desconto.valorPerc");
        }
    }

    /**
     * Early-payment discount: modality 1 (fixed amount up to dates) or 2 (percentage up to dates)
     * take 1 to 3 {@code datas}; modalities 3-6 (per day of anticipation) take {@code valorPerc}.
     */
    public record Desconto(int modalidade, List<DescontoData> datas, BigDecimal valorPerc) {
        public Desconto {
            if (modalidade < 1 || modalidade > 6) {
                throw new IllegalArgumentException("desconto.modalidade must be 1 to 6");
            }
            datas = datas == null ? List.of() : List.copyOf(datas);
            if (modalidade <= 2) {
                if (datas.isEmpty() || datas.size() > 3 || valorPerc != null) {
                    throw new IllegalArgumentException("desconto modalidade 1-2 takes 1 to 3 dated discounts and no valorPerc");
                }
            } else {
                if (!datas.isEmpty() || valorPerc == null) {
                    throw new IllegalArgumentException("desconto modalidade 3-6 takes valorPerc and no dated discounts");
                }
                Money.format(valorPerc, "desconto.valorPerc");
            }
        }
    }

    public CobvRequest {
        Objects.requireNonNull(txid, "txid");
        Objects.requireNonNull(chave, "chave");
        Objects.requireNonNull(dataDeVencimento, "calendario.dataDeVencimento");
        Objects.requireNonNull(devedor, "devedor (mandatory in a cobv)");
        Money.format(valor, "valor.original");
        if (valor.signum() <= 0) {
            throw new IllegalArgumentException("valor.original must be greater than zero");
        }
        if (validadeAposVencimento < 0) {
            throw new IllegalArgumentException("calendario.validadeAposVencimento must not be negative");
        }
        if (desconto != null) {
            for (DescontoData d : desconto.datas()) {
                if (d.data().isAfter(dataDeVencimento)) {
                    throw new IllegalArgumentException("a discount date is after the due date");
                }
                if (desconto.modalidade() == 1 && d.valorPerc().compareTo(valor) >= 0) {
                    throw new IllegalArgumentException("a fixed discount must be below the charge");
                }
                if (desconto.modalidade() == 2 && d.valorPerc().compareTo(new BigDecimal("100")) >= 0) {
                    throw new IllegalArgumentException("a percentage discount must be below 100%");
                }
            }
        }
        if (solicitacaoPagador != null && solicitacaoPagador.length() > 140) {
            throw new IllegalArgumentException("solicitacaoPagador has at most 140 characters");
        }
    }
}
