package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.Beneficiary;
import java.time.LocalDate;

/**
 * Caixa SIGCB CNAB 240 ("Leiaute de arquivo eletrônico padrão CNAB 240 - Cobrança bancária CAIXA
 * - SIGCB"). It replaces the account number by the 6-digit beneficiary code everywhere, and splits
 * the nosso número into modality (2) + free number (15): P 41-42/43-57, T 40-41/42-56 with the
 * check digit at T 57. "Seu número" is 11 positions.
 */
final class LayoutCnab240Caixa extends LayoutCnab240 {

    @Override
    String banco() {
        return "104";
    }

    @Override
    String nomeBanco() {
        return "CAIXA ECONOMICA FEDERAL";
    }

    @Override
    String versaoArquivo(boolean retorno) {
        return retorno ? "040" : "101";
    }

    @Override
    String versaoLote(boolean retorno) {
        return retorno ? "030" : "060";
    }

    private static String agencia(BankAccount conta) {
        return agencia5(conta) + dv1(conta.agenciaDv());
    }

    @Override
    String empresaNoHeaderDeArquivo(BankAccount conta) {
        return "0".repeat(20) + agencia(conta) + RegrasCaixa.beneficiario(conta) + "0000000" + "0";
    }

    /**
     * SIGCB file header (remessa 3.5.1 and retorno 3.7, fields 07.0-12.0): 33-52 zeros, agência
     * 53-57 with its DV at 58, código do beneficiário 59-64, 65-72 zeros. There is no account
     * number: the beneficiary code stands for it.
     */
    @Override
    Beneficiary beneficiarioNoHeaderDeArquivo(LinhaCnab header) {
        return new Beneficiary(agenciaNoHeader(header), null, header.identificacao(59, 64, "código do beneficiário"));
    }

    @Override
    String empresaNoHeaderDeLote(BankAccount conta) {
        String beneficiario = RegrasCaixa.beneficiario(conta);
        return beneficiario + "0".repeat(14) + agencia(conta) + beneficiario + "0000000" + "0";
    }

    @Override
    String contaENossoNumeroP(BankAccount conta, NossoNumero nn) {
        return agencia(conta) + RegrasCaixa.beneficiario(conta) + "0".repeat(11) + nn.numero();
    }

    @Override
    String contaENossoNumeroT(BankAccount conta, NossoNumero nn) {
        return "000000" + RegrasCaixa.beneficiario(conta) + "000" + "000" + "0" + "  " + "0" + nn.numero() + nn.dv();
    }

    @Override
    String nossoNumeroDoP(LinhaCnab p) {
        return canonico(p.digitos(43, 57, "nosso número"));
    }

    @Override
    String nossoNumeroDoT(LinhaCnab t) {
        String modalidade = t.digitos(40, 41, "modalidade da carteira");
        String livre = t.digitos(42, 56, "nosso número");
        char dv = t.caractere(57);
        if (dv != ' ' && Modulo11.dvCaixa(modalidade + livre) != dv - '0') {
            throw new CampoInvalidoException("nosso número", "check digit at position 57 is '" + dv + "', expected "
                    + Modulo11.dvCaixa(modalidade + livre));
        }
        return canonico(livre);
    }

    private static String canonico(String livre) {
        String c = Digitos.semZerosAEsquerda(livre);
        if (c.isEmpty()) {
            throw new CampoInvalidoException("nosso número", "is zero");
        }
        return c;
    }

    @Override
    int tamanhoSeuNumero() {
        return 11;
    }

    @Override
    void ajustarP(RegistroCnab p) {
        // 60 '2' escritural, 61 '2' beneficiário emite, 62 '0' postagem pelo beneficiário (notes C008-C010);
        // 240 '1': no partial payment (C092).
        p.alfa(60, 60, "2", "tipo de documento").num(61, 61, "2", "emissão").alfa(62, 62, "0", "distribuição")
                .num(106, 106, "0", "DV agência cobradora").num(224, 224, "1", "código para baixa")
                .alfa(225, 227, "120", "prazo para baixa").alfa(240, 240, "1", "pagamento parcial");
    }

    @Override
    void caudaR(RegistroCnab r) {
        r.brancos(180, 240);
    }

    @Override
    void reservadosHeaderArquivo(RegistroCnab h, boolean retorno) {
        h.zeros(167, 171).brancos(172, 191).alfa(192, 211, retorno ? "RETORNO-PRODUCAO" : "REMESSA-PRODUCAO", "situação")
                .brancos(212, 240);
    }

    @Override
    void reservadoHeaderLote(RegistroCnab h) {
        h.zeros(12, 13);
    }

    @Override
    void totaisTrailerLoteRemessa(RegistroCnab t) {
        t.zeros(24, 92).brancos(93, 240);
    }

    @Override
    void contasTrailerArquivo(RegistroCnab t, boolean retorno) {
        t.brancos(30, 35);
    }

    @Override
    void contratoT(RegistroCnab t) {
        t.brancos(189, 198);
    }

    @Override
    void caudaU(RegistroCnab u, LocalDate dataCredito) {
        u.zeros(154, 157).data(158, 165, dataCredito).zeros(166, 233).brancos(234, 240);
    }
}
