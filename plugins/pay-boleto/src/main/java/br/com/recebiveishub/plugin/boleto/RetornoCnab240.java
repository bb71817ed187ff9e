package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.Beneficiary;
import br.com.recebiveishub.sdk.model.PaymentEvent;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.ReturnFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a CNAB 240 cobrança return file: file header, batches (header, T/U segment pairs,
 * trailer), file trailer.
 *
 * <p>The structure is checked as a whole (supported bank, return code, batch and record counts in
 * the trailers, nothing after the file trailer): a file that fails is refused with a
 * {@link SourceFileException} and nothing of it is applied, since a bank file with a missing or
 * extra line cannot be trusted. A title whose T or U segment has an unreadable field becomes a
 * {@link RecordRejection} naming line and field, and the other titles are still returned.
 * Segments other than T and U (Caixa's Y, for instance) carry no payment data and are skipped.
 *
 * <p>The file header's identification of the beneficiary (agência, conta, convênio, at the
 * positions of the bank's {@link LayoutCnab240}) is returned for the hub to check the file against
 * the tenant's account; a header whose identification is not digits, or is zero, is refused.
 */
final class RetornoCnab240 {

    static final String LAYOUT = "CNAB240";

    private final String arquivo;
    private final List<PaymentEvent> eventos = new ArrayList<>();
    private final List<RecordRejection> rejeicoes = new ArrayList<>();
    private LayoutCnab240 layout;
    private String banco;

    private RetornoCnab240(String arquivo) {
        this.arquivo = arquivo;
    }

    static ReturnFile ler(String arquivo, byte[] bytes) throws SourceFileException {
        return new RetornoCnab240(arquivo).ler(ArquivoCnab.linhas(arquivo, bytes, 240));
    }

    /** @return whether a first line looks like a CNAB 240 file header of a supported bank's return */
    static boolean pareceHeader(String primeiraLinha) {
        String l = primeiraLinha.stripTrailing();
        return l.length() >= 143 && l.length() <= 240 && Digitos.saoDigitos(l.substring(0, 8)) && l.startsWith("00000", 3)
                && RegrasDoBanco.suporta(l.substring(0, 3)) && l.charAt(142) == '2';
    }

    private ReturnFile ler(List<LinhaCnab> linhas) throws SourceFileException {
        LinhaCnab header = linhas.get(0);
        LocalDate geradoEm;
        long nsa;
        Beneficiary beneficiario;
        try {
            lerHeader(header);
            geradoEm = header.data(144, 151, "data de geração");
            nsa = Long.parseLong(header.digitos(158, 163, "NSA"));
            beneficiario = layout.beneficiarioNoHeaderDeArquivo(header);
        } catch (CampoInvalidoException e) {
            throw new SourceFileException(arquivo, header.numero(), e.campo(), "file header: " + e.motivo());
        }
        int lotes = 0;
        Lote lote = null;
        boolean terminou = false;
        for (int i = 1; i < linhas.size(); i++) {
            LinhaCnab l = linhas.get(i);
            if (terminou) {
                throw new SourceFileException(arquivo, l.numero(), null, "data after the file trailer (record type 9)");
            }
            char tipo = l.caractere(8);
            boolean detalhe = tipo == '3';
            if (l.tamanho() > 240) {
                if (detalhe && lote != null) {
                    lote.registros++;
                    lote.ilegivel(l, "line", "has " + l.tamanho() + " characters, a CNAB 240 record has 240");
                    continue;
                }
                throw new SourceFileException(arquivo, l.numero(), "line", "has " + l.tamanho() + " characters, a CNAB 240 record has 240");
            }
            if (!banco.equals(l.alfa(1, 3))) {
                if (detalhe && lote != null) {
                    lote.registros++;
                    lote.ilegivel(l, "banco", "bank code '" + l.alfa(1, 3) + "' differs from the header's " + banco);
                    continue;
                }
                throw new SourceFileException(arquivo, l.numero(), "banco", "bank code '" + l.alfa(1, 3) + "' differs from the header's " + banco);
            }
            switch (tipo) {
                case '1' -> {
                    if (lote != null) {
                        throw new SourceFileException(arquivo, l.numero(), null, "batch header before the trailer of the batch at line " + lote.linha);
                    }
                    if (l.caractere(9) != 'T') {
                        throw new SourceFileException(arquivo, l.numero(), "tipo de operação",
                                "batch operation is '" + l.caractere(9) + "', a return batch has 'T'");
                    }
                    lote = new Lote(l.numero());
                }
                case '3' -> {
                    if (lote == null) {
                        throw new SourceFileException(arquivo, l.numero(), null, "detail record outside a batch");
                    }
                    lote.registros++;
                    lote.detalhe(l);
                }
                case '5' -> {
                    if (lote == null) {
                        throw new SourceFileException(arquivo, l.numero(), null, "batch trailer without a batch header");
                    }
                    lote.registros++;
                    lote.rejeitarPendente();
                    long declarado = contador(l, 18, 23, "quantidade de registros do lote");
                    if (declarado != lote.registros) {
                        throw new SourceFileException(arquivo, l.numero(), "quantidade de registros do lote",
                                "batch trailer says " + declarado + " records, the batch has " + lote.registros);
                    }
                    lote = null;
                    lotes++;
                }
                case '9' -> {
                    if (lote != null) {
                        throw new SourceFileException(arquivo, l.numero(), null, "file trailer before the trailer of the batch at line " + lote.linha);
                    }
                    long declaradoLotes = contador(l, 18, 23, "quantidade de lotes");
                    if (declaradoLotes != lotes) {
                        throw new SourceFileException(arquivo, l.numero(), "quantidade de lotes",
                                "file trailer says " + declaradoLotes + " batches, the file has " + lotes);
                    }
                    long declaradoRegistros = contador(l, 24, 29, "quantidade de registros");
                    if (declaradoRegistros != i + 1) {
                        throw new SourceFileException(arquivo, l.numero(), "quantidade de registros",
                                "file trailer says " + declaradoRegistros + " records, the file has " + (i + 1));
                    }
                    terminou = true;
                }
                default -> throw new SourceFileException(arquivo, l.numero(), "tipo de registro",
                        "record type '" + tipo + "' is not a CNAB 240 record type (0, 1, 3, 5, 9)");
            }
        }
        if (!terminou) {
            throw new SourceFileException(arquivo, linhas.get(linhas.size() - 1).numero(), null,
                    "the file ends without its trailer (record type 9): it is truncated");
        }
        return new ReturnFile(banco, LAYOUT, geradoEm, nsa, List.copyOf(eventos), List.copyOf(rejeicoes), beneficiario);
    }

    private void lerHeader(LinhaCnab h) throws SourceFileException {
        String inicio = h.alfa(1, 8);
        if (!Digitos.saoDigitos(inicio) || !inicio.startsWith("00000", 3)) {
            throw new SourceFileException(arquivo, h.numero(), "header",
                    "line 1 is not a CNAB 240 file header (positions 1-8 must be the bank code, lote 0000 and record type 0)");
        }
        if (h.tamanho() > 240) {
            throw new SourceFileException(arquivo, h.numero(), "header", "line 1 has " + h.tamanho() + " characters, a CNAB 240 record has 240");
        }
        banco = inicio.substring(0, 3);
        if (!RegrasDoBanco.suporta(banco)) {
            throw new SourceFileException(arquivo, h.numero(), "banco", "bank " + banco + " in the file header is not supported (104, 001, 237)");
        }
        layout = LayoutCnab240.de(banco);
        char codigo = h.caractere(143);
        if (codigo == '1') {
            throw new SourceFileException(arquivo, h.numero(), "código remessa/retorno", "this is a remessa (code 1), not a return file (code 2)");
        }
        if (codigo != '2') {
            throw new SourceFileException(arquivo, h.numero(), "código remessa/retorno", "position 143 is '" + codigo + "', a return file has 2");
        }
    }

    private long contador(LinhaCnab l, int de, int ate, String campo) throws SourceFileException {
        try {
            return Long.parseLong(l.digitos(de, ate, campo));
        } catch (CampoInvalidoException e) {
            throw new SourceFileException(arquivo, l.numero(), e.campo(), e.motivo());
        }
    }

    private void rejeitar(LinhaCnab l, String registro, String campo, String motivo) {
        rejeicoes.add(new RecordRejection(arquivo, l.numero(), registro, campo, motivo));
    }

    /** A segment T read and waiting for its U. */
    private record SegmentoT(long linha, String codigo, String nossoNumero, String seuNumero, LocalDate vencimento, BigDecimal valor,
                             BigDecimal tarifa, List<String> motivos) {
    }

    /** The batch being read: counts its records and pairs T with U. */
    private final class Lote {
        final long linha;
        long registros = 1;
        SegmentoT pendente;
        LinhaCnab linhaPendente;
        // After a rejected T, its U belongs to the same title and is not reported again.
        boolean pularU;

        Lote(long linha) {
            this.linha = linha;
        }

        void detalhe(LinhaCnab l) {
            char segmento = l.caractere(14);
            if (segmento == 'T') {
                rejeitarPendente();
                pularU = false;
                try {
                    pendente = lerT(l);
                    linhaPendente = l;
                } catch (CampoInvalidoException e) {
                    rejeitar(l, "segment T", e.campo(), e.motivo());
                    pularU = true;
                }
            } else if (segmento == 'U') {
                if (pendente == null) {
                    if (!pularU) {
                        rejeitar(l, "segment U", "segmento", "segment U without its segment T");
                    }
                    pularU = false;
                    return;
                }
                SegmentoT t = pendente;
                pendente = null;
                try {
                    eventos.add(evento(t, l));
                } catch (CampoInvalidoException e) {
                    rejeitar(l, "segment U", e.campo(), e.motivo());
                }
            }
        }

        /** A detail that cannot be read at all: one rejection for its title, whichever segment it is. */
        void ilegivel(LinhaCnab l, String campo, String motivo) {
            char segmento = l.caractere(14);
            if (segmento == 'U' && pendente != null) {
                pendente = null;
            } else {
                rejeitarPendente();
            }
            rejeitar(l, "segment " + segmento, campo, motivo);
            pularU = segmento == 'T';
        }

        void rejeitarPendente() {
            if (pendente != null) {
                rejeitar(linhaPendente, "segment T", "segmento", "segment T without its segment U");
                pendente = null;
            }
        }
    }

    private SegmentoT lerT(LinhaCnab t) {
        String codigo = t.digitos(16, 17, "código de movimento");
        String nossoNumero = layout.nossoNumeroDoT(t);
        String seu = t.texto(59, 58 + layout.tamanhoSeuNumero());
        return new SegmentoT(t.numero(), codigo, nossoNumero, seu.isEmpty() ? null : seu, t.data(74, 81, "vencimento"),
                t.valor(82, 96, "valor do título"), t.valor(199, 213, "valor da tarifa"), CodigoMovimento.motivos(t.alfa(214, 223)));
    }

    private PaymentEvent evento(SegmentoT t, LinhaCnab u) {
        String codigo = u.digitos(16, 17, "código de movimento");
        if (!codigo.equals(t.codigo())) {
            throw new CampoInvalidoException("código de movimento", "segment U has " + codigo + ", its segment T at line " + t.linha() + " has " + t.codigo());
        }
        BigDecimal pago = u.valor(78, 92, "valor pago");
        BigDecimal liquido = u.valor(93, 107, "valor líquido");
        LocalDate ocorrencia = u.data(138, 145, "data da ocorrência");
        LocalDate credito = u.data(146, 153, "data do crédito");
        return new PaymentEvent(banco, t.nossoNumero(), t.codigo(), CodigoMovimento.cnab240(t.codigo()), t.seuNumero(), t.valor(), pago,
                t.tarifa(), liquido, t.vencimento(), ocorrencia, credito, t.motivos(), t.linha());
    }
}
