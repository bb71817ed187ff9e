package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.ReturnFile;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import br.com.recebiveishub.testkit.SharedSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files: a bad record becomes a rejection naming line and field; a bad file is refused with a reason. */
class RobustezRetornoTest {

    private final BoletoProvider provider = new BoletoProvider();

    @TempDir
    Path dir;

    private List<String> caixa() throws Exception {
        String texto = Files.readString(SharedSamples.sample("cnab240/retorno-caixa-sigcb.ret"), StandardCharsets.ISO_8859_1);
        return new ArrayList<>(List.of(texto.split("\r\n")));
    }

    private ReturnFile parse(List<String> linhas, String separador) throws SourceFileException {
        return provider.parseReturn(arquivo(String.join(separador, linhas) + separador));
    }

    private SourceFile arquivo(String texto) {
        return Fixtures.arquivo(dir, "retorno.ret", texto.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String trocar(String linha, int de, String valor) {
        return linha.substring(0, de - 1) + valor + linha.substring(de - 1 + valor.length());
    }

    @Test
    void truncatedLineIsRejectedNamingLineAndFieldAndTheRestStillParses() throws Exception {
        List<String> linhas = caixa();
        linhas.set(4, linhas.get(4).substring(0, 90)); // line 5, segment T of the second title
        ReturnFile r = parse(linhas, "\r\n");
        assertThat(r.events()).hasSize(8);
        assertThat(r.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.line()).isEqualTo(5);
            assertThat(rej.record()).isEqualTo("segment T");
            assertThat(rej.field()).isEqualTo("valor do título");
            assertThat(rej.reason()).contains("truncated").contains("90 characters");
            assertThat(rej.file()).isEqualTo("retorno.ret");
        });
    }

    @Test
    void nonNumericAmountIsRejected() throws Exception {
        List<String> linhas = caixa();
        linhas.set(3, trocar(linhas.get(3), 78, "00000000000A000")); // line 4, U of the first title: valor pago
        ReturnFile r = parse(linhas, "\r\n");
        assertThat(r.events()).hasSize(8);
        RecordRejection rej = r.rejections().get(0);
        assertThat(rej.line()).isEqualTo(4);
        assertThat(rej.record()).isEqualTo("segment U");
        assertThat(rej.field()).isEqualTo("valor pago");
        assertThat(rej.reason()).contains("78-92").contains("digits");
    }

