package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.Remessa;
import br.com.recebiveishub.sdk.model.RemessaItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a CNAB 240 remessa (FEBRABAN v08.6, with the bank's deviations from
 * {@link LayoutCnab240}): file header, one batch with segments P (title), Q (payer) and R (fine)
 * for each title, batch trailer, file trailer; 240 characters per line, CRLF.
 *
 * <p>Choices the hub has no data for, fixed here: species 02 (duplicata mercantil), not accepted
 * ('N'), no protest (code 3), no discount; interest as a monthly rate (code 2) from the day after
 * the due date, or exempt (code 3); fine as a percentage (code 2) from the day after the due date,
 * or none (code 0). Rates are written with the two decimals the fields hold.
 */
final class RemessaCnab240 {

    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter AAAAMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final LayoutCnab240 layout;

    RemessaCnab240(LayoutCnab240 layout) {
        this.layout = layout;
    }

    Remessa escrever(BankAccount conta, int sequenciaArquivo, LocalDateTime geradoEm, List<RemessaItem> itens) {
        if (conta.beneficiarioDocumento() == null) {
            throw new IllegalArgumentException("beneficiarioDocumento is required in a remessa");
        }
        if (sequenciaArquivo < 1 || sequenciaArquivo > 999_999) {
            throw new IllegalArgumentException("fileSequence must be 1-999999, found " + sequenciaArquivo);
        }
        StringBuilder arquivo = new StringBuilder();
        linha(arquivo, headerArquivo(layout, conta, sequenciaArquivo, geradoEm, false));
        linha(arquivo, headerLote(layout, conta, sequenciaArquivo, geradoEm, false));
        int registroNoLote = 0;
        for (int i = 0; i < itens.size(); i++) {
            RemessaItem item = itens.get(i);
            try {
                IssuedCharge charge = item.charge();
                if (!layout.banco().equals(charge.bankCode())) {
                    throw new IllegalArgumentException("charge is for bank " + charge.bankCode() + ", the account for " + layout.banco());
                }
                NossoNumero nn = layout.regras().doCanonico(conta, charge.nossoNumero());
                if (item.instruction() == RemessaItem.Instruction.CANCEL) {
                    // Pedido de baixa: the P segment identifies the title; the payer and fine segments go only with an entry.
                    linha(arquivo, segmentoP(conta, item.request(), nn, ++registroNoLote, "02"));
                } else {
                    linha(arquivo, segmentoP(conta, item.request(), nn, ++registroNoLote, "01"));
                    linha(arquivo, segmentoQ(item.request().payer(), ++registroNoLote));
                    linha(arquivo, segmentoR(item.request(), ++registroNoLote));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        RegistroCnab trailerLote = controle(layout, "0001", '5').num(18, 23, registroNoLote + 2L, "quantidade de registros do lote");
        layout.totaisTrailerLoteRemessa(trailerLote);
        linha(arquivo, trailerLote);
        linha(arquivo, trailerArquivo(layout, registroNoLote + 4L, false));
        String nome = "CNAB240_" + layout.banco() + "_" + AAAAMMDD.format(geradoEm) + "_" + Digitos.comZeros(sequenciaArquivo, 6, "NSA") + ".rem";
        return new Remessa(nome, arquivo.toString().getBytes(StandardCharsets.ISO_8859_1), itens.size());
    }

    static void linha(StringBuilder arquivo, RegistroCnab registro) {
        arquivo.append(registro).append("\r\n");
    }

    /** Positions 1-8 (bank, batch, record type) and the standard's blanks 9-17. */
    static RegistroCnab controle(LayoutCnab240 layout, String lote, char tipo) {
        return new RegistroCnab(240).num(1, 3, layout.banco(), "banco").num(4, 7, lote, "lote").num(8, 8, String.valueOf(tipo), "tipo");
    }

    static RegistroCnab headerArquivo(LayoutCnab240 layout, BankAccount conta, int nsa, LocalDateTime geradoEm, boolean retorno) {
        RegistroCnab h = controle(layout, "0000", '0')
                .num(18, 18, String.valueOf(LayoutCnab240.tipoInscricao(conta.beneficiarioDocumento())), "tipo de inscrição")
                .alfa(19, 32, LayoutCnab240.inscricao(conta.beneficiarioDocumento(), 14), "inscrição")
                .bloco(33, 72, layout.empresaNoHeaderDeArquivo(conta))
                .texto(73, 102, conta.beneficiarioNome())
                .texto(103, 132, layout.nomeBanco())
                .num(143, 143, retorno ? "2" : "1", "código remessa/retorno")
                .data(144, 151, geradoEm.toLocalDate())
                .num(152, 157, HHMMSS.format(geradoEm), "hora")
                .num(158, 163, nsa, "NSA")
                .num(164, 166, layout.versaoArquivo(retorno), "versão");
        layout.reservadosHeaderArquivo(h, retorno);
        return h;
    }

    static RegistroCnab headerLote(LayoutCnab240 layout, BankAccount conta, int nsa, LocalDateTime geradoEm, boolean retorno) {
        RegistroCnab h = controle(layout, "0001", '1')
                .alfa(9, 9, retorno ? "T" : "R", "operação")
                .num(10, 11, "01", "serviço")
                .num(14, 16, layout.versaoLote(retorno), "versão do lote")
                .num(18, 18, String.valueOf(LayoutCnab240.tipoInscricao(conta.beneficiarioDocumento())), "tipo de inscrição")
                .alfa(19, 33, LayoutCnab240.inscricao(conta.beneficiarioDocumento(), 15), "inscrição")
                .bloco(34, 73, layout.empresaNoHeaderDeLote(conta))
                .texto(74, 103, conta.beneficiarioNome())
                .num(184, 191, nsa, "número remessa/retorno")
                .data(192, 199, geradoEm.toLocalDate())
                .zeros(200, 207);
        layout.reservadoHeaderLote(h);
        return h;
    }

    static RegistroCnab trailerArquivo(LayoutCnab240 layout, long registros, boolean retorno) {
        RegistroCnab t = controle(layout, "9999", '9').num(18, 23, 1, "quantidade de lotes").num(24, 29, registros, "quantidade de registros");
        layout.contasTrailerArquivo(t, retorno);
        return t;
    }

    static RegistroCnab detalhe(LayoutCnab240 layout, int registroNoLote, char segmento, String movimento) {
        return controle(layout, "0001", '3').num(9, 13, registroNoLote, "número do registro").alfa(14, 14, String.valueOf(segmento), "segmento")
                .num(16, 17, movimento, "código de movimento");
    }

    private RegistroCnab segmentoP(BankAccount conta, ChargeRequest r, NossoNumero nn, int registro, String movimento) {
        if (r.dueDate() == null || r.issueDate() == null || r.amount() == null) {
            throw new IllegalArgumentException("dueDate, issueDate and amount are required");
        }
        int fimSeuNumero = 62 + layout.tamanhoSeuNumero();
        String seuNumero = r.documentNumber() == null ? "" : r.documentNumber();
        RegistroCnab p = detalhe(layout, registro, 'P', movimento)
                .bloco(18, 57, layout.contaENossoNumeroP(conta, nn))
                .num(58, 58, String.valueOf(layout.codigoCarteira(conta)), "carteira")
                .num(59, 59, "1", "forma de cadastramento")
                // Seu número is cut to the field; the full document number goes to 196-220.
                .texto(63, fimSeuNumero, seuNumero)
                .data(78, 85, r.dueDate())
                .valor(86, 100, r.amount(), "valor do título")
                .zeros(101, 105)
                .num(107, 108, "02", "espécie")
                .alfa(109, 109, "N", "aceite")
                .data(110, 117, r.issueDate())
                .num(142, 142, "0", "código do desconto")
                .zeros(143, 195)
                .texto(196, 220, seuNumero)
                .num(221, 223, "300", "protesto")
                .num(228, 229, "09", "moeda")
                .zeros(230, 239);
        if (positivo(r.monthlyInterestPercent())) {
            p.num(118, 118, "2", "código dos juros").data(119, 126, r.dueDate().plusDays(1))
                    .valor(127, 141, duasCasas(r.monthlyInterestPercent()), "monthlyInterestPercent");
        } else {
            p.num(118, 118, "3", "código dos juros").zeros(119, 141);
        }
        layout.ajustarP(p);
        return p;
    }

    private RegistroCnab segmentoQ(Debtor pagador, int registro) {
        if (pagador == null) {
            throw new IllegalArgumentException("payer is required");
        }
        RegistroCnab q = detalhe(layout, registro, 'Q', "01")
                .num(18, 18, String.valueOf(LayoutCnab240.tipoInscricao(pagador.documento())), "tipo de inscrição do pagador")
                .alfa(19, 33, LayoutCnab240.inscricao(pagador.documento(), 15), "inscrição do pagador")
                .texto(34, 73, pagador.nome())
                .zeros(129, 136)
                .num(154, 154, "0", "tipo de inscrição do sacador")
                .zeros(155, 169)
                .zeros(210, 212);
        Endereco e = pagador.endereco();
        if (e != null) {
            q.texto(74, 113, logradouro(e)).texto(114, 128, e.bairro()).texto(137, 151, e.municipio());
            if (e.uf() != null && !e.uf().isBlank()) {
                q.alfa(152, 153, e.uf().strip(), "UF");
            }
            if (e.cep() != null && !e.cep().isBlank()) {
                q.num(129, 136, RegrasBancoDoBrasil.digitos(e.cep(), 8, "CEP"), "CEP");
            }
        }
        return q;
    }

    /** Street, number and complement as one 40-position address line. */
    static String logradouro(Endereco e) {
        StringBuilder sb = new StringBuilder(e.logradouro() == null ? "" : e.logradouro().strip());
        if (e.numero() != null && !e.numero().isBlank()) {
            sb.append(", ").append(e.numero().strip());
        }
        if (e.complemento() != null && !e.complemento().isBlank()) {
            sb.append(' ').append(e.complemento().strip());
        }
        return sb.toString();
    }

    private RegistroCnab segmentoR(ChargeRequest r, int registro) {
        RegistroCnab reg = detalhe(layout, registro, 'R', "01").zeros(18, 65);
        if (positivo(r.finePercent())) {
            reg.num(66, 66, "2", "código da multa").data(67, 74, r.dueDate().plusDays(1)).valor(75, 89, duasCasas(r.finePercent()), "finePercent");
        } else {
            reg.num(66, 66, "0", "código da multa").zeros(67, 89);
        }
        layout.caudaR(reg);
        return reg;
    }

    private static boolean positivo(BigDecimal v) {
        return v != null && v.signum() > 0;
    }

    private static BigDecimal duasCasas(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
