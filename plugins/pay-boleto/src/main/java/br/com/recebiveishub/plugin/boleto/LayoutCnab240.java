package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.Beneficiary;
import br.com.recebiveishub.sdk.model.Documento;
import java.util.Map;

/**
 * Where a bank's CNAB 240 cobrança files deviate from the FEBRABAN v08.6 standard. The defaults
 * here are the standard; each bank overrides the blocks it lays out differently. Writer, reader
 * and simulator all go through the same object, so they cannot disagree on a position.
 */
abstract class LayoutCnab240 {

    private static final Map<String, LayoutCnab240> LAYOUTS = Map.of(
            "104", new LayoutCnab240Caixa(),
            "001", new LayoutCnab240BancoDoBrasil(),
            "237", new LayoutCnab240Bradesco());

    static LayoutCnab240 de(String banco) {
        LayoutCnab240 layout = LAYOUTS.get(banco);
        if (layout == null) {
            throw new IllegalArgumentException("bank " + banco + " has no CNAB 240 layout here (104, 001, 237)");
        }
        return layout;
    }

    final RegrasDoBanco regras() {
        return RegrasDoBanco.de(banco());
    }

    abstract String banco();

    /** Bank name for positions 103-132 of the file header. */
    abstract String nomeBanco();

    abstract String versaoArquivo(boolean retorno);

    abstract String versaoLote(boolean retorno);

    /** File header positions 33-72: agreement and account as the bank identifies the company. */
    abstract String empresaNoHeaderDeArquivo(BankAccount conta);

    /**
     * The beneficiary read back from the block {@link #empresaNoHeaderDeArquivo} writes (file
     * header 33-72). The standard, which Bradesco follows: convênio 33-52, agência 53-57 (DV 58),
     * conta 59-70 (DVs 71-72).
     *
     * @throws CampoInvalidoException when a field is not digits or is zero
     */
    Beneficiary beneficiarioNoHeaderDeArquivo(LinhaCnab header) {
        return new Beneficiary(agenciaNoHeader(header), contaNoHeader(header), header.identificacao(33, 52, "convênio"));
    }

    /** Batch header positions 34-73. */
    abstract String empresaNoHeaderDeLote(BankAccount conta);

    /** Segment P positions 18-57: account and nosso número. */
    abstract String contaENossoNumeroP(BankAccount conta, NossoNumero nn);

    /** Segment T positions 18-57 as the bank writes them back (the standard repeats segment P's). */
    String contaENossoNumeroT(BankAccount conta, NossoNumero nn) {
        return contaENossoNumeroP(conta, nn);
    }

    /** @return the canonical nosso número of a segment P (remessa reader) */
    abstract String nossoNumeroDoP(LinhaCnab p);

    /** @return the canonical nosso número of a segment T, its check digit verified where present */
    abstract String nossoNumeroDoT(LinhaCnab t);

    /** Width of the "seu número" field: P 63.., T 59.. (15 in the standard). */
    int tamanhoSeuNumero() {
        return 15;
    }

    /** Segment P position 58, código da carteira (C006): '1' cobrança simples. */
    char codigoCarteira(BankAccount conta) {
        return '1';
    }

    /** Bank-specific values of segment P's fixed fields (document type, emission, write-off...). */
    void ajustarP(RegistroCnab p) {
        p.alfa(60, 60, "1", "tipo de documento").num(61, 61, "2", "emissão").alfa(62, 62, "2", "distribuição")
                .brancos(106, 106).num(224, 224, "1", "código para baixa").alfa(225, 227, "120", "prazo para baixa");
    }

    /** Segment R positions 180-240 (the standard's debit-account block, unused: zeros and blanks). */
    void caudaR(RegistroCnab r) {
        r.brancos(180, 199).zeros(200, 215).brancos(216, 216).zeros(217, 228).brancos(229, 230).zeros(231, 231).brancos(232, 240);
    }

    /** File header positions 167-240 (density, reserved fields). */
    void reservadosHeaderArquivo(RegistroCnab h, boolean retorno) {
        h.zeros(167, 171).brancos(172, 240);
    }

    /** Batch header positions 12-13. */
    void reservadoHeaderLote(RegistroCnab h) {
        h.brancos(12, 13);
    }

    /** Remessa batch trailer after the record count (totals are for return files: zeros). */
    void totaisTrailerLoteRemessa(RegistroCnab t) {
        t.zeros(24, 115).brancos(116, 240);
    }

    /** File trailer positions 30-35, quantity of accounts to reconcile. */
    void contasTrailerArquivo(RegistroCnab t, boolean retorno) {
        t.zeros(30, 35);
    }

    /** Segment T positions 189-198 (contract number in the standard). */
    void contratoT(RegistroCnab t) {
        t.zeros(189, 198);
    }

    /** Segment U positions 154-240 after the credit date. */
    void caudaU(RegistroCnab u, java.time.LocalDate dataCredito) {
        u.brancos(154, 165).zeros(166, 180).brancos(181, 210).zeros(211, 213).brancos(214, 240);
    }

    // ---- shared helpers -------------------------------------------------------------------------

    static String agencia5(BankAccount conta) {
        return RegrasBancoDoBrasil.digitos(conta.agencia(), 5, "agencia");
    }

    static String dv1(String dv) {
        String d = dv == null ? "" : dv.strip().toUpperCase();
        if (d.length() > 1) {
            throw new IllegalArgumentException("check digit '" + d + "' must be one character");
        }
        return d.isEmpty() ? " " : d;
    }

    /** Reads the agência of the file header's {@link #agenciaEConta} block: positions 53-57. */
    static String agenciaNoHeader(LinhaCnab header) {
        return header.identificacao(53, 57, "agência");
    }

    /** Reads the conta of the file header's {@link #agenciaEConta} block: positions 59-70. */
    static String contaNoHeader(LinhaCnab header) {
        return header.identificacao(59, 70, "conta");
    }

    /**
     * The standard's agência (5) + DV + conta (12) + DV + DV agência/conta block: file header
     * 53-72 (read back by {@link #agenciaNoHeader} and {@link #contaNoHeader}), batch header 54-73.
     */
    static String agenciaEConta(BankAccount conta) {
        return agencia5(conta) + dv1(conta.agenciaDv()) + RegrasBancoDoBrasil.digitos(conta.conta(), 12, "conta")
                + dv1(conta.contaDv()) + " ";
    }

    static char tipoInscricao(Documento documento) {
        return documento.tipo() == Documento.Tipo.CPF ? '1' : '2';
    }

    /**
     * The document number right-aligned with zeros. An alphanumeric CNPJ (from July 2026) is
     * written as is: FEBRABAN widens these fields to alphanumeric for it.
     */
    static String inscricao(Documento documento, int largura) {
        String n = documento.numero();
        return "0".repeat(largura - n.length()) + n;
    }
}
