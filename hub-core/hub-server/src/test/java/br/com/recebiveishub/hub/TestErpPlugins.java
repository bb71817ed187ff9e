package br.com.recebiveishub.hub;

import br.com.recebiveishub.sdk.HubSdk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Test-only ERP API connector plugins, compiled from source here with javax.tools and zipped as
 * PF4J plugin zips (plugin.properties, classes/, META-INF/extensions.idx), so the hub installs and
 * calls them exactly as a partner's plugin:
 *
 * <ul>
 *   <li>{@code erp-memory}: a well-behaved connector over a fixed list of receivables (setting
 *       {@code records}, pages of 2), with a token check, an outage switch (a flag file named by
 *       {@code outageFlag}: the read fails with ErpUnavailableException before page 2) and
 *       write-backs kept in memory (M-1 is refused: the ERP has no such título);</li>
 *   <li>{@code erp-hangs}: every call blocks and ignores interrupts (a plugin stuck in a socket read);</li>
 *   <li>{@code erp-throws}: check overflows the stack (real recursion), read throws a NullPointerException.</li>
 * </ul>
 */
public final class TestErpPlugins {

    private TestErpPlugins() {
    }

    private static final String SCHEMA = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{
             "token":{"type":"string","writeOnly":true},"records":{"type":"integer","minimum":0},
             "outageFlag":{"type":"string"}},"required":["token"],"additionalProperties":false}""";

    private static String source(String behaviour) {
        return """
                package testplugin.erp;

                import br.com.recebiveishub.sdk.ErpApiConnector;
                import br.com.recebiveishub.sdk.InstantPaymentProvider;
                import br.com.recebiveishub.sdk.model.*;
                import java.math.BigDecimal;
                import java.time.LocalDate;
                import java.util.List;
                import java.util.Map;
                import java.util.concurrent.ConcurrentHashMap;

                @org.pf4j.Extension
                public class TestConnector implements ErpApiConnector {
                    static final String BEHAVIOUR = "%s";
                    static final Map<String, String> WRITTEN = new ConcurrentHashMap<>();

                    public String configurationSchema() { return %s; }
                    public String system() { return "MEMORY"; }

                    static void misbehave() {
                        if (BEHAVIOUR.equals("hangs")) {
                            while (true) {
                                try { Thread.sleep(60_000); } catch (InterruptedException e) { /* a stuck plugin ignores it */ }
                            }
                        }
                    }

                    static int deeper(int n) { return deeper(n + 1) + 1; }

                    public ConnectionCheck check(ErpAccount account) {
                        misbehave();
                        if (BEHAVIOUR.equals("throws")) { deeper(0); }
                        return "good".equals(account.get("token", "")) ? ConnectionCheck.succeeded("read access to contas a receber")
                                : ConnectionCheck.failed("unauthorized", "the ERP refused the token (401)");
                    }

                    public List<ErpStream> discover(ErpAccount account) {
                        return List.of(new ErpStream(RECEIVABLES, "contas a receber", "position"));
                    }

                    public void read(ErpAccount account, String stream, String cursor, ConnectorContext context, SyncSink sink) {
                        misbehave();
                        if (BEHAVIOUR.equals("throws")) { Object o = null; o.hashCode(); }
                        if (!"good".equals(account.get("token", ""))) {
                            throw new InstantPaymentProvider.RefusedException(401, "unauthorized", "the ERP refused the token");
                        }
                        int total = Integer.parseInt(account.get("records", "0"));
                        int from = cursor == null ? 0 : Integer.parseInt(cursor);
                        String flag = account.get("outageFlag", null);
                        int page = 0;
                        for (int i = from; i < total; i += 2) {
                            page++;
                            if (page == 2 && flag != null && java.nio.file.Files.exists(java.nio.file.Path.of(flag))) {
                                throw new ErpUnavailableException("HTTP 503 from the ERP after 3 attempts", null);
                            }
                            for (int j = i; j < Math.min(i + 2, total); j++) {
                                if (j == 4) {
                                    sink.reject(new RecordRejection("api", j + 1, "M-" + j, "valor", "must be a number"));
                                    continue;
                                }
                                sink.accept(new ReceivableRecord("MEMORY", "M-" + j, "NF " + (1000 + j), LocalDate.of(2026, 11, 1),
                                        LocalDate.of(2026, 12, 1 + j), new BigDecimal("100.00").add(BigDecimal.valueOf(j)),
                                        new Debtor(Documento.parse("11222333000181"), "Cliente Memoria Ltda", null, null, null),
                                        null, j + 1, "M-" + j));
                            }
                            sink.checkpoint(String.valueOf(Math.min(i + 2, total)));
                        }
                    }

                    public WriteBackReceipt writeBackPayment(ErpAccount account, PaymentWriteBack payment) {
                        misbehave();
                        if (payment.externalId().equals("M-1")) {
                            throw new InstantPaymentProvider.RefusedException(404, "not-found", "the ERP has no such título");
                        }
                        String before = WRITTEN.putIfAbsent(payment.idempotencyKey(), payment.externalId() + "|" + payment.amount());
                        return new WriteBackReceipt("baixa-" + payment.externalId(), before != null);
                    }
                }
                """.formatted(behaviour, javaString(SCHEMA));
    }

    private static String javaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "") + "\"";
    }

    /** @return the bytes of the plugin zip {@code erp-<behaviour>} (memory, hangs or throws) */
    public static byte[] zip(String behaviour, String version) {
        try {
            Path work = Files.createTempDirectory("test-plugin-" + behaviour);
            Path src = work.resolve("src/testplugin/erp/TestConnector.java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, source(behaviour));
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            String cp = location(HubSdk.class) + java.io.File.pathSeparator + location(org.pf4j.Extension.class);
            int rc = javac.run(null, null, null, "-proc:none", "-source", "17", "-target", "17", "-cp", cp, "-d", classes.toString(),
                    src.toString());
            if (rc != 0) {
                throw new IllegalStateException("test plugin " + behaviour + " did not compile");
            }
            Files.createDirectories(classes.resolve("META-INF"));
            Files.writeString(classes.resolve("META-INF/extensions.idx"), "testplugin.erp.TestConnector\n");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                out.putNextEntry(new ZipEntry("plugin.properties"));
                out.write(("plugin.id=erp-" + behaviour + "\nplugin.version=" + version + "\nplugin.requires=>=0.4.0 & <1.0.0\n"
                        + "plugin.provider=tests\nplugin.description=test ERP API connector (" + behaviour + ")\n")
                        .getBytes(StandardCharsets.UTF_8));
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.putNextEntry(new ZipEntry("classes/" + classes.relativize(f).toString().replace('\\', '/')));
                        out.write(Files.readAllBytes(f));
                    }
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the zip to a file, for {@code PluginRuntime.install}. */
    public static Path zipFile(String behaviour, String version) {
        try {
            Path f = Files.createTempFile("erp-" + behaviour + "-", ".zip");
            Files.write(f, zip(behaviour, version));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ids of the test plugins. */
    public static final List<String> IDS = List.of("erp-memory", "erp-hangs", "erp-throws");
}
