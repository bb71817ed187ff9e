package br.com.recebiveishub.hub.charge;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.tenant.BankAccountConfig;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.SharedSamples;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payer's documents through the API, read back the way a payer's bank app reads them: the PDF
 * rasterised and its Interleaved 2 of 5 barcode decoded with ZXing (equal to the charge's barcode
 * column), the Pix PNG decoded (equal to the BR Code of shared/samples/pix/brcode-valid.txt).
 */
class PayerDocumentsTest extends HubIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    TenantService tenants;
    @Autowired
    IngestService ingest;
    @Autowired
    ChargeService charges;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path tmp;

    private static final Endereco ADDRESS = new Endereco("Avenida Paulista", "1000", "conj. 5", "Bela Vista", "São Paulo", "SP", "01310100");

    /** Creates a tenant (with or without address), one receivable and its boleto; returns the charge id. */
    private long issuedBoleto(String tenant, Endereco address) throws Exception {
        tenants.create(tenant, "Credora Exemplo Ltda", "11222333000181", 30, address);
        BankAccountConfig account = tenants.addBankAccount(tenant, new TenantService.NewBankAccount("104", "1234", "", "43210", "0", "14",
                "432100", "pay-boleto", 900L, new BigDecimal("2.00"), new BigDecimal("1.00")));
        Path csv = tmp.resolve(tenant + ".csv");
        Files.writeString(csv, """
                id_titulo;documento;emissao;vencimento;valor;cpf_cnpj;nome
                P1;NF 77/1;01/11/2026;10/12/2026;1.234,56;12345678909;Ana Souza
                """, StandardCharsets.UTF_8);
        assertThat(ingest.importFile(tenant, new SourceFile(csv.getFileName().toString(), csv)).created()).isEqualTo(1);
        assertThat(charges.issueBoletos(tenant, account.getId()).issued()).isEqualTo(1);
        return jdbc.queryForObject("select id from charge where tenant_id = ?", Long.class, tenant);
    }

    private ResponseEntity<byte[]> get(String path, String purpose) {
        HttpHeaders h = new HttpHeaders();
        h.setBearerAuth(token(http, "it-all", "it-all-secret"));
        if (purpose != null) {
            h.set("X-Purpose", purpose);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(h), byte[].class);
    }

    @Test
    void theBoletoPdfCarriesTheChargesBarcodeTheCreditorAndThePixCodeOfABoletoHibrido() throws Exception {
        String brCode = validBrCodes().get(0);
        String tenant = newTenantId("payer-doc");
        long charge = issuedBoleto(tenant, ADDRESS);
        jdbc.update("update charge set pix_code = ? where id = ?", brCode, charge);
        String barcode = jdbc.queryForObject("select barcode from charge where id = ?", String.class, charge);
        long customer = jdbc.queryForObject("select id from customer where tenant_id = ?", Long.class, tenant);

        ResponseEntity<byte[]> res = get("/api/tenants/" + tenant + "/charges/" + charge + "/boleto.pdf", "segunda via a pedido do pagador");

        assertThat(res.getStatusCode().value()).isEqualTo(200);
        assertThat(res.getHeaders().getContentType()).hasToString("application/pdf");
        BufferedImage page = rasterise(res.getBody());
        assertThat(decode(page, BarcodeFormat.ITF, Map.of(DecodeHintType.ALLOWED_LENGTHS, new int[] {44})).getText()).isEqualTo(barcode);
        assertThat(decode(page, BarcodeFormat.QR_CODE, Map.of()).getText()).isEqualTo(brCode);
        String text = text(res.getBody());
        assertThat(text).contains("Credora Exemplo Ltda", "11.222.333/0001-81", "Avenida Paulista", "Bela Vista", "01310", "Ana Souza",
                "1.234,56", "10/12/2026");
        // the fine and interest of the bank account
        assertThat(text).contains("2,00%", "1,00%");

        // handed to the plugin and shown to the caller, with the stated purpose
        assertThat(jdbc.queryForMap("select plugin_id, fields, purpose from plugin_data_share where tenant_id = ? and subject_id = ? "
                + "and purpose <> 'boleto issue' order by id desc limit 1", tenant, String.valueOf(customer)))
                .containsEntry("plugin_id", "pay-boleto").containsEntry("fields", "documento,endereco,nome,pix_code")
                .containsEntry("purpose", "segunda via a pedido do pagador");
        assertThat(jdbc.queryForMap("select actor, endpoint, purpose from access_log where tenant_id = ? and subject_id = ? order by id desc limit 1",
                tenant, String.valueOf(customer)))
                .containsEntry("actor", "it-all").containsEntry("endpoint", "GET /api/tenants/{tenantId}/charges/{id}/boleto.pdf")
                .containsEntry("purpose", "segunda via a pedido do pagador");
    }

    @Test
    void thePixQrDecodesToTheChargesBrCodeAndAChargeWithoutOneIsNotFound() throws Exception {
        String brCode = validBrCodes().get(1);
        String tenant = newTenantId("payer-pix");
        long charge = issuedBoleto(tenant, ADDRESS);
        long customer = jdbc.queryForObject("select id from customer where tenant_id = ?", Long.class, tenant);

        ResponseEntity<byte[]> none = get("/api/tenants/" + tenant + "/charges/" + charge + "/pix-qr.png", null);
        assertThat(none.getStatusCode().value()).isEqualTo(404);
        assertThat(new String(none.getBody(), StandardCharsets.UTF_8)).contains("has no Pix code");

        jdbc.update("update charge set pix_code = ? where id = ?", brCode, charge);
        ResponseEntity<byte[]> res = get("/api/tenants/" + tenant + "/charges/" + charge + "/pix-qr.png", null);
        assertThat(res.getStatusCode().value()).isEqualTo(200);
        assertThat(res.getHeaders().getContentType()).hasToString("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(res.getBody()));
        assertThat(png.getWidth()).isGreaterThanOrEqualTo(400);
        assertThat(decode(png, BarcodeFormat.QR_CODE, Map.of()).getText()).isEqualTo(brCode);
        ResponseEntity<byte[]> zero = get("/api/tenants/" + tenant + "/charges/" + charge + "/pix-qr.png?size=0", null);
        assertThat(zero.getStatusCode().value()).isEqualTo(400);
        assertThat(new String(zero.getBody(), StandardCharsets.UTF_8)).contains("size: between 100 and 2000 pixels");
        assertThat(jdbc.queryForMap("select plugin_id, fields, purpose from plugin_data_share where tenant_id = ? and subject_id = ? "
                + "order by id desc limit 1", tenant, String.valueOf(customer)))
                .containsEntry("fields", "pix_code").containsEntry("purpose", "payer document");
        assertThat(jdbc.queryForObject("select purpose from access_log where tenant_id = ? and endpoint like '%pix-qr.png' order by id desc limit 1",
                String.class, tenant)).isEqualTo("payer document");
    }

    @Test
    void aTenantWithoutAddressGetsA409NamingWhatIsMissingAndNothingIsHandedOver() throws Exception {
        String tenant = newTenantId("payer-noaddr");
        long charge = issuedBoleto(tenant, null);
        int sharesBefore = jdbc.queryForObject("select count(*) from plugin_data_share where tenant_id = ?", Integer.class, tenant);

        ResponseEntity<byte[]> res = get("/api/tenants/" + tenant + "/charges/" + charge + "/boleto.pdf", null);

        assertThat(res.getStatusCode().value()).isEqualTo(409);
        assertThat(new String(res.getBody(), StandardCharsets.UTF_8)).contains("CDC Art. 42-A", "logradouro", "municipio", "cep");
        assertThat(jdbc.queryForObject("select count(*) from plugin_data_share where tenant_id = ?", Integer.class, tenant))
                .isEqualTo(sharesBefore);
    }

    @Test
    void aBoletoNoLongerPayableIsNotHandedToThePayer() throws Exception {
        String tenant = newTenantId("payer-paid");
        long charge = issuedBoleto(tenant, ADDRESS);
        for (String status : List.of("PAID", "CANCEL_REQUESTED", "CANCELLED", "WRITTEN_OFF")) {
            jdbc.update("update charge set status = ? where id = ?", status, charge);
            int sharesBefore = jdbc.queryForObject("select count(*) from plugin_data_share where tenant_id = ?", Integer.class, tenant);
            ResponseEntity<byte[]> res = get("/api/tenants/" + tenant + "/charges/" + charge + "/boleto.pdf", null);
            assertThat(res.getStatusCode().value()).as(status).isEqualTo(409);
            assertThat(new String(res.getBody(), StandardCharsets.UTF_8)).contains("is " + status, "can still be paid");
            assertThat(jdbc.queryForObject("select count(*) from plugin_data_share where tenant_id = ?", Integer.class, tenant))
                    .as("nothing handed to a plugin").isEqualTo(sharesBefore);
        }
        jdbc.update("update charge set status = 'REGISTERED' where id = ?", charge);
        assertThat(get("/api/tenants/" + tenant + "/charges/" + charge + "/boleto.pdf", null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void anotherTenantsChargeIsNotFound() throws Exception {
        String a = newTenantId("payer-a");
        long charge = issuedBoleto(a, ADDRESS);
        String b = newTenantId("payer-b");
        tenants.create(b, "Outra Ltda", "11222333000181", 30, ADDRESS);
        assertThat(get("/api/tenants/" + b + "/charges/" + charge + "/boleto.pdf", null).getStatusCode().value()).isEqualTo(404);
    }

    static List<String> validBrCodes() throws Exception {
        Path file = SharedSamples.sample("pix/brcode-valid.txt");
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static BufferedImage rasterise(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            return new PDFRenderer(doc).renderImageWithDPI(0, 300, ImageType.GRAY);
        }
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static Result decode(BufferedImage img, BarcodeFormat format, Map<DecodeHintType, Object> extras) throws Exception {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.putAll(extras);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(format));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        Result r = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))), hints);
        assertThat(r.getBarcodeFormat()).isEqualTo(format);
        return r;
    }
}
