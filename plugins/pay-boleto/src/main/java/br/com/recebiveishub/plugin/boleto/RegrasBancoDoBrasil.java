package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;

/**
 * Banco do Brasil (001), Doc5175.
 *
 * <ul>
 *   <li>Convênio of 7 digits (above 1,000,000): nosso número = convênio (7) + complement (10),
 *       17 digits, no check digit; free field = "000000" + nosso número (17) + carteira (2).</li>
 *   <li>Convênio of 6 (or 4) digits: nosso número = convênio (6) + sequence (5) (or 4 + 7), 11
 *       digits plus a módulo-11 digit (X for 10); free field = nosso número (11) + agência (4) +
 *       conta (8) + carteira (2).</li>
 * </ul>
 *
 * <p><b>Canonical form: the whole nosso número without check digit and leading zeros</b> (the
 * convênio is part of it, because BB numbers are only unique with it): {@code 32948600000000196}
 * in the real return file. An ERP's value with a trailing check digit is recognised when the digit
 * is separated by '-', ends in 'X', or the value has 12 digits (11 + DV); the digit is checked.
 *
 * <p>The carteira may carry its variation ("17-019"); only the two carteira digits enter the
 * barcode.
 */
final class RegrasBancoDoBrasil extends RegrasDoBanco {

    @Override
    String codigo() {
        return "001";
    }

    @Override
    NossoNumero emitir(BankAccount conta, long sequencia) {
        String convenio = convenio(conta);
        int tamanhoSequencia = 17 - 7;
        if (convenio.length() == 7) {
            verificarSequencia(sequencia, 9_999_999_999L, "Banco do Brasil convênio of 7 digits");
        } else {
            tamanhoSequencia = 11 - convenio.length();
            verificarSequencia(sequencia, convenio.length() == 6 ? 99_999L : 9_999_999L,
                    "Banco do Brasil convênio of " + convenio.length() + " digits");
        }
        return montar(convenio + Digitos.comZeros(sequencia, tamanhoSequencia, "nossoNumeroSequence"));
    }

    @Override
    NossoNumero doCanonico(BankAccount conta, String canonico) {
        String c = canonicoDe(canonico, 17, "Banco do Brasil");
        return montar(c.length() > 11 ? Digitos.comZeros(c, 17, "nosso número") : Digitos.comZeros(c, 11, "nosso número"));
    }

    // 17 digits: convênio 7, no DV; 11 digits: convênio 4 or 6 with a DV.
    private static NossoNumero montar(String numero) {
        if (numero.length() == 17) {
            return new NossoNumero(Digitos.semZerosAEsquerda(numero), numero, "", numero);
        }
        String dv = String.valueOf(Modulo11.dvBancoDoBrasil(numero));
        return new NossoNumero(Digitos.semZerosAEsquerda(numero), numero, dv, numero + "-" + dv);
    }

    @Override
    String campoLivre(BankAccount conta, NossoNumero nn) {
        String carteira = carteira(conta);
        if (nn.numero().length() == 17) {
            return "000000" + nn.numero() + carteira;
        }
        String agencia = digitos(conta.agencia(), 4, "agencia");
        String numeroConta = digitos(conta.conta(), 8, "conta");
        return nn.numero() + agencia + numeroConta + carteira;
    }

    /** The convênio: 7 digits, or 6 or 4 for the older agreements. */
    static String convenio(BankAccount conta) {
        String d;
        try {
            d = digitosDe(conta.convenio());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("convenio (Banco do Brasil): " + e.getMessage());
        }
        if (d.length() > 7) {
            d = Digitos.semZerosAEsquerda(d);
        }
        if (d.length() != 7 && d.length() != 6 && d.length() != 4) {
            throw new IllegalArgumentException("convenio (Banco do Brasil) must have 4, 6 or 7 digits, found " + d.length());
        }
        return d;
    }

    /** The two carteira digits ("17" from "17", "17-019" or "17/019"). */
    static String carteira(BankAccount conta) {
        String c = conta.carteira() == null ? "" : conta.carteira().strip();
        int sep = Math.max(c.indexOf('-'), c.indexOf('/'));
        if (sep >= 0) {
            c = c.substring(0, sep);
        }
        if (c.isEmpty() || c.length() > 2 || !Digitos.saoDigitos(c)) {
            throw new IllegalArgumentException("carteira (Banco do Brasil) must have 2 digits, optionally followed by -variação");
        }
        return Digitos.comZeros(c, 2, "carteira");
    }

    /** The carteira variation ("019" from "17-019"), "000" when the account gives none. */
    static String variacao(BankAccount conta) {
        String c = conta.carteira() == null ? "" : conta.carteira().strip();
        int sep = Math.max(c.indexOf('-'), c.indexOf('/'));
        if (sep < 0) {
            return "000";
        }
        return Digitos.comZeros(c.substring(sep + 1), 3, "carteira variação");
    }

    static String digitos(String valor, int largura, String campo) {
        try {
            String d = digitosDe(valor);
            if (d.isEmpty()) {
                throw new IllegalArgumentException("is empty");
            }
            if (d.length() > largura) {
                d = Digitos.semZerosAEsquerda(d);
            }
            return Digitos.comZeros(d, largura, campo);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(campo + ": " + e.getMessage());
        }
    }

    @Override
    String canonico(String bruto) {
        String s = limpar(bruto).replace("/", "");
        String dv = null;
        int hifen = s.indexOf('-');
        if (hifen >= 0) {
            dv = s.substring(hifen + 1);
            s = s.substring(0, hifen);
        } else if (s.endsWith("X") || (s.length() == 12 && Digitos.saoDigitos(s))) {
            dv = s.substring(s.length() - 1);
            s = s.substring(0, s.length() - 1);
        }
        String c = canonicoDe(s, 17, "Banco do Brasil");
        if (dv != null) {
            if (dv.length() != 1 || c.length() > 11) {
                throw new IllegalArgumentException("Banco do Brasil nosso número of 17 digits has no check digit; an 11-digit one has one digit or X");
            }
            if (Modulo11.dvBancoDoBrasil(Digitos.comZeros(c, 11, "nosso número")) != dv.charAt(0)) {
                throw new IllegalArgumentException("Banco do Brasil nosso número check digit does not match");
            }
        }
        return c;
    }
}
