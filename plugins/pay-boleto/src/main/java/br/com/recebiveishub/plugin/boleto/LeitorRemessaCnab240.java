package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.SourceFileException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back a CNAB 240 remessa (segments P, Q and R) with the same {@link LayoutCnab240} the
 * writer uses: to check what this plugin writes, and to compare its positions with real remessas.
 */
final class LeitorRemessaCnab240 {

    /**
     * One title of a remessa, as its P, Q and R segments say.
     *
     * @param nossoNumero     canonical nosso número
     * @param seuNumero       "seu número" (P 63..)
     * @param documento       identification of the title in the company (P 196-220)
     * @param vencimento      due date
     * @param valor           face value
     * @param emissao         issue date
     * @param codigoJuros     interest code (P 118)
     * @param juros           interest value or rate (P 127-141)
     * @param tipoInscricao   payer document type, '1' CPF or '2' CNPJ
     * @param inscricao       payer document, 15 positions
     * @param nome            payer name
     * @param endereco        payer address line
     * @param bairro          district
     * @param cep             CEP (8 digits)
     * @param cidade          city
     * @param uf              state
     * @param codigoMulta     fine code (R 66)
     * @param dataMulta       fine date (R 67-74)
     * @param multa           fine value or rate (R 75-89)
     * @param linhaP          line of the segment P
     */
    record Titulo(String nossoNumero, String seuNumero, String documento, LocalDate vencimento, BigDecimal valor,
                  LocalDate emissao, char codigoJuros, BigDecimal juros, char tipoInscricao, String inscricao, String nome,
                  String endereco, String bairro, String cep, String cidade, String uf, char codigoMulta, LocalDate dataMulta,
                  BigDecimal multa, long linhaP) {
    }

    /** @return the titles of the remessa, in file order */
    static List<Titulo> ler(String arquivo, byte[] bytes) throws SourceFileException {
        List<LinhaCnab> linhas = ArquivoCnab.linhas(arquivo, bytes, 240);
        LayoutCnab240 layout = LayoutCnab240.de(linhas.get(0).texto(1, 3));
        List<Titulo> titulos = new ArrayList<>();
        LinhaCnab p = null;
        LinhaCnab q = null;
        for (LinhaCnab l : linhas) {
            if (l.caractere(8) != '3') {
                continue;
            }
            switch (l.caractere(14)) {
                case 'P' -> p = l;
                case 'Q' -> q = l;
                case 'R' -> {
                    titulos.add(titulo(layout, p, q, l));
                    p = null;
                    q = null;
                }
                default -> {
                }
            }
        }
        return titulos;
    }

    private static Titulo titulo(LayoutCnab240 layout, LinhaCnab p, LinhaCnab q, LinhaCnab r) {
        if (p == null || q == null) {
            throw new CampoInvalidoException("segmento", "segment R at line " + r.numero() + " without its P and Q");
        }
        return new Titulo(layout.nossoNumeroDoP(p), p.texto(63, 62 + layout.tamanhoSeuNumero()), p.texto(196, 220),
                p.data(78, 85, "vencimento"), p.valor(86, 100, "valor"), p.data(110, 117, "emissão"), p.caractere(118),
                p.valor(127, 141, "juros"), q.caractere(18), q.alfa(19, 33), q.texto(34, 73), q.texto(74, 113), q.texto(114, 128),
                q.digitos(129, 136, "CEP"), q.texto(137, 151), q.texto(152, 153), r.caractere(66), r.data(67, 74, "data da multa"),
                r.valor(75, 89, "multa"), p.numero());
    }

    private LeitorRemessaCnab240() {
    }
}