    @Test
    void badDateIsRejected() throws Exception {
        List<String> linhas = caixa();
        linhas.set(2, trocar(linhas.get(2), 74, "31022014")); // line 3, T: due date 31/02
        ReturnFile r = parse(linhas, "\r\n");
        assertThat(r.events()).hasSize(8);
        assertThat(r.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.line()).isEqualTo(3);
            assertThat(rej.field()).isEqualTo("vencimento");
            assertThat(rej.reason()).contains("31022014").contains("not a valid date");
        });
        // The U of the rejected title is not reported twice, and the next title is intact.
        assertThat(r.events().get(0).nossoNumero()).isEqualTo("11138197");
    }

    @Test
    void wrongNossoNumeroCheckDigitIsRejected() throws Exception {
        List<String> linhas = caixa();
        linhas.set(2, trocar(linhas.get(2), 57, "8"));
        ReturnFile r = parse(linhas, "\r\n");
        assertThat(r.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.field()).isEqualTo("nosso número");
            assertThat(rej.reason()).contains("check digit");
        });
    }

    @Test
    void lfEndingsAndStrippedTrailingBlanksAreRead() throws Exception {
        List<String> linhas = caixa().stream().map(String::stripTrailing).toList();
        ReturnFile r = parse(linhas, "\n");
        assertThat(r.rejections()).isEmpty();
        assertThat(r.events()).hasSize(9);
        assertThat(r.events().get(0).nossoNumero()).isEqualTo("11136997");
    }

    @Test
    void wrongBankCodeInHeaderRefusesTheFile() throws Exception {
        List<String> linhas = caixa();
        linhas.set(0, trocar(linhas.get(0), 1, "341"));
        assertThatThrownBy(() -> parse(linhas, "\r\n")).isInstanceOfSatisfying(SourceFileException.class, e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.field()).isEqualTo("banco");
            assertThat(e.reason()).contains("341").contains("not supported");
        });
    }

    @Test
    void detailOfAnotherBankIsRejected() throws Exception {
        List<String> linhas = caixa();
        linhas.set(2, trocar(linhas.get(2), 1, "001"));
        ReturnFile r = parse(linhas, "\r\n");
        assertThat(r.events()).hasSize(8);
        assertThat(r.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.line()).isEqualTo(3);
            assertThat(rej.field()).isEqualTo("banco");
        });
    }

    @Test
    void emptyFileIsRefused() {
        assertThatThrownBy(() -> provider.parseReturn(arquivo(""))).isInstanceOfSatisfying(SourceFileException.class,
                e -> assertThat(e.reason()).isEqualTo("the file is empty"));
        assertThatThrownBy(() -> provider.parseReturn(arquivo("\r\n  \r\n"))).isInstanceOfSatisfying(SourceFileException.class,
                e -> assertThat(e.reason()).isEqualTo("the file is empty"));
        assertThat(provider.recognizesReturn(arquivo(""))).isFalse();
    }

    @Test
    void binaryGarbageIsRefused() throws Exception {
        byte[] lixo = new byte[4096];
        new Random(42).nextBytes(lixo);
        SourceFile file = Fixtures.arquivo(dir, "lixo.ret", lixo);
        assertThat(provider.recognizesReturn(file)).isFalse();
        assertThatThrownBy(() -> provider.parseReturn(file)).isInstanceOfSatisfying(SourceFileException.class,
                e -> assertThat(e.reason()).startsWith("binary content"));
    }

    @Test
    void textThatIsNotCnabIsRefused() {
        SourceFile csv = arquivo("nosso_numero;valor\n11136997;80,00\n");
        assertThat(provider.recognizesReturn(csv)).isFalse();
        assertThatThrownBy(() -> provider.parseReturn(csv)).isInstanceOfSatisfying(SourceFileException.class, e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.reason()).contains("not a CNAB 240 file header");
        });
    }

    @Test
    void remessaIsNotAReturn() throws Exception {
        SourceFile remessa = Fixtures.amostra(SharedSamples.sample("cnab240/remessa-caixa.rem"));
        assertThat(provider.recognizesReturn(remessa)).isFalse();
        assertThatThrownBy(() -> provider.parseReturn(remessa)).isInstanceOfSatisfying(SourceFileException.class,
                e -> assertThat(e.reason()).contains("remessa"));
    }

    @Test
    void missingTrailerOrWrongCountsRefuseTheFile() throws Exception {
        List<String> semTrailer = caixa();
        semTrailer.remove(semTrailer.size() - 1);
        assertThatThrownBy(() -> parse(semTrailer, "\r\n")).isInstanceOfSatisfying(SourceFileException.class,
                e -> assertThat(e.reason()).contains("truncated"));

        List<String> semUmaLinha = caixa();
        semUmaLinha.remove(5);
        assertThatThrownBy(() -> parse(semUmaLinha, "\r\n")).isInstanceOfSatisfying(SourceFileException.class, e -> {
            assertThat(e.field()).isEqualTo("quantidade de registros do lote");
            assertThat(e.reason()).contains("says 20").contains("has 19");
        });

        List<String> depoisDoTrailer = caixa();
        depoisDoTrailer.add(depoisDoTrailer.get(2));
        assertThatThrownBy(() -> parse(depoisDoTrailer, "\r\n")).isInstanceOfSatisfying(SourceFileException.class,
                e -> assertThat(e.reason()).contains("after the file trailer"));
    }

    @Test
    void bradescoCnab400DamagedRecord() throws Exception {
        String texto = Files.readString(SharedSamples.sample("cnab400/retorno-bradesco.ret"), StandardCharsets.ISO_8859_1);
        List<String> linhas = new ArrayList<>(List.of(texto.split("\r\n")));
        linhas.set(2, trocar(linhas.get(2), 254, "00000000005X0"));
        ReturnFile r = parse(linhas, "\r\n");
        assertThat(r.events()).hasSize(6);
        assertThat(r.rejections()).singleElement().satisfies(rej -> {
            assertThat(rej.line()).isEqualTo(3);
            assertThat(rej.field()).isEqualTo("valor pago");
        });
        List<String> outroBanco = new ArrayList<>(List.of(texto.split("\r\n")));
        outroBanco.set(0, trocar(outroBanco.get(0), 77, "341"));
        assertThatThrownBy(() -> parse(outroBanco, "\r\n")).isInstanceOfSatisfying(SourceFileException.class,
                e -> assertThat(e.reason()).contains("341").contains("only Bradesco"));
    }

    @Test
    void recognisesOnlyReturnsOfSupportedBanks() throws Exception {
        assertThat(provider.recognizesReturn(Fixtures.amostra(SharedSamples.sample("cnab240/retorno-banco-do-brasil.ret")))).isTrue();
        assertThat(provider.recognizesReturn(Fixtures.amostra(SharedSamples.sample("cnab400/retorno-bradesco.ret")))).isTrue();
        List<String> itau = caixa();
        itau.set(0, trocar(itau.get(0), 1, "341"));
        assertThat(provider.recognizesReturn(arquivo(String.join("\r\n", itau)))).isFalse();
        assertThat(provider.recognizesReturn(Fixtures.amostra(SharedSamples.sample("ofx/extrato-banco-do-brasil.ofx")))).isFalse();
    }

    @Test
    void headerThatIdentifiesNoBeneficiaryRefusesTheFile() throws Exception {
        // Without a readable beneficiary the hub cannot tell whose return this is: nothing is applied.
        List<String> zerado = caixa();
        zerado.set(0, trocar(zerado.get(0), 59, "000000"));
        assertThatThrownBy(() -> parse(zerado, "\r\n")).isInstanceOfSatisfying(SourceFileException.class, e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.field()).isEqualTo("código do beneficiário");
            assertThat(e.reason()).contains("59-64").contains("zero");
        });
        List<String> letras = caixa();
        letras.set(0, trocar(letras.get(0), 53, "0A234"));
        assertThatThrownBy(() -> parse(letras, "\r\n")).isInstanceOfSatisfying(SourceFileException.class, e -> {
            assertThat(e.field()).isEqualTo("agência");
            assertThat(e.reason()).contains("53-57").contains("digits");
        });
        List<String> cortado = caixa();
        cortado.set(0, cortado.get(0).substring(0, 60));
        assertThatThrownBy(() -> parse(cortado, "\r\n")).isInstanceOf(SourceFileException.class);

        String texto = Files.readString(SharedSamples.sample("cnab400/retorno-bradesco.ret"), StandardCharsets.ISO_8859_1);
        List<String> bradesco = new ArrayList<>(List.of(texto.split("\r\n")));
        bradesco.set(0, trocar(bradesco.get(0), 27, " ".repeat(20)));
        assertThatThrownBy(() -> parse(bradesco, "\r\n")).isInstanceOfSatisfying(SourceFileException.class, e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.field()).isEqualTo("código da empresa");
        });
    }
}
