package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.Remessa;
import br.com.recebiveishub.sdk.model.RemessaItem;
import br.com.recebiveishub.testkit.SharedSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The remessa writer, and its positions checked against the real remessas with the same reader. */
class RemessaCnab240Test {

    private final BoletoProvider provider = new BoletoProvider();

    @Test
    void readsTheRealCaixaRemessaWithOurLayout() throws Exception {
        List<LeitorRemessaCnab240.Titulo> titulos = LeitorRemessaCnab240.ler("remessa-caixa.rem",
                Files.readAllBytes(SharedSamples.sample("cnab240/remessa-caixa.rem")));
        assertThat(titulos).hasSize(1);
        LeitorRemessaCnab240.Titulo t = titulos.get(0);
        // Read by eye from line 3 (P), 4 (Q) and 5 (R): 14 + 000000000000123, seu número 00000006969,
        // due 2015-07-14, R$ 199,90; payer CPF type 1, PABLO DIEGO..., CEP 12345-678, SP; fine code 2 from 2015-07-15.
        assertThat(t.nossoNumero()).isEqualTo("123");
        assertThat(t.seuNumero()).isEqualTo("00000006969");
        assertThat(t.vencimento()).isEqualTo(LocalDate.of(2015, 7, 14));
        assertThat(t.valor()).isEqualByComparingTo("199.90");
        assertThat(t.emissao()).isEqualTo(LocalDate.of(2015, 7, 14));
        assertThat(t.tipoInscricao()).isEqualTo('1');
        assertThat(t.inscricao()).isEqualTo("000012345678901");
        assertThat(t.nome()).isEqualTo("PABLO DIEGO JOSE FRANCISCO DE PAULA JUAN");
        assertThat(t.cep()).isEqualTo("12345678");
        assertThat(t.uf()).isEqualTo("SP");
        assertThat(t.codigoMulta()).isEqualTo('2');
        assertThat(t.dataMulta()).isEqualTo(LocalDate.of(2015, 7, 15));
        assertThat(t.linhaP()).isEqualTo(3);
    }

    @Test
    void readsTheRealBancoDoBrasilRemessaWithOurLayout() throws Exception {
        List<LeitorRemessaCnab240.Titulo> titulos = LeitorRemessaCnab240.ler("remessa-banco-do-brasil.rem",
                Files.readAllBytes(SharedSamples.sample("cnab240/remessa-banco-do-brasil.rem")));
        assertThat(titulos).hasSize(1);
        LeitorRemessaCnab240.Titulo t = titulos.get(0);
        // Line 3: nosso número 1234567 0000000123 (convênio 7), seu número 000000000006969, 2015-07-14, R$ 199,90.
        assertThat(t.nossoNumero()).isEqualTo("12345670000000123");
        assertThat(t.seuNumero()).isEqualTo("000000000006969");
        assertThat(t.vencimento()).isEqualTo(LocalDate.of(2015, 7, 14));
        assertThat(t.valor()).isEqualByComparingTo("199.90");
        assertThat(t.codigoJuros()).isEqualTo('3');
        assertThat(t.cidade()).isEqualTo("SANTA RITA DE C");
        assertThat(t.codigoMulta()).isEqualTo('0');
    }

    @ParameterizedTest
    @ValueSource(strings = {"104", "001", "237"})
    void writesFixedWidthCrlfLinesInTheRealFilesPositions(String banco) throws Exception {
        BankAccount conta = Fixtures.conta(banco);
        ChargeRequest pedido = Fixtures.pedido(123, LocalDate.of(2026, 3, 10), "199.90");
        IssuedCharge charge = provider.issue(conta, pedido);
        Remessa remessa = provider.buildRemessa(conta, 7, LocalDateTime.of(2026, 2, 1, 16, 15, 15), List.of(new RemessaItem(pedido, charge)));

        String texto = new String(remessa.content(), StandardCharsets.ISO_8859_1);
        assertThat(texto).endsWith("\r\n");
        String[] linhas = texto.split("\r\n");
        assertThat(linhas).hasSize(7);
        assertThat(linhas).allSatisfy(l -> assertThat(l).hasSize(240).startsWith(banco));
        assertThat(remessa.titles()).isEqualTo(1);
        assertThat(remessa.fileName()).isEqualTo("CNAB240_" + banco + "_20260201_000007.rem");
        // Record types and segments where the real remessas have them.
        assertThat(linhas[0].substring(3, 8)).isEqualTo("00000");
        assertThat(linhas[0].charAt(142)).isEqualTo('1');
        assertThat(linhas[0].substring(143, 163)).isEqualTo("01022026161515000007");
        assertThat(linhas[1].substring(3, 9)).isEqualTo("00011R");
        assertThat(linhas[2].substring(7, 17)).isEqualTo("300001P 01");
        assertThat(linhas[3].substring(7, 17)).isEqualTo("300002Q 01");
        assertThat(linhas[4].substring(7, 17)).isEqualTo("300003R 01");
        assertThat(linhas[5].substring(3, 23)).isEqualTo("00015         000005");
        assertThat(linhas[6].substring(3, 29)).isEqualTo("99999         000001000007");
        // P: due date, amount, issue date, interest 1.00 % a month from the next day; R: fine 2.00 % from the next day.
        assertThat(linhas[2].substring(77, 100)).isEqualTo("10032026" + "000000000019990");
        assertThat(linhas[2].substring(109, 141)).isEqualTo("08022026" + "2" + "11032026" + "000000000000100");
        assertThat(linhas[4].substring(65, 89)).isEqualTo("2" + "11032026" + "000000000000200");
        // Q: payer CPF, name without accents, CEP split, UF.
        assertThat(linhas[3].substring(17, 33)).isEqualTo("1000052998224725");
        assertThat(linhas[3].substring(33, 73).strip()).isEqualTo("JOSE DA SILVA ARAUJO");
        assertThat(linhas[3].substring(73, 113).strip()).isEqualTo("RUA DAS FLORES, 100 SALA 2");
        assertThat(linhas[3].substring(128, 153)).isEqualTo("01001000SAO PAULO      SP");

        LeitorRemessaCnab240.Titulo lido = LeitorRemessaCnab240.ler(remessa.fileName(), remessa.content()).get(0);
        assertThat(lido.nossoNumero()).isEqualTo(charge.nossoNumero());
    }

