package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.model.BoletoSlip;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.testkit.SharedSamples;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The payer's boleto PDF read back as a payer's bank app would read it: the page rasterised with
 * PDFBox, the barcode and the QR decoded with ZXing, the text extracted. Expected values come from
 * shared/samples (boleto/vectors.tsv, pix/brcode-valid.txt), never from the renderer.
 */
class BoletoPdfRendererTest {

    static final Documento CNPJ = Documento.cnpj("11.222.333/0001-81");
    static final Endereco ENDERECO_CREDOR = new Endereco("Avenida Paulista", "1000", "Conjunto 12", "Bela Vista",
            "São Paulo", "SP", "01310100");
    static final BoletoSlip.Party CREDOR = new BoletoSlip.Party("Cobranças Exemplo Ltda", CNPJ, ENDERECO_CREDOR);
    static final BoletoSlip.Party PAGADOR = new BoletoSlip.Party("José da Silva Araújo", Documento.cpf("52998224725"),
            new Endereco("Rua das Flores", "100", null, "Centro", "Campinas", "SP", "13010000"));

    private final BoletoPdfRenderer renderer = new BoletoPdfRenderer();

    record Vetor(String barcode, String linha, String fonte) {
        String banco() {
            return barcode.substring(0, 3);
        }
    }

    static List<Vetor> vetores() throws IOException {
        return Files.readAllLines(SharedSamples.sample("boleto/vectors.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t"))
                .map(c -> new Vetor(c[0], c[1], c[2]))
                .toList();
    }

    static Stream<Vetor> vetoresImpressos() throws IOException {
        return vetores().stream().filter(v -> List.of("104", "001", "237").contains(v.banco()));
    }

    static List<String> brCodes() throws IOException {
        return Files.readAllLines(SharedSamples.sample("pix/brcode-valid.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }

    /** Amount and due date read from the barcode's digits by the FEBRABAN definition (positions 10-19 and 6-9). */
    static BigDecimal valorDoCodigo(String barcode) {
        return new BigDecimal(barcode.substring(9, 19)).movePointLeft(2);
    }

    static LocalDate vencimentoDoCodigo(String barcode) {
        // All the vectors predate the 2025 restart: the factor is the days since 1997-10-07.
        return LocalDate.of(1997, 10, 7).plusDays(Integer.parseInt(barcode.substring(5, 9)));
    }

    static BoletoSlip slip(Vetor v, String brCode) {
        return new BoletoSlip(v.banco(), v.linha(), v.barcode(), "14/000000000000019-5", "1234/005507-7", "NF 123-1",
                vencimentoDoCodigo(v.barcode()).minusDays(10), vencimentoDoCodigo(v.barcode()), valorDoCodigo(v.barcode()),
                CREDOR, PAGADOR, List.of("Não receber após 30 dias do vencimento.", "Protesto: não protestar."),
                "Até o vencimento: desconto de R$ 1,00", "Após o vencimento: multa de 2,00%", "Juros de mora de 1,00% ao mês",
                brCode);
    }

    @ParameterizedTest
    @MethodSource("vetoresImpressos")
    void theBarcodeDrawnDecodesToTheVectorsBarcode(Vetor v) throws Exception {
        byte[] pdf = renderer.renderBoletoPdf(slip(v, null));

        BufferedImage pagina = rasterizar(pdf);
        Result r = decodificar(pagina, BarcodeFormat.ITF, Map.of(DecodeHintType.ALLOWED_LENGTHS, new int[] {44}));
        assertThat(r.getText()).as(v.fonte()).isEqualTo(v.barcode());
    }

    @ParameterizedTest
    @MethodSource("vetoresImpressos")
    void theTextCarriesTheLinhaDigitavelAndTheCreditorRequiredByCdc42A(Vetor v) throws Exception {
        String texto = texto(renderer.renderBoletoPdf(slip(v, null)));

        assertThat(texto).as(v.fonte()).contains(v.linha());
        assertThat(texto).contains("Cobranças Exemplo Ltda").contains("11.222.333/0001-81");
        assertThat(texto).contains("Avenida Paulista, 1000, Conjunto 12 - Bela Vista - São Paulo/SP - CEP 01310-100");
        assertThat(texto).contains("José da Silva Araújo").contains("529.982.247-25");
        assertThat(texto).contains("Recibo do Pagador").contains("FICHA DE COMPENSAÇÃO");
        assertThat(texto).contains("Após o vencimento: multa de 2,00%").contains("Juros de mora de 1,00% ao mês");
        assertThat(texto).contains(BoletoPdfRenderer.moeda(valorDoCodigo(v.barcode())));
    }

    @Test
    void caixaSlipShowsBankCodeDueDateAndAmountAsTheManualGivesThem() throws Exception {
        // Caixa SIGCB manual row of vectors.tsv: due 2006-08-23, R$ 321,12.
        Vetor caixa = vetores().stream().filter(v -> v.banco().equals("104")).findFirst().orElseThrow();
        assertThat(caixa.fonte()).contains("2006-08-23").contains("321,12");
        String texto = texto(renderer.renderBoletoPdf(slip(caixa, null)));
        assertThat(texto).contains("104-0").contains("23/08/2006").contains("R$ 321,12");
    }

    @Test
    void hybridBoletoCarriesThePixQrDecodableFromThePage() throws Exception {
        Vetor v = vetoresImpressos().findFirst().orElseThrow();
        for (String brCode : brCodes()) {
            byte[] pdf = renderer.renderBoletoPdf(slip(v, brCode));
            BufferedImage pagina = rasterizar(pdf);
            Result qr = decodificar(pagina, BarcodeFormat.QR_CODE, Map.of());
            assertThat(qr.getText()).isEqualTo(brCode);
            assertThat(qr.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL)).isEqualTo("M");
            // The barcode is still there and readable next to the QR.
            Result barras = decodificar(pagina, BarcodeFormat.ITF, Map.of(DecodeHintType.ALLOWED_LENGTHS, new int[] {44}));
            assertThat(barras.getText()).isEqualTo(v.barcode());
            assertThat(texto(pdf)).contains("Pague com Pix");
        }
        // Left in target/ for a person to look at (not an input of any test).
        java.nio.file.Path preview = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "boleto-preview"));
        byte[] pdf = renderer.renderBoletoPdf(slip(v, brCodes().get(0)));
        Files.write(preview.resolve("boleto-hibrido.pdf"), pdf);
        ImageIO.write(rasterizar(pdf), "png", preview.resolve("boleto-hibrido.png").toFile());
    }

