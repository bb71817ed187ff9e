package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;

/**
 * Bradesco CNAB 240 cobrança: the standard layout with the nosso número block of P/T 38-57 split
 * as carteira (3) + zeros (5) + nosso número (11) + check digit (1), and the company code
 * (código da empresa) as the 20-position convênio, 33-52 of the file header, read back with the
 * standard's agência 53-57 and conta 59-70. (The real Bradesco sample of this project is
 * CNAB 400; this layout is what the simulator writes and the parser reads for 237.)
 */
final class LayoutCnab240Bradesco extends LayoutCnab240 {

    @Override
    String banco() {
        return "237";
    }

    @Override
    String nomeBanco() {
        return "BANCO BRADESCO S.A.";
    }

    @Override
    String versaoArquivo(boolean retorno) {
        return "084";
    }

    @Override
    String versaoLote(boolean retorno) {
        return "042";
    }

    private static String convenio(BankAccount conta) {
        return RegrasBancoDoBrasil.digitos(conta.convenio(), 20, "convenio (Bradesco código da empresa)");
    }

    @Override
    String empresaNoHeaderDeArquivo(BankAccount conta) {
        return convenio(conta) + agenciaEConta(conta);
    }

    @Override
    String empresaNoHeaderDeLote(BankAccount conta) {
        return convenio(conta) + agenciaEConta(conta);
    }

    @Override
    String contaENossoNumeroP(BankAccount conta, NossoNumero nn) {
        return agenciaEConta(conta) + "0" + RegrasBradesco.carteira(conta) + "00000" + nn.numero() + nn.dv();
    }

    @Override
    String nossoNumeroDoP(LinhaCnab p) {
        return nossoNumeroDoT(p);
    }

    @Override
    String nossoNumeroDoT(LinhaCnab t) {
        String carteira = t.digitos(38, 40, "carteira");
        String numero = t.digitos(46, 56, "nosso número");
        char dv = t.caractere(57);
        char esperado = Modulo11.dvBradesco(carteira.substring(1) + numero);
        if (dv != esperado) {
            throw new CampoInvalidoException("nosso número", "check digit at position 57 is '" + dv + "', expected " + esperado);
        }
        String c = Digitos.semZerosAEsquerda(numero);
        if (c.isEmpty()) {
            throw new CampoInvalidoException("nosso número", "is zero");
        }
        return c;
    }

    @Override
    void reservadosHeaderArquivo(RegistroCnab h, boolean retorno) {
        h.alfa(167, 171, "01600", "densidade").brancos(172, 240);
    }
}
