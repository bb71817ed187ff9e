package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;

/**
 * Caixa Econômica Federal (104), SIGCB.
 *
 * <p>The nosso número has 17 digits: modality (carteira '1' registrada or '2' sem registro, then
 * emission '4' beneficiário) and a 15-digit free number, plus a módulo-11 check digit over the 17.
 * Caixa requires the free number to be unique regardless of modality (CNAB 240 SIGCB note G069),
 * so the <b>canonical form is the 15-digit free number without leading zeros</b>: the real return
 * file's {@code 24 000000011136997 9} is {@code 11136997}, and so is an ERP's
 * {@code 11136997}, {@code 000000011136997}, {@code 24000000011136997-9} or
 * {@code 24/000000011136997-9}.
 *
 * <p>Free field (Caixa boleto manual annex III): beneficiary code (6) + its DV, nosso número
 * digits 3-5, constant 1 (digit 1), digits 6-8, constant 2 (digit 2), digits 9-17, free-field DV.
 */
final class RegrasCaixa extends RegrasDoBanco {

    static final long SEQUENCIA_MAXIMA = 999_999_999_999_999L;

    @Override
    String codigo() {
        return "104";
    }

    @Override
    NossoNumero emitir(BankAccount conta, long sequencia) {
        verificarSequencia(sequencia, SEQUENCIA_MAXIMA, "Caixa");
        return montar(modalidade(conta), Long.toString(sequencia));
    }

    @Override
    NossoNumero doCanonico(BankAccount conta, String canonico) {
        return montar(modalidade(conta), canonicoDe(canonico, 15, "Caixa"));
    }

    private static NossoNumero montar(String modalidade, String sequencia) {
        String livre = Digitos.comZeros(sequencia, 15, "Caixa nosso número");
        String numero = modalidade + livre;
        String dv = Integer.toString(Modulo11.dvCaixa(numero));
        return new NossoNumero(Digitos.semZerosAEsquerda(livre), numero, dv, modalidade + "/" + livre + "-" + dv);
    }

    @Override
    String campoLivre(BankAccount conta, NossoNumero nn) {
        String beneficiario = beneficiario(conta);
        String n = nn.numero();
        String semDv = beneficiario + Modulo11.dvCaixa(beneficiario) + n.substring(2, 5) + n.charAt(0) + n.substring(5, 8)
                + n.charAt(1) + n.substring(8, 17);
        return semDv + Modulo11.dvCaixa(semDv);
    }

    /**
     * The SIGCB modality from the account's carteira: 14 (registrada, emissão beneficiário, the
     * default) or 24 (sem registro); RG and SR, the names Caixa's portal uses, are accepted too.
     */
    static String modalidade(BankAccount conta) {
        String c = conta.carteira() == null ? "" : conta.carteira().strip().toUpperCase();
        switch (c) {
            case "", "1", "14", "RG" -> {
                return "14";
            }
            case "2", "24", "SR" -> {
                return "24";
            }
            case "11", "21" -> throw new IllegalArgumentException(
                    "carteira " + c + " is Caixa-issued (emissão CAIXA): the bank numbers those titles, the hub cannot issue them");
            default -> throw new IllegalArgumentException("carteira " + c + " is not a Caixa SIGCB modality (14 or 24)");
        }
    }

    /** The 6-digit beneficiary code from the account's convênio (a 7th digit is taken as its DV and checked). */
    static String beneficiario(BankAccount conta) {
        String d;
        try {
            d = digitosDe(conta.convenio());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("convenio (Caixa beneficiary code): " + e.getMessage());
        }
        if (d.length() == 7) {
            String codigo = d.substring(0, 6);
            if (Modulo11.dvCaixa(codigo) != d.charAt(6) - '0') {
                throw new IllegalArgumentException("convenio (Caixa beneficiary code) check digit does not match");
            }
            return codigo;
        }
        if (d.isEmpty() || d.length() > 6) {
            throw new IllegalArgumentException("convenio (Caixa beneficiary code) must have 6 digits, found " + d.length());
        }
        return Digitos.comZeros(d, 6, "convenio");
    }

    @Override
    String canonico(String bruto) {
        String s = limpar(bruto).replace("/", "");
        String dv = null;
        int hifen = s.indexOf('-');
        if (hifen >= 0) {
            dv = s.substring(hifen + 1);
            s = s.substring(0, hifen);
            if (dv.length() != 1 || !Digitos.saoDigitos(dv)) {
                throw new IllegalArgumentException("Caixa nosso número check digit must be one digit");
            }
        }
        if (!Digitos.saoDigitos(s)) {
            throw new IllegalArgumentException("Caixa nosso número must contain digits only");
        }
        String n = Digitos.semZerosAEsquerda(s);
        if (dv == null && n.length() == 18 && temModalidade(n)) {
            dv = n.substring(17);
            n = n.substring(0, 17);
        }
        if (n.length() == 17 && temModalidade(n)) {
            if (dv != null && Modulo11.dvCaixa(n) != dv.charAt(0) - '0') {
                throw new IllegalArgumentException("Caixa nosso número check digit does not match");
            }
            return canonicoDe(n.substring(2), 15, "Caixa");
        }
        if (n.length() > 15) {
            throw new IllegalArgumentException("Caixa nosso número must be the 15-digit free number, or 17 digits starting with the modality (11, 14, 21, 24), with an optional check digit");
        }
        if (dv != null && !dvConfereComAlgumaModalidade(n, dv.charAt(0) - '0')) {
            throw new IllegalArgumentException("Caixa nosso número check digit does not match");
        }
        return canonicoDe(n, 15, "Caixa");
    }

    private static boolean temModalidade(String n) {
        return (n.charAt(0) == '1' || n.charAt(0) == '2') && (n.charAt(1) == '1' || n.charAt(1) == '4');
    }

    // Without the modality the digit can only be checked against each modality Caixa defines.
    private static boolean dvConfereComAlgumaModalidade(String livre, int dv) {
        String quinze = Digitos.comZeros(livre, 15, "Caixa nosso número");
        for (String m : new String[] {"14", "24", "11", "21"}) {
            if (Modulo11.dvCaixa(m + quinze) == dv) {
                return true;
            }
        }
        return false;
    }
}
