package br.com.recebiveishub.hub.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.HubSdk;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks every plugin zip passes before PF4J unpacks it. */
class PluginZipInspectorTest {

    private static final String GOOD_PROPERTIES = """
            plugin.id=sample-plugin
            plugin.version=1.2.3
            plugin.requires=>=0.1.0 & <1.0.0
            """;

    @TempDir
    Path dir;

    @Test
    void acceptsAWellFormedCompatibleZip() throws IOException {
        Path zip = zip("good.zip", Map.of(
                "plugin.properties", GOOD_PROPERTIES,
                "classes/br/example/Sample.class", "not really bytecode",
                "lib/dependency.jar", "jar bytes"));

        PluginZipInspector.Descriptor d = PluginZipInspector.inspect(zip);

        assertThat(d.id()).isEqualTo("sample-plugin");
        assertThat(d.version()).isEqualTo("1.2.3");
        assertThat(d.requires()).isEqualTo(">=0.1.0 & <1.0.0");
    }

    @Test
    void acceptsAnIdWithDotsDigitsAndUnderscores() throws IOException {
        Path zip = zip("ids.zip", Map.of("plugin.properties", GOOD_PROPERTIES.replace("sample-plugin", "pay.pix_2")));

        assertThat(PluginZipInspector.inspect(zip).id()).isEqualTo("pay.pix_2");
    }

    @Test
    void refusesAParentTraversalEntry() throws IOException {
        Path zip = zip("evil.zip", ordered(
                "../evil.txt", "owned",
                "plugin.properties", GOOD_PROPERTIES));

        assertRefused(zip, "../evil.txt", "path traversal");
    }

    @Test
    void refusesATraversalEntryThatComesAfterGoodEntries() throws IOException {
        // PF4J itself would unpack the entries before this one and start the partial plugin.
        Path zip = zip("late-evil.zip", ordered(
                "plugin.properties", GOOD_PROPERTIES,
                "classes/br/example/Sample.class", "bytes",
                "classes/../../evil.txt", "owned"));

        assertRefused(zip, "classes/../../evil.txt", "path traversal");
    }

    @Test
    void refusesATraversalWrittenWithBackslashes() throws IOException {
        Path zip = zip("backslash.zip", ordered(
                "plugin.properties", GOOD_PROPERTIES,
                "classes\\..\\..\\evil.txt", "owned"));

        assertRefused(zip, "evil.txt", "path traversal");
    }

    @Test
    void refusesAnAbsoluteEntry() throws IOException {
        Path zip = zip("absolute.zip", ordered(
                "plugin.properties", GOOD_PROPERTIES,
                "/etc/x", "owned"));

        assertRefused(zip, "/etc/x", "path traversal");
    }

    @Test
    void refusesAZipWithoutPluginProperties() throws IOException {
        Path zip = zip("no-descriptor.zip", Map.of("classes/br/example/Sample.class", "bytes"));

        assertRefused(zip, "no plugin.properties");
    }

    @Test
    void refusesPluginPropertiesThatAreNotAtTheRoot() throws IOException {
        Path zip = zip("nested-descriptor.zip", Map.of("classes/plugin.properties", GOOD_PROPERTIES));

        assertRefused(zip, "no plugin.properties");
    }

    @Test
    void refusesAMissingSdkRange() throws IOException {
        Path zip = zip("no-requires.zip", Map.of("plugin.properties", """
                plugin.id=sample-plugin
                plugin.version=1.2.3
                """));

        assertRefused(zip, "plugin.requires", "missing");
    }

    @Test
    void refusesAnSdkRangeTheHubDoesNotProvide() throws IOException {
        assertThat(HubSdk.VERSION).startsWith("0.");
        Path zip = zip("future.zip", Map.of("plugin.properties", """
                plugin.id=sample-plugin
                plugin.version=1.2.3
                plugin.requires=>=2.0.0
                """));

        assertRefused(zip, ">=2.0.0", HubSdk.VERSION);
    }

    @Test
    void refusesAnSdkRangeThatIsNotAVersionRange() throws IOException {
        Path zip = zip("garbled.zip", Map.of("plugin.properties", """
                plugin.id=sample-plugin
                plugin.version=1.2.3
                plugin.requires=soon
                """));

        assertThatThrownBy(() -> PluginZipInspector.inspect(zip))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plugin.requires");
    }

