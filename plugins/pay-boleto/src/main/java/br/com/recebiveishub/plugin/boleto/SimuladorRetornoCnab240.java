package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Writes the CNAB 240 return a bank would send for the given movements, in the layout
 * {@link RetornoCnab240} reads (including the bank's deviations, e.g. Caixa's T segment). One
 * batch; each movement is a T segment (title, fee) and a U segment (amounts paid and credited,
 * dates). The net credit written is the paid amount less the fee for settlements and zero
 * otherwise; a "seu número" longer than the bank's field is cut to it.
 */
final class SimuladorRetornoCnab240 {

    // Banks deliver returns early in the morning; a fixed time keeps the output deterministic.
    private static final LocalTime HORA_GERACAO = LocalTime.of(6, 0);

    private SimuladorRetornoCnab240() {
    }

    static byte[] escrever(BankAccount conta, int sequenciaArquivo, LocalDate geradoEm, List<SimulatedMovement> movimentos) {
        if (conta.beneficiarioDocumento() == null) {
            throw new IllegalArgumentException("beneficiarioDocumento is required");
        }
        LayoutCnab240 layout = LayoutCnab240.de(conta.bankCode());
        StringBuilder arquivo = new StringBuilder();
        RemessaCnab240.linha(arquivo, RemessaCnab240.headerArquivo(layout, conta, sequenciaArquivo, geradoEm.atTime(HORA_GERACAO), true));
        RemessaCnab240.linha(arquivo, RemessaCnab240.headerLote(layout, conta, sequenciaArquivo, geradoEm.atTime(HORA_GERACAO), true));
        int registro = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < movimentos.size(); i++) {
            SimulatedMovement m = movimentos.get(i);
            try {
                if (!layout.banco().equals(m.charge().bankCode())) {
                    throw new IllegalArgumentException("charge is for bank " + m.charge().bankCode() + ", the account for " + layout.banco());
                }
                NossoNumero nn = layout.regras().doCanonico(conta, m.charge().nossoNumero());
                String codigo = CodigoMovimento.paraSimulacao(m.kind());
                RemessaCnab240.linha(arquivo, segmentoT(layout, conta, m, nn, codigo, ++registro));
                RemessaCnab240.linha(arquivo, segmentoU(layout, m, codigo, ++registro));
                if (m.titleAmount() != null) {
                    total = total.add(m.titleAmount());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("movement " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        RegistroCnab trailerLote = RemessaCnab240.controle(layout, "0001", '5').num(18, 23, registro + 2L, "quantidade de registros")
                .num(24, 29, movimentos.size(), "quantidade de títulos").valor(30, 46, total, "valor total").zeros(47, 115);
        RemessaCnab240.linha(arquivo, trailerLote);
        RemessaCnab240.linha(arquivo, RemessaCnab240.trailerArquivo(layout, registro + 4L, true));
        return arquivo.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static RegistroCnab segmentoT(LayoutCnab240 layout, BankAccount conta, SimulatedMovement m, NossoNumero nn, String codigo,
                                          int registro) {
        String seu = m.seuNumero() == null ? "" : m.seuNumero();
        RegistroCnab t = RemessaCnab240.detalhe(layout, registro, 'T', codigo)
                .bloco(18, 57, layout.contaENossoNumeroT(conta, nn))
                .num(58, 58, "1", "carteira")
                .texto(59, 58 + layout.tamanhoSeuNumero(), seu)
                .data(74, 81, m.dueDate())
                .valor(82, 96, m.titleAmount(), "titleAmount")
                .zeros(97, 105)
                .texto(106, 130, seu)
                .num(131, 132, "09", "moeda")
                .zeros(133, 148)
                .valor(199, 213, m.fee(), "fee");
        layout.contratoT(t);
        return t;
    }

    private static RegistroCnab segmentoU(LayoutCnab240 layout, SimulatedMovement m, String codigo, int registro) {
        BigDecimal pago = m.paidAmount() == null ? BigDecimal.ZERO : m.paidAmount();
        BigDecimal tarifa = m.fee() == null ? BigDecimal.ZERO : m.fee();
        BigDecimal liquido = m.kind().isSettlement() ? pago.subtract(tarifa).max(BigDecimal.ZERO) : BigDecimal.ZERO;
        RegistroCnab u = RemessaCnab240.detalhe(layout, registro, 'U', codigo)
                .zeros(18, 77)
                .valor(78, 92, pago, "paidAmount")
                .valor(93, 107, liquido, "net credit")
                .zeros(108, 137)
                .data(138, 145, m.occurrenceDate())
                .data(146, 153, m.creditDate());
        layout.caudaU(u, m.creditDate());
        return u;
    }
}
