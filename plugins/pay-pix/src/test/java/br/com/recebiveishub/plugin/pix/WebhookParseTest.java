package br.com.recebiveishub.plugin.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookParseTest {

    /** The OpenAPI's examples pixWebhook1 and pixWebhook2 (requestBodies.WebhookPixBody), as the PSP sends them. */
    static final String SPEC_EXAMPLE = """
            {"pix":[
              {"endToEndId":"E12345678202009091221kkkkkkkkkkk","txid":"c3e0e7a4e7f1469a9f782d3d4999343c","valor":"110.00",
               "horario":"2020-09-09T20:15:00.358Z","infoPagador":"0123456789",
               "devolucoes":{"id":"123ABC","rtrId":"D12345678202009091221abcdf098765","valor":"10.00",
                             "horario":{"solicitacao":"2020-09-09T20:15:00.358Z"},"status":"EM_PROCESSAMENTO"}},
              {"endToEndId":"E87654321202009091221dfghi123456","txid":"971122d8f37211eaadc10242ac120002","valor":"110.00",
               "horario":"2020-09-09T20:15:00.358Z","infoPagador":"0123456789"}
            ]}""";

    @Test
    void readsTheSpecExample() {
        List<PixRecebido> pix = PixApiClient.parseWebhook(SPEC_EXAMPLE.getBytes(StandardCharsets.UTF_8));
        assertThat(pix).hasSize(2);
        PixRecebido first = pix.get(0);
        assertThat(first.endToEndId()).isEqualTo("E12345678202009091221kkkkkkkkkkk");
        assertThat(first.txid()).isEqualTo("c3e0e7a4e7f1469a9f782d3d4999343c");
        assertThat(first.valor()).isEqualByComparingTo("110.00").hasScaleOf(2);
        assertThat(first.horario()).isEqualTo(Instant.parse("2020-09-09T20:15:00.358Z"));
        assertThat(first.devolucoes()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("123ABC");
            assertThat(d.valor()).isEqualByComparingTo("10.00");
            assertThat(d.status()).isEqualTo(Devolucao.Status.EM_PROCESSAMENTO);
        });
        assertThat(pix.get(1).devolucoes()).isEmpty();
        assertThat(first.toString()).doesNotContain("0123456789");
    }

    @Test
    void refusesWhatTheApiDoesNotAllowNamingTheItem() {
        assertThatThrownBy(() -> parse("{\"pix\":[{\"endToEndId\":\"E1\",\"valor\":\"1.00\",\"horario\":\"2020-09-09T20:15:00Z\"}]}"))
                .hasMessageContaining("pix[0]").hasMessageContaining("endToEndId");
        assertThatThrownBy(() -> parse(SPEC_EXAMPLE.replaceFirst("110\\.00", "110,00")))
                .hasMessageContaining("pix[0]").hasMessageContaining("valor");
        assertThatThrownBy(() -> parse("{\"pix\":{}}")).hasMessageContaining("\"pix\" array");
        assertThatThrownBy(() -> parse("not json")).hasMessageContaining("not JSON");
        assertThat(parse("{\"pix\":[]}")).isEmpty();
    }

    private static List<PixRecebido> parse(String s) {
        return PixApiClient.parseWebhook(s.getBytes(StandardCharsets.UTF_8));
    }
}
