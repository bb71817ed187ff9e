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
 * Parses a Bradesco CNAB 400 cobrança return ("Layout do Arquivo-Retorno", Bradesco CNAB 400
 * manual): header label (type 0), transactions (type 1; type 3, credit sharing, carries no title
 * movement and is skipped) and trailer (type 9), 400 characters per line.
 *
 * <p>Per title: occurrence code 109-110, nosso número 71-81 with its check digit at 82 (checked
 * against the carteira in 22-24), document number 117-126, occurrence date 111-116, due date
 * 147-152, face value 153-165, fee = collection expenses 176-188 plus other expenses (notary
 * costs) 189-201, paid 254-266, credit date 296-301, reasons 319-328. Dates are DDMMAA. The file
 * carries no net credit (Bradesco debits fees separately), so that is null, and no file sequence
 * number, so the sequence is 0.
 *
 * <p>The header label identifies the beneficiary only by the código da empresa, 27-46 (the
 * agência and conta are in each transaction's 21-37, not in the header), so the
 * {@link Beneficiary} has that code as convênio and no agência or conta.
 */
final class RetornoCnab400Bradesco {

    static final String LAYOUT = "CNAB400";

    private RetornoCnab400Bradesco() {
    }

    /** @return whether a first line looks like a Bradesco CNAB 400 return header */
    static boolean pareceHeader(String primeiraLinha) {
        String l = primeiraLinha.stripTrailing();
        return l.length() > 240 && l.length() <= 400 && l.startsWith("02RETORNO") && "237".equals(l.substring(76, 79));
    }

    static ReturnFile ler(String arquivo, byte[] bytes) throws SourceFileException {
        List<LinhaCnab> linhas = ArquivoCnab.linhas(arquivo, bytes, 400);
        LinhaCnab header = linhas.get(0);
        if (!header.alfa(1, 9).equals("02RETORNO")) {
            throw new SourceFileException(arquivo, header.numero(), "header",
                    "line 1 is not a CNAB 400 return header (positions 1-9 must be 02RETORNO)");
        }
        String banco = header.alfa(77, 79);
        if (!"237".equals(banco)) {
            throw new SourceFileException(arquivo, header.numero(), "banco",
                    "bank '" + banco.strip() + "' in the CNAB 400 header is not supported: only Bradesco (237) CNAB 400 is read");
        }
        LocalDate geradoEm;
        Beneficiary beneficiario;
        try {
            geradoEm = header.dataCurta(95, 100, "data da gravação");
            beneficiario = beneficiario(header);
        } catch (CampoInvalidoException e) {
            throw new SourceFileException(arquivo, header.numero(), e.campo(), "file header: " + e.motivo());
        }
        List<PaymentEvent> eventos = new ArrayList<>();
        List<RecordRejection> rejeicoes = new ArrayList<>();
        boolean terminou = false;
        for (int i = 1; i < linhas.size(); i++) {
            LinhaCnab l = linhas.get(i);
            if (terminou) {
                throw new SourceFileException(arquivo, l.numero(), null, "data after the file trailer (record type 9)");
            }
            char tipo = l.caractere(1);
            if (tipo == '9') {
                try {
                    long sequencial = Long.parseLong(l.digitos(395, 400, "número sequencial"));
                    if (sequencial != i + 1) {
                        throw new SourceFileException(arquivo, l.numero(), "número sequencial",
                                "trailer is record " + sequencial + ", the file has " + (i + 1) + " records");
                    }
                } catch (CampoInvalidoException e) {
                    throw new SourceFileException(arquivo, l.numero(), e.campo(), "file trailer: " + e.motivo());
                }
                terminou = true;
                continue;
            }
            if (l.tamanho() > 400) {
                rejeicoes.add(new RecordRejection(arquivo, l.numero(), "record " + tipo, "line",
                        "has " + l.tamanho() + " characters, a CNAB 400 record has 400"));
                continue;
            }
            if (tipo == '3') {
                continue;
            }
            if (tipo != '1') {
                rejeicoes.add(new RecordRejection(arquivo, l.numero(), "record " + tipo, "tipo de registro",
                        "record type '" + tipo + "' is not a CNAB 400 return record (1, 3, 9)"));
                continue;
            }
            try {
                eventos.add(evento(l));
            } catch (CampoInvalidoException e) {
                rejeicoes.add(new RecordRejection(arquivo, l.numero(), "record 1", e.campo(), e.motivo()));
            }
        }
        if (!terminou) {
            throw new SourceFileException(arquivo, linhas.get(linhas.size() - 1).numero(), null,
                    "the file ends without its trailer (record type 9): it is truncated");
        }
        return new ReturnFile("237", LAYOUT, geradoEm, 0, List.copyOf(eventos), List.copyOf(rejeicoes), beneficiario);
    }

    /** Header label: código da empresa, positions 27-46. */
    static Beneficiary beneficiario(LinhaCnab header) {
        return new Beneficiary(null, null, header.identificacao(27, 46, "código da empresa"));
    }

    private static PaymentEvent evento(LinhaCnab l) {
        String codigo = l.digitos(109, 110, "identificação de ocorrência");
        String carteira = l.digitos(22, 24, "carteira");
        String numero = l.digitos(71, 81, "nosso número");
        char dv = l.caractere(82);
        char esperado = Modulo11.dvBradesco(carteira.substring(1) + numero);
        if (dv != esperado) {
            throw new CampoInvalidoException("nosso número", "check digit at position 82 is '" + dv + "', expected " + esperado
                    + " for carteira " + carteira.substring(1));
        }
        String canonico = Digitos.semZerosAEsquerda(numero);
        if (canonico.isEmpty()) {
            throw new CampoInvalidoException("nosso número", "is zero");
        }
        String documento = l.texto(117, 126);
        BigDecimal tarifa = l.valor(176, 188, "despesas de cobrança").add(l.valor(189, 201, "outras despesas"));
        return new PaymentEvent("237", canonico, codigo, CodigoMovimento.bradescoCnab400(codigo), documento.isEmpty() ? null : documento,
                l.valor(153, 165, "valor do título"), l.valor(254, 266, "valor pago"), tarifa, null, l.dataCurta(147, 152, "vencimento"),
                l.dataCurta(111, 116, "data da ocorrência"), l.dataCurta(296, 301, "data do crédito"),
                CodigoMovimento.motivos(l.alfa(319, 328)), l.numero());
    }
}
