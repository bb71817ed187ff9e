package br.com.recebiveishub.hub.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.sdk.CardPaymentProvider;
import br.com.recebiveishub.sdk.ErpConnector;
import br.com.recebiveishub.sdk.HubSdk;
import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.MessageChannel;
import br.com.recebiveishub.sdk.PayerDocumentRenderer;
import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.PixQrRenderer;
import br.com.recebiveishub.sdk.StatementReader;
import br.com.recebiveishub.sdk.model.BoletoSlip;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.StatementFile;
import br.com.recebiveishub.testkit.SharedSamples;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin runtime on its own (no Spring): the three bundled plugin zips the reactor built, next to
 * zips that must be refused or fail, in one plugins folder. The hub must start, run the good ones
 * and report every other one with its reason.
 */
class PluginRuntimeTest {

    private static final Path BUNDLED = Path.of("target/plugins");
    private static final String EVIL = "evil.txt";
    private static final String FAILING_CLASS = "com.example.boom.BoomPlugin";

    @TempDir
    static Path root;

    static Path data;
    static Path plugins;
    static PluginRuntime runtime;

    @BeforeAll
    static void startHubPlugins() throws IOException {
        data = Files.createDirectories(root.resolve("data"));
        plugins = Files.createDirectories(root.resolve("plugins"));
        List<Path> bundled = bundledZips();
        for (Path zip : bundled) {
            Files.copy(zip, plugins.resolve(zip.getFileName()));
        }
        // Traversal entries after good ones: unpacked from data/plugin-runtime/<id>/ they would land in
        // data/plugin-runtime, data and root.
        writeZip(plugins.resolve("traversal.zip"), ordered(
                "plugin.properties", properties("traversal", ">=0.1.0 & <1.0.0", null),
                "classes/readme.txt", "harmless",
                "../" + EVIL, "owned",
                "../../" + EVIL, "owned",
                "../../../" + EVIL, "owned"));
        byte[] junk = new byte[2048];
        new Random(7).nextBytes(junk);
        Files.write(plugins.resolve("corrupt.zip"), junk);
        writeZip(plugins.resolve("future-sdk.zip"), ordered(
                "plugin.properties", properties("future-sdk", ">=2.0.0", null)));
        // Sorts after erp-file-plugin.zip, so the bundled one is the first to claim the id.
        writeZip(plugins.resolve("zz-duplicate-erp-file.zip"), ordered(
                "plugin.properties", properties("erp-file", ">=0.1.0 & <1.0.0", null)));
        writeZip(plugins.resolve("boom.zip"), failingPlugin());

        runtime = new PluginRuntime(new HubProperties(data, plugins, null));
        runtime.afterPropertiesSet();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.destroy();
        }
    }

    @Test
    void startsTheBundledPluginsWithTheirExtensionPoints() {
        PluginInfo erp = only("erp-file", "STARTED");
        assertThat(erp.file()).isEqualTo("erp-file-plugin.zip");
        assertThat(erp.extensions()).containsExactlyInAnyOrder("ErpConnector", "SourceFileGenerator");
        assertThat(erp.problem()).isNull();

        PluginInfo boleto = only("pay-boleto", "STARTED");
        assertThat(boleto.file()).isEqualTo("pay-boleto-plugin.zip");
        assertThat(boleto.extensions()).containsExactlyInAnyOrder("PaymentProvider", "BankReturnSimulator",
                "PayerDocumentRenderer", "PixQrRenderer");
        assertThat(boleto.problem()).isNull();

        PluginInfo ofx = only("bank-ofx", "STARTED");
        assertThat(ofx.file()).isEqualTo("bank-ofx-plugin.zip");
        assertThat(ofx.extensions()).containsExactly("StatementReader");
        assertThat(ofx.problem()).isNull();

        PluginInfo pix = only("pay-pix", "STARTED");
        assertThat(pix.file()).isEqualTo("pay-pix-plugin.zip");
        assertThat(pix.extensions()).containsExactly("InstantPaymentProvider");
        assertThat(pix.problem()).isNull();

        PluginInfo card = only("pay-card", "STARTED");
        assertThat(card.file()).isEqualTo("pay-card-plugin.zip");
        assertThat(card.extensions()).containsExactly("CardPaymentProvider");
        assertThat(card.problem()).isNull();

        PluginInfo email = only("channel-email", "STARTED");
        assertThat(email.file()).isEqualTo("channel-email-plugin.zip");
        assertThat(email.extensions()).containsExactly("MessageChannel");
        assertThat(email.problem()).isNull();

        PluginInfo bling = only("erp-bling", "STARTED");
        assertThat(bling.file()).isEqualTo("erp-bling-plugin.zip");
        assertThat(bling.extensions()).containsExactly("ErpApiConnector");
        assertThat(bling.problem()).isNull();

        PluginInfo omie = only("erp-omie", "STARTED");
        assertThat(omie.file()).isEqualTo("erp-omie-plugin.zip");
        assertThat(omie.extensions()).containsExactly("ErpApiConnector");
        assertThat(omie.problem()).isNull();
    }

    @Test
    void servesTheEmailChannelFromThePluginWithItsOwnJakartaMail() throws Exception {
        List<PluginRuntime.Extension<MessageChannel>> channels = runtime.extensions(MessageChannel.class);
        assertThat(channels).singleElement().satisfies(e -> {
            assertThat(e.pluginId()).isEqualTo("channel-email");
            assertThat(e.extension().channel()).isEqualTo("EMAIL");
            assertThat(e.extension().getClass().getClassLoader()).isNotSameAs(MessageChannel.class.getClassLoader());
            assertThat(((br.com.recebiveishub.sdk.Configurable) e.extension()).configurationSchema())
                    .contains("\"password\"").contains("\"writeOnly\": true");
        });
        MessageChannel email = channels.get(0).extension();
        MessageChannel.OutboundMessage message = new MessageChannel.OutboundMessage("hub-msg-1", "joao@devedor.com.br",
                "João", "Lembrete de vencimento — duplicata nº 7", "Olá, João.", "<p>Olá, <b>João</b>.</p>",
                new MessageChannel.Creditor("Credor Exemplo S.A.", "11222333000181", null));
        try (AcceptingSmtpServer smtp = new AcceptingSmtpServer()) {
            MessageChannel.ChannelAccount account = new MessageChannel.ChannelAccount(
                    java.net.URI.create("smtp://127.0.0.1:" + smtp.port()), MessageChannel.Security.NONE, null, null,
                    "cobranca@credor.com.br", "Cobrança", null, null, java.time.Duration.ofSeconds(5));
            // the SMTP provider, the stream provider and the multipart handlers load from the plugin's lib/
            MessageChannel.DeliveryReceipt receipt = email.send(account, message);
            assertThat(receipt.status()).isEqualTo(MessageChannel.DeliveryStatus.SENT);
            assertThat(receipt.providerMessageId()).isEqualTo("<hub-msg-1@credor.com.br>");
            assertThat(receipt.detail()).startsWith("250 2.0.0 queued");
            assertThat(email.send(account, message)).isEqualTo(receipt);
            assertThat(smtp.messages).singleElement().satisfies(raw -> assertThat(raw)
                    .contains("Message-ID: <hub-msg-1@credor.com.br>")
                    .contains("multipart/alternative")
                    .contains("Subject: =?UTF-8?")
                    .doesNotContain("Lembrete de vencimento —"));
            assertThat(email.status(account, "hub-msg-1")).contains(receipt);
        }
        // nothing listens there now: an unknown outcome, typed by the hub's SDK class
        MessageChannel.ChannelAccount gone = new MessageChannel.ChannelAccount(java.net.URI.create("smtp://127.0.0.1:1"),
                MessageChannel.Security.NONE, null, null, "cobranca@credor.com.br", null, null, null,
                java.time.Duration.ofSeconds(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> email.send(gone, new MessageChannel.OutboundMessage(
                        "hub-msg-2", "joao@devedor.com.br", null, "Aviso", "x", null, message.creditor())))
                .isInstanceOf(InstantPaymentProvider.UnknownOutcomeException.class)
                .hasMessageNotContaining("joao@devedor.com.br");
    }

    @Test
    void servesTheCardProviderFromThePluginWithTheHubsJackson() {
        List<PluginRuntime.Extension<CardPaymentProvider>> card = runtime.extensions(CardPaymentProvider.class);
        assertThat(card).singleElement().satisfies(e -> {
            assertThat(e.pluginId()).isEqualTo("pay-card");
            assertThat(e.extension().gateway()).isEqualTo("mercadopago");
            assertThat(e.extension().getClass().getClassLoader()).isNotSameAs(CardPaymentProvider.class.getClassLoader());
            // its settings schema parses (Jackson from the hub) and declares the secrets write-only
            assertThat(((br.com.recebiveishub.sdk.Configurable) e.extension()).configurationSchema())
                    .contains("\"accessToken\"").contains("\"webhookSecret\"").contains("\"writeOnly\": true");
            // a webhook without a secret configured is refused, never trusted
            CardPaymentProvider.GatewayAccount account = new CardPaymentProvider.GatewayAccount(
                    java.net.URI.create("https://api.mercadopago.com"), "APP_USR-1", null, null, null);
            CardPaymentProvider.WebhookDelivery delivery = new CardPaymentProvider.WebhookDelivery(
                    Map.of("x-signature", "ts=1,v1=00", "x-request-id", "r"), Map.of("data.id", "1"),
                    "{\"type\":\"payment\"}".getBytes(StandardCharsets.UTF_8));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.extension().verifyWebhook(account, delivery,
                    java.time.Instant.ofEpochSecond(1))).isInstanceOf(CardPaymentProvider.WebhookSignatureException.class);
        });
    }

    @Test
    void servesThePixProviderFromThePluginWithTheHubsJackson() {
        List<PluginRuntime.Extension<InstantPaymentProvider>> pix = runtime.extensions(InstantPaymentProvider.class);
        assertThat(pix).singleElement().satisfies(e -> {
            assertThat(e.pluginId()).isEqualTo("pay-pix");
            assertThat(e.extension().method()).isEqualTo("PIX");
            assertThat(e.extension().getClass().getClassLoader()).isNotSameAs(InstantPaymentProvider.class.getClassLoader());
            // parses JSON with Jackson loaded parent-first from the hub
            assertThat(e.extension().parseNotification("{\"pix\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
        });
        // pay-pix is not a boleto PaymentProvider: bank lookups still find pay-boleto only
        assertThat(runtime.extensions(PaymentProvider.class)).extracting(PluginRuntime.Extension::pluginId).containsExactly("pay-boleto");
    }

    @Test
    void refusesATraversalZipAndWritesNothingOutsideTheRuntimeFolder() throws IOException {
        PluginInfo info = byFile("traversal.zip");
        assertThat(info.state()).isEqualTo("REFUSED");
        assertThat(info.problem()).contains("../" + EVIL).contains("path traversal");

        Path runtimeDir = data.resolve("plugin-runtime");
        assertThat(data.resolve(EVIL)).doesNotExist();
        assertThat(root.resolve(EVIL)).doesNotExist();
        assertThat(runtimeDir.resolve(EVIL)).doesNotExist();
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(p -> p.getFileName().toString().equals(EVIL))).isEmpty();
        }
        // Not even a partial copy of the refused plugin is staged or unpacked.
        try (Stream<Path> staged = Files.list(runtimeDir)) {
            assertThat(staged.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("traversal"));
        }
    }

    @Test
    void refusesACorruptZip() {
        PluginInfo info = byFile("corrupt.zip");
        assertThat(info.state()).isEqualTo("REFUSED");
        assertThat(info.id()).isEqualTo("corrupt.zip");
        assertThat(info.problem()).contains("zip");
        assertThat(info.extensions()).isEmpty();
    }

    @Test
    void refusesAPluginNeedingAnotherSdk() {
        PluginInfo info = byFile("future-sdk.zip");
        assertThat(info.state()).isEqualTo("REFUSED");
        assertThat(info.problem()).contains(">=2.0.0").contains(HubSdk.VERSION);
    }

    @Test
    void refusesASecondZipWithAnIdAlreadyTaken() {
        PluginInfo info = byFile("zz-duplicate-erp-file.zip");
        assertThat(info.state()).isEqualTo("REFUSED");
        assertThat(info.id()).isEqualTo("erp-file");
        assertThat(info.problem()).contains("erp-file").contains("erp-file-plugin.zip");
        // The bundled erp-file is still the one running, once.
        assertThat(runtime.extensions(ErpConnector.class)).hasSize(1);
    }

    @Test
    void reportsAPluginWhoseStartThrowsAsFailed() {
        PluginInfo info = only("boom", "FAILED");
        assertThat(info.file()).isEqualTo("boom.zip");
        assertThat(info.problem()).contains("boom on start");
        assertThat(info.extensions()).isEmpty();
    }

    @Test
    void listsEveryZipOnce() {
        assertThat(runtime.list()).extracting(PluginInfo::file).containsExactlyInAnyOrder(
                "erp-file-plugin.zip", "pay-boleto-plugin.zip", "pay-pix-plugin.zip", "pay-card-plugin.zip", "channel-email-plugin.zip", "bank-ofx-plugin.zip", "erp-bling-plugin.zip", "erp-omie-plugin.zip", "traversal.zip", "corrupt.zip", "future-sdk.zip",
                "zz-duplicate-erp-file.zip", "boom.zip");
    }

    @Test
    void keepsOneExtensionInstancePerPluginGenerationAndDropsItWhenThatPluginChanges() {
        Class<br.com.recebiveishub.sdk.InstantPaymentProvider> pix = br.com.recebiveishub.sdk.InstantPaymentProvider.class;
        // PF4J itself hands out a new instance per lookup, which would throw away the plugin's PSP clients every call
        assertThat(runtime.extensions(pix).get(0).extension()).isNotSameAs(runtime.extensions(pix).get(0).extension());
        br.com.recebiveishub.sdk.InstantPaymentProvider first = runtime.extension(pix, "pay-pix").orElseThrow();
        assertThat(runtime.extension(pix, "pay-pix")).containsSame(first);
        assertThat(runtime.extension(pix, "pay-boleto")).as("pay-boleto provides no instant payments").isEmpty();

        // another plugin changing leaves pay-pix's instance (and what it holds) alone
        runtime.disable("bank-ofx");
        runtime.enable("bank-ofx");
        assertThat(runtime.extension(pix, "pay-pix")).containsSame(first);

        runtime.disable("pay-pix");
        assertThat(runtime.extension(pix, "pay-pix")).as("a stopped plugin serves nothing").isEmpty();
        runtime.enable("pay-pix");
        br.com.recebiveishub.sdk.InstantPaymentProvider after = runtime.extension(pix, "pay-pix").orElseThrow();
        assertThat(after).as("the instance of the stopped plugin is never handed out again").isNotSameAs(first);
        assertThat(runtime.extension(pix, "pay-pix")).containsSame(after);
    }

    @Test
    void servesTheBundledErpApiConnectors() {
        java.util.Map<String, String> systems = new java.util.TreeMap<>();
        runtime.extensions(br.com.recebiveishub.sdk.ErpApiConnector.class)
                .forEach(e -> systems.put(e.pluginId(), e.extension().system()));
        // Bling's README documents BLING as the sourceSystem; the Omie connector names itself OMIE
        assertThat(systems).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of("erp-bling", "BLING", "erp-omie", "OMIE")));
    }

    @Test
    void servesTheBoletoProviderFromThePlugin() {
        List<PluginRuntime.Extension<PaymentProvider>> providers = runtime.extensions(PaymentProvider.class);
        assertThat(providers).hasSize(1);
        PluginRuntime.Extension<PaymentProvider> boleto = providers.get(0);
        assertThat(boleto.pluginId()).isEqualTo("pay-boleto");
        assertThat(boleto.extension().method()).isEqualTo("BOLETO");
        assertThat(boleto.extension().supportedBanks()).contains("104", "001", "237");
        // Loaded by the plugin's own class loader, yet typed by the hub's SDK interface.
        assertThat(boleto.extension().getClass().getClassLoader()).isNotSameAs(PaymentProvider.class.getClassLoader());

        assertThat(runtime.paymentProvider("pay-boleto", "237")).get()
                .extracting(PluginRuntime.Extension::pluginId).isEqualTo("pay-boleto");
        assertThat(runtime.paymentProvider(null, "999")).isEmpty();
    }

    @Test
    void servesStatementsAndPayerDocumentsFromThePlugins() throws Exception {
        // The OFX reader, loaded by bank-ofx's class loader, reads the real Banco do Brasil statement.
        List<PluginRuntime.Extension<StatementReader>> readers = runtime.extensions(StatementReader.class);
        assertThat(readers).extracting(PluginRuntime.Extension::pluginId).containsExactly("bank-ofx");
        Path ofx = SharedSamples.sample("ofx/extrato-banco-do-brasil.ofx");
        StatementFile statements = readers.get(0).extension().read(new SourceFile(ofx.getFileName().toString(), ofx));
        assertThat(statements.statements()).singleElement().satisfies(st -> {
            assertThat(st.accountId()).isEqualTo("455000-5");
            assertThat(st.entries()).singleElement().satisfies(e -> assertThat(e.memo()).isEqualTo("DOC CRÉDITO EM CONTA"));
        });

        // PDFBox and ZXing live in pay-boleto's lib/: the PDF and the PNG come out of the plugin's class loader.
        PayerDocumentRenderer pdf = runtime.extensions(PayerDocumentRenderer.class).get(0).extension();
        assertThat(pdf.getClass().getClassLoader()).isNotSameAs(PayerDocumentRenderer.class.getClassLoader());
        String[] vector = Files.readAllLines(SharedSamples.sample("boleto/vectors.tsv")).stream()
                .filter(l -> l.startsWith("104")).findFirst().orElseThrow().split("\t");
        String barcode = vector[0];
        Documento cnpj = Documento.cnpj("11222333000181");
        Endereco endereco = new Endereco("Avenida Paulista", "1000", null, "Bela Vista", "São Paulo", "SP", "01310100");
        BoletoSlip slip = new BoletoSlip("104", vector[1], barcode, "14/000000000000019-5", null, null, null,
                LocalDate.of(1997, 10, 7).plusDays(Integer.parseInt(barcode.substring(5, 9))),
                new BigDecimal(barcode.substring(9, 19)).movePointLeft(2),
                new BoletoSlip.Party("Cobranças Exemplo Ltda", cnpj, endereco),
                new BoletoSlip.Party("Pagador Exemplo", Documento.cpf("52998224725"), null), List.of(), null, null, null, null);
        byte[] bytes = pdf.renderBoletoPdf(slip);
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        String brCode = Files.readAllLines(SharedSamples.sample("pix/brcode-valid.txt")).stream()
                .filter(l -> l.startsWith("000201")).findFirst().orElseThrow();
        byte[] png = runtime.extensions(PixQrRenderer.class).get(0).extension().renderPng(brCode, 256);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    private static PluginInfo only(String id, String state) {
        List<PluginInfo> matching = runtime.list().stream().filter(p -> p.id().equals(id) && p.state().equals(state)).toList();
        assertThat(matching).as("%s %s in %s", id, state, runtime.list()).hasSize(1);
        return matching.get(0);
    }

    private static PluginInfo byFile(String file) {
        List<PluginInfo> matching = runtime.list().stream().filter(p -> file.equals(p.file())).toList();
        assertThat(matching).as("%s in %s", file, runtime.list()).hasSize(1);
        return matching.get(0);
    }

    private static List<Path> bundledZips() throws IOException {
        List<Path> zips = new ArrayList<>();
        if (Files.isDirectory(BUNDLED)) {
            try (Stream<Path> s = Files.list(BUNDLED)) {
                s.filter(p -> p.toString().endsWith(".zip")).forEach(zips::add);
            }
        }
        List<String> names = zips.stream().map(p -> p.getFileName().toString()).toList();
        if (!names.contains("erp-file-plugin.zip") || !names.contains("pay-boleto-plugin.zip")
                || !names.contains("bank-ofx-plugin.zip")) {
            fail("The bundled plugin zips are missing from " + BUNDLED.toAbsolutePath()
                    + " (found " + names + "): run `mvn -B -q -DskipTests install` (or mvn package) from the repository root first");
        }
        return zips;
    }

    private static String properties(String id, String requires, String pluginClass) {
        return "plugin.id=" + id + "\nplugin.version=0.0.1\nplugin.requires=" + requires + "\n"
                + (pluginClass == null ? "" : "plugin.class=" + pluginClass + "\n");
    }

    /** A plugin whose {@code start()} throws, compiled now against PF4J. */
    private static Map<String, Object> failingPlugin() throws IOException {
        byte[] clazz = compilePlugin(root.resolve("boom"), FAILING_CLASS, """
                package com.example.boom;

                public class BoomPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        throw new IllegalStateException("boom on start");
                    }
                }
                """);
        return ordered(
                "plugin.properties", properties("boom", ">=0.1.0 & <1.0.0", FAILING_CLASS),
                "classes/com/example/boom/BoomPlugin.class", clazz);
    }

    /** Compiles one class (source of {@code className}) against PF4J and the SDK; returns its bytes. */
    static byte[] compilePlugin(Path workDir, String className, String source) throws IOException {
        Path src = Files.createDirectories(workDir.resolve("src"));
        Path out = Files.createDirectories(workDir.resolve("classes"));
        Path java = src.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(java, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK (not a JRE) runs the tests").isNotNull();
        String classpath = codeSource(org.pf4j.Plugin.class) + File.pathSeparator + codeSource(HubSdk.class)
                + File.pathSeparator + System.getProperty("java.class.path");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics,
                "-classpath", classpath, "--release", "17", "-d", out.toString(), java.toString());
        assertThat(rc).as("javac: %s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        return Files.readAllBytes(out.resolve(className.replace('.', '/') + ".class"));
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> ordered(Object... nameThenContent) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            m.put((String) nameThenContent[i], nameThenContent[i + 1]);
        }
        return m;
    }

    static void writeZip(Path zip, Map<String, Object> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                Object v = e.getValue();
                z.write(v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
    }
}
