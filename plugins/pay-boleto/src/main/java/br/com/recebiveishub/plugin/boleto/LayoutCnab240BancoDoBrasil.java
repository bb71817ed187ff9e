package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.Beneficiary;

/**
 * Banco do Brasil CNAB 240 cobrança: the standard layout, with the convênio block "convênio (9) +
 * 0014 + carteira (2) + variação (3) + 2 blanks" in the headers and the nosso número left-aligned
 * in P/T 38-57 (17 digits for a 7-digit convênio, 11 + DV otherwise).
 */
final class LayoutCnab240BancoDoBrasil extends LayoutCnab240 {

    @Override
    String banco() {
        return "001";
    }

    @Override
    String nomeBanco() {
        return "BANCO DO BRASIL S.A.";
    }

    @Override
    String versaoArquivo(boolean retorno) {
        return retorno ? "030" : "083";
    }

    @Override
    String versaoLote(boolean retorno) {
        return retorno ? "020" : "042";
    }

    private static String convenio(BankAccount conta) {
        return Digitos.comZeros(RegrasBancoDoBrasil.convenio(conta), 9, "convenio") + "0014" + RegrasBancoDoBrasil.carteira(conta)
                + RegrasBancoDoBrasil.variacao(conta) + "  ";
    }

    @Override
    String empresaNoHeaderDeArquivo(BankAccount conta) {
        return convenio(conta) + agenciaEConta(conta);
    }

    /**
     * The standard's 33-52 holds BB's convênio block: convênio 33-41, then 0014 (42-45), carteira
     * (46-47) and variação (48-50), which a return may leave blank; agência 53-57, conta 59-70.
     */
    @Override
    Beneficiary beneficiarioNoHeaderDeArquivo(LinhaCnab header) {
        return new Beneficiary(agenciaNoHeader(header), contaNoHeader(header), header.identificacao(33, 41, "convênio"));
    }

    @Override
    String empresaNoHeaderDeLote(BankAccount conta) {
        return convenio(conta) + agenciaEConta(conta);
    }

    @Override
    String contaENossoNumeroP(BankAccount conta, NossoNumero nn) {
        String n = nn.numero() + nn.dv();
        return agenciaEConta(conta) + n + " ".repeat(20 - n.length());
    }

    @Override
    String nossoNumeroDoP(LinhaCnab p) {
        return nossoNumero(p);
    }

    @Override
    String nossoNumeroDoT(LinhaCnab t) {
        return nossoNumero(t);
    }

    // 17 digits (convênio 7, no DV) or 11 digits + DV; anything else is not a BB title number.
    private static String nossoNumero(LinhaCnab linha) {
        String n = linha.texto(38, 57);
        if (n.length() == 12) {
            String numero = n.substring(0, 11);
            if (!Digitos.saoDigitos(numero)) {
                throw new CampoInvalidoException("nosso número", "positions 38-48 must be digits");
            }
            char dv = Modulo11.dvBancoDoBrasil(numero);
            if (dv != n.charAt(11)) {
                throw new CampoInvalidoException("nosso número", "check digit is '" + n.charAt(11) + "', expected " + dv);
            }
            n = numero;
        }
        if (!Digitos.saoDigitos(n) || n.length() > 17) {
            throw new CampoInvalidoException("nosso número", "positions 38-57 must hold 17 digits, or 11 digits and a check digit");
        }
        String c = Digitos.semZerosAEsquerda(n);
        if (c.isEmpty()) {
            throw new CampoInvalidoException("nosso número", "is zero");
        }
        return c;
    }

    @Override
    char codigoCarteira(BankAccount conta) {
        // C006 at BB: '7' for carteira 17 simples, '1' for 11/12/18 simples.
        return "17".equals(RegrasBancoDoBrasil.carteira(conta)) ? '7' : '1';
    }

    @Override
    void ajustarP(RegistroCnab p) {
        // BB ignores document type, emission and distribution (its CNAB 240 guide): '1', '0', '0'.
        p.alfa(60, 60, "1", "tipo de documento").num(61, 61, "0", "emissão").alfa(62, 62, "0", "distribuição")
                .brancos(106, 106).num(224, 224, "0", "código para baixa").alfa(225, 227, "000", "prazo para baixa");
    }

    @Override
    void reservadosHeaderArquivo(RegistroCnab h, boolean retorno) {
        h.zeros(167, 211).brancos(212, 240);
    }

    @Override
    void totaisTrailerLoteRemessa(RegistroCnab t) {
        t.zeros(24, 240);
    }

    @Override
    void contasTrailerArquivo(RegistroCnab t, boolean retorno) {
        if (retorno) {
            t.zeros(30, 35);
        } else {
            t.brancos(30, 35);
        }
    }
}
