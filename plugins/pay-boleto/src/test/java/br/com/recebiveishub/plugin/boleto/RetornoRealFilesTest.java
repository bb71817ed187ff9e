package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.model.Beneficiary;
import br.com.recebiveishub.sdk.model.MovementKind;
import br.com.recebiveishub.sdk.model.PaymentEvent;
import br.com.recebiveishub.sdk.model.ReturnFile;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.SharedSamples;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The real return files of shared/samples, with the values SOURCES.md lists and others read by eye. */
class RetornoRealFilesTest {

    private final BoletoProvider provider = new BoletoProvider();

    @Test
    void caixaSigcbReturn() throws Exception {
        SourceFile file = Fixtures.amostra(SharedSamples.sample("cnab240/retorno-caixa-sigcb.ret"));
        assertThat(provider.recognizesReturn(file)).isTrue();
        ReturnFile r = provider.parseReturn(file);

        // 22 records in 1 batch: header, batch header, 9 T/U pairs, batch trailer, trailer (the parser
        // checks the trailers' counts, 20 in the batch and 1 batch / 22 records in the file, or refuses the file).
        java.util.List<String> linhas = java.nio.file.Files.readAllLines(file.path(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(linhas).hasSize(22);
        assertThat(linhas.get(21)).startsWith("10499999         000001000022");
        assertThat(r.bankCode()).isEqualTo("104");
        assertThat(r.layout()).isEqualTo("CNAB240");
        assertThat(r.generatedOn()).isEqualTo(LocalDate.of(2014, 1, 6));
        assertThat(r.sequence()).isEqualTo(1622);
        // Header read by eye with the SIGCB return layout (3.7): 33-52 zeros, agência 53-57 "01234"
        // with DV "2" at 58, código do beneficiário 59-64 "043210", 65-72 zeros; no account number.
        assertThat(linhas.get(0).substring(32, 72)).isEqualTo("00000000000000000000" + "01234" + "2" + "043210" + "0000000" + "0");
        assertThat(r.beneficiary()).isEqualTo(new Beneficiary("1234", null, "43210"));
        assertThat(r.rejections()).isEmpty();
        assertThat(r.events()).hasSize(9);

        PaymentEvent primeiro = r.events().get(0);
        assertThat(primeiro.movementCode()).isEqualTo("06");
        assertThat(primeiro.kind()).isEqualTo(MovementKind.SETTLED);
        assertThat(primeiro.nossoNumero()).isEqualTo("11136997");
        assertThat(primeiro.dueDate()).isEqualTo(LocalDate.of(2014, 1, 2));
        assertThat(primeiro.titleAmount()).isEqualByComparingTo("80.00");
        assertThat(primeiro.paidAmount()).isEqualByComparingTo("80.00");
        assertThat(primeiro.fee()).isEqualByComparingTo("1.25");
        assertThat(primeiro.netCredit()).isEqualByComparingTo("80.00");
        assertThat(primeiro.occurrenceDate()).isEqualTo(LocalDate.of(2014, 1, 6));
        assertThat(primeiro.creditDate()).isEqualTo(LocalDate.of(2014, 1, 7));
        assertThat(primeiro.reasonCodes()).containsExactly("02", "01", "01");
        assertThat(primeiro.line()).isEqualTo(3);
        assertThat(primeiro.titleAmount().scale()).isEqualTo(2);

        // The ERP's raw value of that title, as SOURCES.md lists it, gives the same key.
        assertThat(provider.canonicalNossoNumero("104", "11136997")).isEqualTo(primeiro.nossoNumero());
        assertThat(provider.canonicalNossoNumero("104", "000000011136997")).isEqualTo(primeiro.nossoNumero());
        assertThat(provider.canonicalNossoNumero("104", "24000000011136997-9")).isEqualTo(primeiro.nossoNumero());

        // Line 7-8 read by eye: 11137889, due 2014-01-10, value 80.00 paid 70.00 with 10.00 discount.
        PaymentEvent terceiro = r.events().get(2);
        assertThat(terceiro.nossoNumero()).isEqualTo("11137889");
        assertThat(terceiro.dueDate()).isEqualTo(LocalDate.of(2014, 1, 10));
        assertThat(terceiro.titleAmount()).isEqualByComparingTo("80.00");
        assertThat(terceiro.paidAmount()).isEqualByComparingTo("70.00");
        assertThat(terceiro.netCredit()).isEqualByComparingTo("70.00");
        assertThat(terceiro.line()).isEqualTo(7);

        // Line 17-18: 31999, value 480.00 paid 420.00; line 19-20: 30572 with fee 2.70 and reasons 04 01 01.
        PaymentEvent oitavo = r.events().get(7);
        assertThat(oitavo.nossoNumero()).isEqualTo("31999");
        assertThat(oitavo.titleAmount()).isEqualByComparingTo("480.00");
        assertThat(oitavo.paidAmount()).isEqualByComparingTo("420.00");
        PaymentEvent ultimo = r.events().get(8);
        assertThat(ultimo.nossoNumero()).isEqualTo("30572");
        assertThat(ultimo.fee()).isEqualByComparingTo("2.70");
        assertThat(ultimo.reasonCodes()).containsExactly("04", "01", "01");
        assertThat(r.events()).extracting(PaymentEvent::nossoNumero)
                .containsExactly("11136997", "11138197", "11137889", "11137125", "22247", "11136916", "11136898", "31999", "30572");
        assertThat(r.events()).allMatch(e -> e.bankCode().equals("104") && e.kind() == MovementKind.SETTLED);
    }

    @Test
    void bancoDoBrasilReturn() throws Exception {
        SourceFile file = Fixtures.amostra(SharedSamples.sample("cnab240/retorno-banco-do-brasil.ret"));
        assertThat(provider.recognizesReturn(file)).isTrue();
        ReturnFile r = provider.parseReturn(file);

        assertThat(r.bankCode()).isEqualTo("001");
        assertThat(r.generatedOn()).isEqualTo(LocalDate.of(2011, 3, 21));
        assertThat(r.sequence()).isEqualTo(257);
        // Header by eye: convênio 33-41 "003294860" (the prefix of its nosso números), 42-45 "0014",
        // carteira/variação 46-52 blank; agência 53-57 "00328" DV "6"; conta 59-70 "000000007536" DV "7".
        String header = java.nio.file.Files.readAllLines(file.path(), java.nio.charset.StandardCharsets.ISO_8859_1).get(0);
        assertThat(header.substring(32, 72)).isEqualTo("003294860" + "0014" + "       " + "00328" + "6" + "000000007536" + "7" + " ");
        assertThat(r.beneficiary()).isEqualTo(new Beneficiary("328", "7536", "3294860"));
        assertThat(r.rejections()).isEmpty();
        assertThat(r.events()).hasSize(5);

        // SOURCES.md: a title paid 40.00, net 35.00, fee 5.00, credit 2011-03-23 (the first, lines 3-4).
        PaymentEvent pago = r.events().stream().filter(e -> e.paidAmount().compareTo(new java.math.BigDecimal("40.00")) == 0)
                .findFirst().orElseThrow();
        assertThat(pago.netCredit()).isEqualByComparingTo("35.00");
        assertThat(pago.fee()).isEqualByComparingTo("5.00");
        assertThat(pago.creditDate()).isEqualTo(LocalDate.of(2011, 3, 23));
        assertThat(pago.occurrenceDate()).isEqualTo(LocalDate.of(2011, 3, 21));
        assertThat(pago.dueDate()).isEqualTo(LocalDate.of(2011, 3, 23));
        assertThat(pago.titleAmount()).isEqualByComparingTo("40.00");
        assertThat(pago.nossoNumero()).isEqualTo("32948600000000196");
        assertThat(pago.movementCode()).isEqualTo("06");
        assertThat(pago.seuNumero()).isNull();
        assertThat(pago.line()).isEqualTo(3);
        assertThat(provider.canonicalNossoNumero("001", "32948600000000196")).isEqualTo(pago.nossoNumero());

        // Lines 11-12 by eye: 32948600000005048, due 2011-04-01, 28.80 paid, 23.80 net.
        PaymentEvent ultimo = r.events().get(4);
        assertThat(ultimo.nossoNumero()).isEqualTo("32948600000005048");
        assertThat(ultimo.dueDate()).isEqualTo(LocalDate.of(2011, 4, 1));
        assertThat(ultimo.paidAmount()).isEqualByComparingTo("28.80");
        assertThat(ultimo.netCredit()).isEqualByComparingTo("23.80");
        assertThat(ultimo.line()).isEqualTo(11);
    }

    @Test
    void bradescoCnab400Return() throws Exception {
        SourceFile file = Fixtures.amostra(SharedSamples.sample("cnab400/retorno-bradesco.ret"));
        assertThat(provider.recognizesReturn(file)).isTrue();
        ReturnFile r = provider.parseReturn(file);

        assertThat(r.bankCode()).isEqualTo("237");
        assertThat(r.layout()).isEqualTo("CNAB400");
        assertThat(r.generatedOn()).isEqualTo(LocalDate.of(2012, 4, 11));
        // Header label by eye: código da empresa 27-46 "00000000000004466911"; the header has no
        // agência or conta (they are in the transactions' 21-37).
        String header = java.nio.file.Files.readAllLines(file.path(), java.nio.charset.StandardCharsets.ISO_8859_1).get(0);
        assertThat(header.substring(26, 46)).isEqualTo("00000000000004466911");
        assertThat(r.beneficiary()).isEqualTo(new Beneficiary(null, null, "4466911"));
        assertThat(r.rejections()).isEmpty();
        assertThat(r.events()).hasSize(7);

        // SOURCES.md: detail record code 06, paid 5.00, nosso numero 97. Positions 71-82 hold
        // "000000000097": nosso número 00000000009 and check digit 7 (carteira 09), so the canonical
        // form is "9"; the ERP's "000000000097" or "00000000009-7" gives the same.
        PaymentEvent liquidacao = r.events().get(1);
        assertThat(liquidacao.movementCode()).isEqualTo("06");
        assertThat(liquidacao.kind()).isEqualTo(MovementKind.SETTLED);
        assertThat(liquidacao.paidAmount()).isEqualByComparingTo("5.00");
        assertThat(liquidacao.nossoNumero()).isEqualTo("9");
        assertThat(provider.canonicalNossoNumero("237", "000000000097")).isEqualTo("9");
        assertThat(provider.canonicalNossoNumero("237", "00000000009-7")).isEqualTo("9");
        assertThat(provider.canonicalNossoNumero("237", "09/00000000009-7")).isEqualTo("9");
        assertThat(liquidacao.titleAmount()).isEqualByComparingTo("5.00");
        assertThat(liquidacao.dueDate()).isEqualTo(LocalDate.of(2012, 4, 12));
        assertThat(liquidacao.occurrenceDate()).isEqualTo(LocalDate.of(2012, 4, 11));
        assertThat(liquidacao.creditDate()).isEqualTo(LocalDate.of(2012, 4, 13));
        assertThat(liquidacao.seuNumero()).isEqualTo("15");
        assertThat(liquidacao.line()).isEqualTo(3);

        // Line 2 by eye: the same title's entry (02) with the 2.52 registration fee.
        PaymentEvent entrada = r.events().get(0);
        assertThat(entrada.kind()).isEqualTo(MovementKind.ENTRY_CONFIRMED);
        assertThat(entrada.fee()).isEqualByComparingTo("2.52");
        assertThat(entrada.nossoNumero()).isEqualTo("9");
        // Lines 4-8: code 17 (paid after write-off / not registered), 0.02 each, no due date.
        PaymentEvent posBaixa = r.events().get(2);
        assertThat(posBaixa.kind()).isEqualTo(MovementKind.SETTLED_AFTER_WRITE_OFF);
        assertThat(posBaixa.nossoNumero()).isEqualTo("18");
        assertThat(posBaixa.dueDate()).isNull();
        assertThat(posBaixa.paidAmount()).isEqualByComparingTo("0.02");
        assertThat(r.events()).extracting(PaymentEvent::nossoNumero).containsExactly("9", "9", "18", "19", "20", "21", "22");
    }
}
