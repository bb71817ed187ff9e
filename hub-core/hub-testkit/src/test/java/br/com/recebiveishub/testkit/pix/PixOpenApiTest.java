package br.com.recebiveishub.testkit.pix;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.testkit.SharedSamples;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each erratum exists because the published document refuses valid traffic (or accepts invalid). */
class PixOpenApiTest {

    static PixOpenApi published;
    static PixOpenApi corrected;

    @BeforeAll
    static void load() {
        Path yaml = SharedSamples.require("specs/bacen-api-pix-openapi.yaml");
        published = PixOpenApi.load(yaml, false);
        corrected = PixOpenApi.load(yaml, true);
    }

    @Test
    void listsTheErrataApplied() {
        assertThat(published.errata()).isEmpty();
        assertThat(corrected.errata()).hasSize(6)
                .anyMatch(e -> e.startsWith("DadosRecebedor"))
                .anyMatch(e -> e.startsWith("CobVValor.desconto"))
                .anyMatch(e -> e.startsWith("Pix.txid"));
    }

    @Test
    void cpfPatternWrittenAsARegexLiteral() {
        String debtor = "{\"cpf\":\"52998224725\",\"nome\":\"Fulano de Tal\"}";
        assertThat(published.validate("PessoaFisica", debtor)).isNotEmpty();
        assertThat(corrected.validate("PessoaFisica", debtor)).isEmpty();
        assertThat(corrected.validate("PessoaFisica", "{\"cpf\":\"5299822472\",\"nome\":\"X\"}")).isNotEmpty();
    }

    @Test
    void patternsAreAnchored() {
        String threeDecimals = "{\"original\":\"1.234\"}";
        assertThat(published.validate("CobValor", threeDecimals)).isEmpty();
        assertThat(corrected.validate("CobValor", threeDecimals)).isNotEmpty();
        assertThat(corrected.validate("CobValor", "{\"original\":\"12,00\"}")).isNotEmpty();
        assertThat(corrected.validate("CobValor", "{\"original\":\"12.00\"}")).isEmpty();
        assertThat(corrected.validate("TxId", "\"" + "a".repeat(36) + "\"")).isNotEmpty();
        assertThat(corrected.validate("TxId", "\"" + "a".repeat(35) + "\"")).isEmpty();
    }

    @Test
    void receiverAddressRequiredWhereItIs() {
        String recebedor = "{\"recebedor\":{\"cnpj\":\"11222333000181\",\"nome\":\"Empresa\",\"logradouro\":\"Rua 1\","
                + "\"cidade\":\"Sao Paulo\",\"uf\":\"SP\",\"cep\":\"01001000\"}}";
        assertThat(published.validate("DadosRecebedor", recebedor)).isNotEmpty();
        assertThat(corrected.validate("DadosRecebedor", recebedor)).isEmpty();
        assertThat(corrected.validate("DadosRecebedor", "{\"recebedor\":{\"cnpj\":\"11222333000181\",\"nome\":\"E\"}}")).isNotEmpty();
    }

    @Test
    void discountPerDayMatchesOneBranchOnly() {
        String perDay = "{\"original\":\"100.00\",\"desconto\":{\"modalidade\":3,\"valorPerc\":\"0.50\"}}";
        String dated = "{\"original\":\"100.00\",\"desconto\":{\"modalidade\":1,\"descontoDataFixa\":[{\"data\":\"2030-01-01\",\"valorPerc\":\"1.00\"}]}}";
        assertThat(published.validate("CobVValor", perDay)).isNotEmpty();
        assertThat(corrected.validate("CobVValor", perDay)).isEmpty();
        assertThat(published.validate("CobVValor", dated)).isEmpty();
        assertThat(corrected.validate("CobVValor", dated)).isEmpty();
    }

    @Test
    void pixOfAStaticCodeKeepsItsShortTxid() {
        // txid of shared/samples/pix/brcode-valid.txt's last payload (22 characters)
        String pix = "{\"endToEndId\":\"E12345678202009091221kkkkkkkkkkk\",\"txid\":\"1111111111111111111111\","
                + "\"valor\":\"0.01\",\"horario\":\"2020-09-09T20:15:00.358Z\"}";
        assertThat(published.validate("Pix", pix)).isNotEmpty();
        assertThat(corrected.validate("Pix", pix)).isEmpty();
        assertThat(corrected.validate("Pix", pix.replace("1111111111111111111111", "1111-1111"))).isNotEmpty();
    }

    @Test
    void locationsCarryNoScheme() {
        String loc = "{\"id\":7,\"location\":\"pix.example.com/qr/v2/9d36b84fc70b478fb95c12729b90ca25\",\"tipoCob\":\"cob\","
                + "\"criacao\":\"2020-09-09T20:15:00.358Z\"}";
        assertThat(corrected.validate("PayloadLocation", loc)).isEmpty();
        assertThat(published.validate("PayloadLocation", loc)).anyMatch(v -> v.contains("uri"));
    }

    @Test
    void theSimulatorsBrCodeHasTheBancoCentralShape() {
        // same fields and CRC rule as shared/samples/pix/brcode-valid.txt's dynamic payloads
        String code = PixPspSimulator.dynamicBrCode("exemplodeurl.com.br/pix/v2/11111111-1111-1111-1111-111111111111", "0.01");
        assertThat(code).startsWith("000201010212268500").contains("0014br.gov.bcb.pix")
                .contains("2563exemplodeurl.com.br/pix/v2/11111111-1111-1111-1111-111111111111")
                .contains("52040000530398654040.015802BR").contains("62070503***6304").hasSize(code.indexOf("6304") + 8);
    }
}