    @Test
    void caixaSpecificPositions() {
        BankAccount conta = Fixtures.caixa();
        ChargeRequest pedido = Fixtures.pedido(123, LocalDate.of(2026, 3, 10), "199.90");
        Remessa remessa = provider.buildRemessa(conta, 1, LocalDateTime.of(2026, 2, 1, 0, 0), List.of(new RemessaItem(pedido, provider.issue(conta, pedido))));
        String[] linhas = new String(remessa.content(), StandardCharsets.ISO_8859_1).split("\r\n");
        // As in the real Caixa remessa: header 53-72 agência, DV, beneficiary code, zeros; P 24-57 beneficiary, zeros, 14 + nosso número.
        assertThat(linhas[0].substring(52, 72)).isEqualTo("01234" + "0" + "005507" + "00000000");
        assertThat(linhas[1].substring(33, 53)).isEqualTo("005507" + "00000000000000");
        assertThat(linhas[2].substring(17, 57)).isEqualTo("01234" + "0" + "005507" + "00000000000" + "14" + "000000000000123");
        assertThat(linhas[2].substring(62, 77)).isEqualTo("NF123-1        ");
    }

    @Test
    void aCancellationIsAPSegmentWithMovement02AndNothingElse() {
        BankAccount conta = Fixtures.caixa();
        ChargeRequest novo = Fixtures.pedido(123, LocalDate.of(2026, 3, 10), "199.90");
        ChargeRequest antigo = Fixtures.pedido(77, LocalDate.of(2026, 2, 20), "50.00");
        Remessa remessa = provider.buildRemessa(conta, 2, LocalDateTime.of(2026, 2, 1, 0, 0), List.of(
                new RemessaItem(novo, provider.issue(conta, novo)),
                new RemessaItem(antigo, provider.issue(conta, antigo), RemessaItem.Instruction.CANCEL)));
        String[] linhas = new String(remessa.content(), StandardCharsets.ISO_8859_1).split("\r\n");
        // header, batch header, P Q R of the entry, P of the cancellation, batch trailer, file trailer
        assertThat(linhas).hasSize(8);
        assertThat(linhas).allSatisfy(l -> assertThat(l).hasSize(240));
        assertThat(linhas[2].charAt(13)).isEqualTo('P');
        assertThat(linhas[2].substring(15, 17)).isEqualTo("01");
        assertThat(linhas[5].charAt(13)).isEqualTo('P');
        assertThat(linhas[5].substring(15, 17)).as("código de movimento: pedido de baixa").isEqualTo("02");
        assertThat(linhas[5].substring(8, 13)).as("record number in the batch").isEqualTo("00004");
        assertThat(linhas[5].substring(17, 57)).isEqualTo("01234" + "0" + "005507" + "00000000000" + "14" + "000000000000077");
        assertThat(linhas[6].substring(17, 23)).as("records in the batch: header, 4 details, trailer").isEqualTo("000006");
        assertThat(linhas[7].substring(23, 29)).as("records in the file").isEqualTo("000008");
        assertThat(remessa.titles()).isEqualTo(2);
    }

    @Test
    void refusesAChargeOfAnotherBank() {
        ChargeRequest pedido = Fixtures.pedido(1, LocalDate.of(2026, 3, 10), "10.00");
        IssuedCharge bb = provider.issue(Fixtures.bancoDoBrasil(), pedido);
        assertThatThrownBy(() -> provider.buildRemessa(Fixtures.caixa(), 1, LocalDateTime.now(), List.of(new RemessaItem(pedido, bb))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 1").hasMessageContaining("bank 001");
    }
}