    @Test
    void refusesAMissingVersion() throws IOException {
        Path zip = zip("no-version.zip", Map.of("plugin.properties", """
                plugin.id=sample-plugin
                plugin.requires=>=0.1.0
                """));

        assertRefused(zip, "plugin.version", "missing");
    }

    @Test
    void refusesACorruptFile() throws IOException {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        Path zip = dir.resolve("corrupt.zip");
        Files.write(zip, junk);

        assertRefused(zip, "zip");
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        Path zip = Files.createFile(dir.resolve("empty.zip"));

        assertThatThrownBy(() -> PluginZipInspector.inspect(zip)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBadPluginIds() throws IOException {
        for (String bad : new String[] {"Sample", "../x", "with space", "-leading-dash", "a/b", "x".repeat(65)}) {
            Path zip = zip("bad-id-" + Math.abs(bad.hashCode()) + ".zip",
                    Map.of("plugin.properties", GOOD_PROPERTIES.replace("sample-plugin", bad)));

            assertThatThrownBy(() -> PluginZipInspector.inspect(zip))
                    .as("plugin.id '%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("plugin.id");
        }
    }

    @Test
    void refusesAMissingPluginId() throws IOException {
        Path zip = zip("no-id.zip", Map.of("plugin.properties", """
                plugin.version=1.2.3
                plugin.requires=>=0.1.0
                """));

        assertRefused(zip, "plugin.id");
    }

    /** A zip of plugin.properties and entries written by {@code writer}, streamed (a bomb is never held in memory). */
    private Path streamedZip(String name, ZipWriter writer) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("plugin.properties"));
            out.write(GOOD_PROPERTIES.getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
            writer.write(out);
        }
        return zip;
    }

    private interface ZipWriter {
        void write(ZipOutputStream out) throws IOException;
    }

    @Test
    void refusesAnEntryThatExpandsLikeAZipBomb() throws IOException {
        // 64 MiB of zeros deflate to about 64 KiB: a thousand times, where jars and classes compress 2 to 10 times
        Path zip = streamedZip("bomb.zip", out -> {
            out.putNextEntry(new ZipEntry("lib/zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        });
        assertThat(Files.size(zip)).isLessThan(1 << 20);

        assertRefused(zip, "zip entry 'lib/zeros.bin' expands more than 200 times its compressed size", "zip bomb");
    }

    @Test
    void refusesAZipThatExpandsBeyondTheLimitInAll() throws IOException {
        // incompressible entries, each within the ratio, that add up past the limit (1 MiB here; 256 MiB in the hub)
        Random random = new Random(5);
        Path zip = streamedZip("big.zip", out -> {
            byte[] noise = new byte[300 * 1024];
            for (int i = 0; i < 4; i++) {
                random.nextBytes(noise);
                out.putNextEntry(new ZipEntry("lib/part" + i + ".jar"));
                out.write(noise);
                out.closeEntry();
            }
        });

        assertThat(PluginZipInspector.inspect(zip, 2L << 20).id()).as("within 2 MiB").isEqualTo("sample-plugin");
        assertThatThrownBy(() -> PluginZipInspector.inspect(zip, 1L << 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the zip expands to more than 1048576 bytes (at entry 'lib/part3.jar')");
    }

    @Test
    void refusesAZipOfTooManyEntries() throws IOException {
        Path zip = streamedZip("many.zip", out -> {
            for (int i = 0; i < PluginZipInspector.MAX_ENTRIES; i++) {
                out.putNextEntry(new ZipEntry("classes/e" + i + ".txt"));
                out.closeEntry();
            }
        });

        assertRefused(zip, "more than 20000 entries");
    }

    private void assertRefused(Path zip, String... reasonParts) {
        assertThatThrownBy(() -> PluginZipInspector.inspect(zip))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(reasonParts);
    }

    private static Map<String, String> ordered(String... nameThenContent) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            m.put(nameThenContent[i], nameThenContent[i + 1]);
        }
        return m;
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }
}
