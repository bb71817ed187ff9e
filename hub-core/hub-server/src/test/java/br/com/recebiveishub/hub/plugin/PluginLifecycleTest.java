package br.com.recebiveishub.hub.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.sdk.StatementReader;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installing, upgrading, disabling and removing a plugin while the hub runs: a zip that is refused
 * or does not start never touches the running version; an upgrade that fails once live puts the
 * old version back; the plugins directory always holds what the next start should load.
 */
class PluginLifecycleTest {

    @TempDir
    Path root;
    Path data;
    Path plugins;
    PluginRuntime runtime;

    @BeforeEach
    void hubWithTheOfxPlugin() throws IOException {
        data = Files.createDirectories(root.resolve("data"));
        plugins = Files.createDirectories(root.resolve("plugins"));
        Files.copy(Path.of("target/plugins/bank-ofx-plugin.zip"), plugins.resolve("bank-ofx-plugin.zip"));
        runtime = new PluginRuntime(new HubProperties(data, plugins, null));
        runtime.afterPropertiesSet();
    }

    @AfterEach
    void stop() {
        runtime.destroy();
    }

    /** The bundled bank-ofx zip with another version (and extra entries, e.g. a plugin class). */
    private Path ofx(String version, Map<String, Object> extra, String pluginClass) throws IOException {
        Map<String, Object> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(Path.of("target/plugins/bank-ofx-plugin.zip")); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                byte[] content = z.readAllBytes();
                if (e.getName().equals("plugin.properties")) {
                    String p = new String(content, StandardCharsets.ISO_8859_1).replaceAll("(?m)^plugin.version=.*$", "plugin.version=" + version);
                    if (pluginClass != null) {
                        p += "\nplugin.class=" + pluginClass + "\n";
                    }
                    content = p.getBytes(StandardCharsets.ISO_8859_1);
                }
                if (!e.isDirectory()) {
                    entries.put(e.getName(), content);
                }
            }
        }
        entries.putAll(extra);
        Path zip = root.resolve("upload-" + version + ".zip");
        PluginRuntimeTest.writeZip(zip, entries);
        return zip;
    }

    private String ofxVersion() {
        return runtime.list().stream().filter(p -> p.id().equals("bank-ofx")).findFirst().orElseThrow().version();
    }

    private boolean readsStatements() throws Exception {
        Path ofx = root.resolve("tiny.ofx");
        Files.writeString(ofx, "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nCHARSET:1252\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>"
                + "<CURDEF>BRL<BANKACCTFROM><BANKID>001<BRANCHID>1234<ACCTID>55-5<ACCTTYPE>CHECKING</BANKACCTFROM>"
                + "<BANKTRANLIST><DTSTART>20260101<DTEND>20260131<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260105<TRNAMT>10.00"
                + "<FITID>1<MEMO>TESTE</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n", StandardCharsets.UTF_8);
        List<PluginRuntime.Extension<StatementReader>> readers = runtime.extensions(StatementReader.class);
        return !readers.isEmpty() && readers.get(0).extension().read(new SourceFile("tiny.ofx", ofx)).statements().size() == 1;
    }

    @Test
    void anUpgradeReplacesTheRunningVersionAndTheZipTheNextStartLoads() throws Exception {
        String bundled = ofxVersion();
        PluginRuntime.InstallResult r = runtime.install(ofx("9.9.9", Map.of(), null));
        assertThat(r.outcome()).isEqualTo("UPGRADED");
        assertThat(r.previousVersion()).isEqualTo(bundled);
        assertThat(r.extensions()).containsExactly("StatementReader");
        assertThat(ofxVersion()).isEqualTo("9.9.9");
        assertThat(readsStatements()).isTrue();
        try (var files = Files.list(plugins)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bank-ofx-9.9.9.zip");
        }
        assertThatThrownBy(() -> runtime.install(ofx("9.9.9", Map.of(), null))).hasMessageContaining("upload a version newer than 9.9.9");
        assertThatThrownBy(() -> runtime.install(ofx("1.0.0", Map.of(), null)))
                .hasMessageContaining("1.0.0 is not newer; upload a version newer than 9.9.9");
        assertThatThrownBy(() -> runtime.install(ofx("not.a.version", Map.of(), null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin.version: not a semantic version (e.g. 1.2.0)");
    }

    @Test
    void aRefusedOrBrokenZipLeavesTheRunningVersionServing() throws Exception {
        String bundled = ofxVersion();
        Path traversal = root.resolve("evil.zip");
        PluginRuntimeTest.writeZip(traversal, PluginRuntimeTest.ordered("plugin.properties",
                "plugin.id=bank-ofx\nplugin.version=9.0.0\nplugin.requires=>=0.2.0\n", "../../evil.txt", "owned"));
        assertThatThrownBy(() -> runtime.install(traversal)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("..");
        byte[] boom = PluginRuntimeTest.compilePlugin(root.resolve("boom"), "com.example.boom.BoomPlugin", """
                package com.example.boom;

                public class BoomPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        throw new IllegalStateException("boom on start");
                    }
                }
                """);
        Path broken = ofx("9.1.0", Map.of("classes/com/example/boom/BoomPlugin.class", boom), "com.example.boom.BoomPlugin");
        assertThatThrownBy(() -> runtime.install(broken)).isInstanceOf(IllegalStateException.class).hasMessageContaining("does not start")
                .hasMessageContaining("boom on start");
        assertThat(ofxVersion()).isEqualTo(bundled);
        assertThat(readsStatements()).isTrue();
        assertThat(Files.exists(root.resolve("evil.txt"))).isFalse();
    }

    @Test
    void aVersionThatFailsOnlyOnceLiveIsRolledBack() throws Exception {
        String bundled = ofxVersion();
        // Starts in the trial (and leaves a mark), fails in the live hub: the restore path.
        Path mark = root.resolve("started-once");
        byte[] flaky = PluginRuntimeTest.compilePlugin(root.resolve("flaky"), "com.example.flaky.FlakyPlugin", """
                package com.example.flaky;

                public class FlakyPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        java.nio.file.Path mark = java.nio.file.Path.of("%s");
                        if (java.nio.file.Files.exists(mark)) {
                            throw new IllegalStateException("second start fails");
                        }
                        try {
                            java.nio.file.Files.createFile(mark);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                """.formatted(mark.toString().replace("\\\\", "/")));
        PluginRuntime.InstallResult r = runtime.install(ofx("9.2.0", Map.of("classes/com/example/flaky/FlakyPlugin.class", flaky),
                "com.example.flaky.FlakyPlugin"));
        assertThat(r.outcome()).isEqualTo("RESTORED");
        assertThat(r.problem()).contains("9.2.0 did not start").contains("second start fails");
        assertThat(r.version()).isEqualTo(bundled);
        assertThat(ofxVersion()).isEqualTo(bundled);
        assertThat(readsStatements()).isTrue();
    }

    @Test
    void disableStopsServingAcrossRestartsAndUninstallRemovesTheZip() throws Exception {
        assertThat(runtime.disable("bank-ofx").state()).isEqualTo("STOPPED");
        assertThat(runtime.extensions(StatementReader.class)).isEmpty();
        runtime.destroy();
        runtime = new PluginRuntime(new HubProperties(data, plugins, null));
        runtime.afterPropertiesSet();
        assertThat(runtime.extensions(StatementReader.class)).as("still disabled after a restart").isEmpty();
        assertThat(runtime.enable("bank-ofx").state()).isEqualTo("STARTED");
        assertThat(readsStatements()).isTrue();
        runtime.uninstall("bank-ofx");
        assertThat(runtime.list()).noneMatch(p -> p.id().equals("bank-ofx"));
        try (var files = Files.list(plugins)) {
            assertThat(files).isEmpty();
        }
        assertThatThrownBy(() -> runtime.disable("bank-ofx")).hasMessageContaining("not installed");
    }

    @Test
    void anUpgradeOfADisabledPluginStaysDisabledNowAndAfterARestart() throws Exception {
        runtime.disable("bank-ofx");
        PluginRuntime.InstallResult r = runtime.install(ofx("9.9.8", Map.of(), null));
        assertThat(r.outcome()).isEqualTo("UPGRADED");
        assertThat(r.problem()).startsWith("disabled by the administrator");
        PluginInfo info = runtime.list().stream().filter(p -> p.id().equals("bank-ofx")).findFirst().orElseThrow();
        assertThat(info.version()).isEqualTo("9.9.8");
        assertThat(info.state()).as("what the next restart would do, done now").isEqualTo("STOPPED");
        assertThat(info.problem()).isEqualTo("disabled by the administrator (POST /api/plugins/bank-ofx/enable starts it)");
        assertThat(runtime.extensions(StatementReader.class)).isEmpty();

        runtime.destroy();
        runtime = new PluginRuntime(new HubProperties(data, plugins, null));
        runtime.afterPropertiesSet();
        assertThat(ofxVersion()).isEqualTo("9.9.8");
        assertThat(runtime.extensions(StatementReader.class)).isEmpty();
        assertThat(runtime.enable("bank-ofx").state()).isEqualTo("STARTED");
        assertThat(readsStatements()).isTrue();
    }
}
