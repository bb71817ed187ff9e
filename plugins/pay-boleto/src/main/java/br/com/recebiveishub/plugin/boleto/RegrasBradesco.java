package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;

/**
 * Bradesco (237).
 *
 * <p>Nosso número: 11 digits plus a check digit computed over carteira (2) + nosso número (11),
 * módulo 11 base 7, 'P' for remainder 1. Free field: agência (4) + carteira (2) + nosso número (11)
 * + conta (7) + '0'.
 *
 * <p><b>Canonical form: the 11-digit number without its check digit and leading zeros.</b> The
 * real CNAB 400 return file writes the 12 positions 71-82 as {@code 000000000097}, which is nosso
 * número {@code 00000000009} and check digit {@code 7} (carteira 09 gives 7, as the manual's rule
 * says), so that title's canonical form is {@code 9}. An ERP's value carries a check digit when it
 * is separated by '-', is 'P', or the value has the 12-digit width of the CNAB field; when the
 * carteira is written before a '/' (as printed: {@code 09/00000000009-7}) the digit is checked,
 * otherwise it is only dropped, since the carteira it depends on is unknown.
 */
final class RegrasBradesco extends RegrasDoBanco {

    static final long SEQUENCIA_MAXIMA = 99_999_999_999L;

    @Override
    String codigo() {
        return "237";
    }

    @Override
    NossoNumero emitir(BankAccount conta, long sequencia) {
        verificarSequencia(sequencia, SEQUENCIA_MAXIMA, "Bradesco");
        return montar(carteira(conta), Long.toString(sequencia));
    }

    @Override
    NossoNumero doCanonico(BankAccount conta, String canonico) {
        return montar(carteira(conta), canonicoDe(canonico, 11, "Bradesco"));
    }

    private static NossoNumero montar(String carteira, String sequencia) {
        String numero = Digitos.comZeros(sequencia, 11, "Bradesco nosso número");
        String dv = String.valueOf(Modulo11.dvBradesco(carteira + numero));
        return new NossoNumero(Digitos.semZerosAEsquerda(numero), numero, dv, carteira + "/" + numero + "-" + dv);
    }

    @Override
    String campoLivre(BankAccount conta, NossoNumero nn) {
        return RegrasBancoDoBrasil.digitos(conta.agencia(), 4, "agencia") + carteira(conta) + nn.numero()
                + RegrasBancoDoBrasil.digitos(conta.conta(), 7, "conta") + "0";
    }

    /** The two carteira digits ("09"; "9" and "009" are read as 09). */
    static String carteira(BankAccount conta) {
        return RegrasBancoDoBrasil.digitos(conta.carteira(), 2, "carteira (Bradesco)");
    }

    @Override
    String canonico(String bruto) {
        String s = limpar(bruto);
        String carteira = null;
        int barra = s.indexOf('/');
        if (barra >= 0) {
            carteira = s.substring(0, barra);
            s = s.substring(barra + 1);
            if (carteira.isEmpty() || carteira.length() > 3 || !Digitos.saoDigitos(carteira)) {
                throw new IllegalArgumentException("Bradesco carteira before '/' must have 2 digits");
            }
            carteira = Digitos.comZeros(Digitos.semZerosAEsquerda(carteira), 2, "carteira");
        }
        String dv = null;
        int hifen = s.indexOf('-');
        if (hifen >= 0) {
            dv = s.substring(hifen + 1);
            s = s.substring(0, hifen);
        } else if (s.endsWith("P") || (s.length() == 12 && Digitos.saoDigitos(s))) {
            dv = s.substring(s.length() - 1);
            s = s.substring(0, s.length() - 1);
        }
        String c = canonicoDe(s, 11, "Bradesco");
        if (dv != null) {
            if (!dv.equals("P") && !(dv.length() == 1 && Digitos.saoDigitos(dv))) {
                throw new IllegalArgumentException("Bradesco nosso número check digit must be one digit or P");
            }
            if (carteira != null && Modulo11.dvBradesco(carteira + Digitos.comZeros(c, 11, "nosso número")) != dv.charAt(0)) {
                throw new IllegalArgumentException("Bradesco nosso número check digit does not match carteira " + carteira);
            }
        }
        return c;
    }
}