    @Test
    void pixQrPngDecodesToTheBrCodeWithLevelMAndAQuietZone() throws Exception {
        PixQrPngRenderer png = new PixQrPngRenderer();
        for (String brCode : brCodes()) {
            byte[] bytes = png.renderPng(brCode, 300);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(img.getWidth()).isGreaterThanOrEqualTo(300).isEqualTo(img.getHeight());
            Result r = decodificar(img, BarcodeFormat.QR_CODE, Map.of());
            assertThat(r.getText()).isEqualTo(brCode);
            assertThat(r.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL)).isEqualTo("M");
            // Quiet zone: four modules of white on every side. The symbol spans the image minus 8 modules.
            int modulos = PixQrCode.de(brCode).modulosComZona();
            int escala = img.getWidth() / modulos;
            assertThat(img.getWidth() % modulos).isZero();
            for (int i = 0; i < 4 * escala; i++) {
                for (int j = 0; j < img.getWidth(); j++) {
                    assertThat(img.getRGB(j, i) & 0xFFFFFF).as("top row %d", i).isEqualTo(0xFFFFFF);
                    assertThat(img.getRGB(i, j) & 0xFFFFFF).as("left column %d", i).isEqualTo(0xFFFFFF);
                    assertThat(img.getRGB(j, img.getHeight() - 1 - i) & 0xFFFFFF).isEqualTo(0xFFFFFF);
                    assertThat(img.getRGB(img.getWidth() - 1 - i, j) & 0xFFFFFF).isEqualTo(0xFFFFFF);
                }
            }
            // The finder pattern's corner module right after the quiet zone is dark.
            assertThat(img.getRGB(4 * escala, 4 * escala) & 0xFFFFFF).isZero();
        }
    }

    @Test
    void brCodeWithAWrongCrcIsRefused() throws IOException {
        String valido = brCodes().get(0);
        String errado = valido.substring(0, valido.length() - 4) + (valido.endsWith("0000") ? "0001" : "0000");
        assertThatThrownBy(() -> new PixQrPngRenderer().renderPng(errado, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CRC");
        Vetor v = vetoresImpressos().findFirst().orElseThrow();
        assertThatThrownBy(() -> renderer.renderBoletoPdf(slip(v, errado))).hasMessageContaining("CRC");
        // The CRC of the Banco Central example, as the file gives it (last four characters).
        assertThat(PixQrCode.crc16(valido.substring(0, valido.length() - 4))).isEqualTo(valido.substring(valido.length() - 4));
    }

    @Test
    void refusesASlipWhoseLinhaIsNotTheBarcodes() throws IOException {
        List<Vetor> vs = vetoresImpressos().toList();
        Vetor a = vs.get(0);
        Vetor b = vs.get(1);
        BoletoSlip s = slip(a, null);
        BoletoSlip trocado = new BoletoSlip(s.bankCode(), b.linha(), s.barcode(), s.nossoNumero(), s.beneficiaryCode(),
                s.documentNumber(), s.issueDate(), s.dueDate(), s.amount(), s.creditor(), s.payer(), s.instructions(),
                s.discountText(), s.fineText(), s.interestText(), null);
        assertThatThrownBy(() -> renderer.renderBoletoPdf(trocado)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linhaDigitavel");
    }

    @Test
    void refusesASlipWithoutTheCreditorsAddressOrDocument() throws IOException {
        BoletoSlip s = slip(vetoresImpressos().findFirst().orElseThrow(), null);
        BoletoSlip semEndereco = comCredor(s, new BoletoSlip.Party("Cobranças Exemplo Ltda", CNPJ, null));
        assertThatThrownBy(() -> renderer.renderBoletoPdf(semEndereco)).hasMessageContaining("creditor.address")
                .hasMessageContaining("42-A");
        BoletoSlip semDocumento = comCredor(s, new BoletoSlip.Party("Cobranças Exemplo Ltda", null, ENDERECO_CREDOR));
        assertThatThrownBy(() -> renderer.renderBoletoPdf(semDocumento)).hasMessageContaining("creditor.document");
        BoletoSlip semNome = comCredor(s, new BoletoSlip.Party(" ", CNPJ, ENDERECO_CREDOR));
        assertThatThrownBy(() -> renderer.renderBoletoPdf(semNome)).hasMessageContaining("creditor.name");
    }

    @Test
    void refusesAnAmountOrDueDateOtherThanTheBarcodes() throws IOException {
        BoletoSlip s = slip(vetoresImpressos().findFirst().orElseThrow(), null);
        BoletoSlip outroValor = new BoletoSlip(s.bankCode(), s.linhaDigitavel(), s.barcode(), s.nossoNumero(), null, null, null,
                s.dueDate(), s.amount().add(BigDecimal.ONE), s.creditor(), s.payer(), null, null, null, null, null);
        assertThatThrownBy(() -> renderer.renderBoletoPdf(outroValor)).hasMessageContaining("amount");
        BoletoSlip outraData = new BoletoSlip(s.bankCode(), s.linhaDigitavel(), s.barcode(), s.nossoNumero(), null, null, null,
                s.dueDate().plusDays(1), s.amount(), s.creditor(), s.payer(), null, null, null, null, null);
        assertThatThrownBy(() -> renderer.renderBoletoPdf(outraData)).hasMessageContaining("dueDate");
    }

    @Test
    void refusesABankItDoesNotPrint() throws IOException {
        Vetor itau = vetores().stream().filter(v -> v.banco().equals("341")).findFirst().orElseThrow();
        assertThatThrownBy(() -> renderer.renderBoletoPdf(slip(itau, null))).hasMessageContaining("bankCode 341");
        assertThat(renderer.supportedBanks()).containsExactlyInAnyOrder("104", "001", "237");
    }

    @Test
    void bankCodesArePrintedWithTheirCheckDigit() {
        // As printed on the banks' own slips.
        assertThat(BoletoPdfRenderer.codigoBancoComDv("104")).isEqualTo("104-0");
        assertThat(BoletoPdfRenderer.codigoBancoComDv("001")).isEqualTo("001-9");
        assertThat(BoletoPdfRenderer.codigoBancoComDv("237")).isEqualTo("237-2");
        assertThat(BoletoPdfRenderer.codigoBancoComDv("341")).isEqualTo("341-7");
    }

    @Test
    void slipToStringShowsNoPersonalData() throws IOException {
        BoletoSlip s = slip(vetoresImpressos().findFirst().orElseThrow(), null);
        assertThat(s.toString()).doesNotContain("José").doesNotContain("52998224725").doesNotContain("11222333000181");
    }

    private static BoletoSlip comCredor(BoletoSlip s, BoletoSlip.Party credor) {
        return new BoletoSlip(s.bankCode(), s.linhaDigitavel(), s.barcode(), s.nossoNumero(), s.beneficiaryCode(),
                s.documentNumber(), s.issueDate(), s.dueDate(), s.amount(), credor, s.payer(), s.instructions(),
                s.discountText(), s.fineText(), s.interestText(), s.pixBrCode());
    }

    static BufferedImage rasterizar(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            return new PDFRenderer(doc).renderImageWithDPI(0, 300, ImageType.GRAY);
        }
    }

    static String texto(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static Result decodificar(BufferedImage img, BarcodeFormat formato, Map<DecodeHintType, Object> extras) throws Exception {
        Map<DecodeHintType, Object> hints = new java.util.EnumMap<>(DecodeHintType.class);
        hints.putAll(extras);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(formato));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        MultiFormatReader reader = new MultiFormatReader();
        Result r = reader.decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))), hints);
        assertThat(r.getBarcodeFormat()).isEqualTo(formato);
        return r;
    }
}
