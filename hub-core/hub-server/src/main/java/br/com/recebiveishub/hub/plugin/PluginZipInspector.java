package br.com.recebiveishub.hub.plugin;

import br.com.recebiveishub.sdk.HubSdk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.pf4j.DefaultVersionManager;

/**
 * Checks a plugin zip before PF4J sees it. PF4J refuses a {@code ../} entry only from that entry
 * on, leaving the earlier entries unpacked as a partial plugin that then starts; so every entry is
 * inspected first, and the descriptor and its SDK range are read, before anything is unpacked.
 */
final class PluginZipInspector {

    /** What a valid zip declares. */
    record Descriptor(String id, String version, String requires) {
    }

    private PluginZipInspector() {
    }

    /**
     * @return the descriptor of a zip that is safe to unpack and compatible with this hub
     * @throws IllegalArgumentException with the reason it is refused
     */
    static Descriptor inspect(Path zip) {
        try (ZipFile zf = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            Properties props = null;
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName().replace('\\', '/');
                if (name.startsWith("/") || name.contains("../") || name.equals("..") || name.matches("^[A-Za-z]:.*")) {
                    throw new IllegalArgumentException("zip entry '" + name + "' escapes the plugin folder (path traversal)");
                }
                if (name.equals("plugin.properties")) {
                    props = new Properties();
                    try (InputStream in = zf.getInputStream(e)) {
                        props.load(in);
                    }
                }
            }
            if (props == null) {
                throw new IllegalArgumentException("no plugin.properties at the root of the zip");
            }
            String id = props.getProperty("plugin.id", "").trim();
            String version = props.getProperty("plugin.version", "").trim();
            String requires = props.getProperty("plugin.requires", "").trim();
            if (!id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("plugin.id '" + id + "' is missing or not a lower-case identifier");
            }
            if (version.isEmpty()) {
                throw new IllegalArgumentException("plugin.version is missing");
            }
            if (requires.isEmpty()) {
                throw new IllegalArgumentException("plugin.requires (the SDK range) is missing");
            }
            boolean compatible;
            try {
                compatible = new DefaultVersionManager().checkVersionConstraint(HubSdk.VERSION, requires);
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("plugin.requires '" + requires + "' is not a version range");
            }
            if (!compatible) {
                throw new IllegalArgumentException("requires SDK " + requires + " but this hub provides " + HubSdk.VERSION);
            }
            return new Descriptor(id, version, requires);
        } catch (ZipException e) {
            throw new IllegalArgumentException("not a readable zip: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the zip: " + e.getMessage());
        }
    }
}
