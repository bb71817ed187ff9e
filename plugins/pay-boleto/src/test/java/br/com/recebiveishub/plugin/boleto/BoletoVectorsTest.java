package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.testkit.SharedSamples;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every pair of shared/samples/boleto/vectors.tsv, and the bank rows rebuilt from their parts. */
class BoletoVectorsTest {

    private static final LocalDate REFERENCIA = LocalDate.of(2008, 1, 1);

    record Vetor(String barcode, String linha, String fonte) {
    }

    static List<Vetor> vetores() throws IOException {
        return Files.readAllLines(SharedSamples.sample("boleto/vectors.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t"))
                .map(c -> new Vetor(c[0], c[1], c[2]))
                .toList();
    }

    @Test
    void everyBarcodeGivesItsLinhaDigitavelAndBack() throws IOException {
        List<Vetor> vetores = vetores();
        assertThat(vetores).hasSize(5);
        for (Vetor v : vetores) {
            CodigoDeBarras codigo = CodigoDeBarras.parse(v.barcode());
            LinhaDigitavel linha = LinhaDigitavel.de(codigo);
            assertThat(linha.formatada()).as(v.fonte()).isEqualTo(v.linha());
            assertThat(LinhaDigitavel.parse(v.linha()).codigoDeBarras()).as(v.fonte()).isEqualTo(codigo);
            assertThat(LinhaDigitavel.parse(v.linha().replace(".", "").replace(" ", "")).digitos()).isEqualTo(linha.digitos());
            assertThat(codigo.dv()).isEqualTo(Modulo11.dvGeralCodigoDeBarras(CodigoDeBarras.semDv(v.barcode())));
            assertThat(codigo.moeda()).isEqualTo('9');
        }
    }

    @Test
    void caixaRowIsRebuiltFromBeneficiaryAndNossoNumero() {
        // Caixa SIGCB manual 5.1: beneficiary 005507, nosso número 14/222333777777777, 2006-08-23, R$ 321,12.
        CodigoDeBarras esperado = CodigoDeBarras.parse("10494324200000321120055077222133347777777771");
        assertThat(esperado.vencimento(REFERENCIA)).contains(LocalDate.of(2006, 8, 23));
        assertThat(esperado.valor()).isEqualByComparingTo("321.12");
        BankAccount conta = new BankAccount("104", "1234", "0", "1", "0", "14", "005507", "X", Fixtures.CNPJ_BENEFICIARIO, null);
        IssuedCharge charge = new BoletoProvider().issue(conta, pedido(222333777777777L, LocalDate.of(2006, 8, 23), "321.12"));
        assertThat(charge.barcode()).isEqualTo(esperado.digitos());
        assertThat(charge.linhaDigitavel()).isEqualTo("10490055057722213334877777777713432420000032112");
        assertThat(LinhaDigitavel.parse(charge.linhaDigitavel()).formatada()).isEqualTo("10490.05505 77222.133348 77777.777713 4 32420000032112");
        assertThat(charge.nossoNumero()).isEqualTo("222333777777777");
        assertThat(charge.nossoNumeroImpresso()).isEqualTo("14/222333777777777-" + Modulo11.dvCaixa("14222333777777777"));
    }

    @Test
    void bancoDoBrasilRowsAreRebuiltFromConvenio7AndComplement() {
        // Free field "000000" + convênio (7) + complement (10) + carteira (2).
        verificarBb("00195386000000040000000001207113000900020618", "1207113", 9000206L, "18", LocalDate.of(2008, 5, 2), "40.00");
        CodigoDeBarras segundo = CodigoDeBarras.parse("00193376900000135000000001238798977770016818");
        verificarBb(segundo.digitos(), "1238798", 9777700168L, "18", segundo.vencimento(REFERENCIA).orElseThrow(), "135.00");
    }

    private static void verificarBb(String barcode, String convenio, long complemento, String carteira, LocalDate vencimento, String valor) {
        BankAccount conta = new BankAccount("001", "1234", "3", "12345", "5", carteira, convenio, "X", Fixtures.CNPJ_BENEFICIARIO, null);
        IssuedCharge charge = new BoletoProvider().issue(conta, pedido(complemento, vencimento, valor));
        assertThat(charge.barcode()).isEqualTo(barcode);
        assertThat(charge.nossoNumero()).isEqualTo(convenio + String.format("%010d", complemento));
    }

    @Test
    void bradescoRowIsRebuiltFromAgenciaCarteiraNossoNumeroConta() {
        // Free field: agência 2949, carteira 06, nosso número 00000000003, conta 0006580, '0'.
        CodigoDeBarras esperado = CodigoDeBarras.parse("23796316800000001002949060000000000300065800");
        BankAccount conta = new BankAccount("237", "2949", "1", "6580", "0", "06", "1", "X", Fixtures.CNPJ_BENEFICIARIO, null);
        IssuedCharge charge = new BoletoProvider().issue(conta, pedido(3, esperado.vencimento(REFERENCIA).orElseThrow(), "1.00"));
        assertThat(charge.barcode()).isEqualTo(esperado.digitos());
        assertThat(charge.nossoNumero()).isEqualTo("3");
        assertThat(charge.nossoNumeroImpresso()).isEqualTo("06/00000000003-" + Modulo11.dvBradesco("0600000000003"));
    }

    @Test
    void itauRowDecomposes() {
        // Itaú is not a supported bank: only its barcode/linha pair and fields are checked.
        CodigoDeBarras c = CodigoDeBarras.parse("34196565500002680161572189766660167451459000");
        assertThat(c.banco()).isEqualTo("341");
        assertThat(c.fator()).isEqualTo(5655);
        assertThat(c.valor()).isEqualByComparingTo("2680.16");
        assertThat(c.campoLivre()).isEqualTo("1572189766660167451459000");
    }

    private static ChargeRequest pedido(long sequencia, LocalDate vencimento, String valor) {
        return new ChargeRequest(sequencia, "1", vencimento.minusDays(10), vencimento, new BigDecimal(valor), Fixtures.pagador(), null, null);
    }
}
