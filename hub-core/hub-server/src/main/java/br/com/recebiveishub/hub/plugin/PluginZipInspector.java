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
 *
 * <p>PF4J also unpacks whatever a zip expands to: a few megabytes of zeros can fill the disk the
 * hub and its database share. So every entry is read through once and the bytes it really expands
 * to are counted (the sizes in the zip's headers are the zip's own claim); past {@link
 * #MAX_EXPANDED_BYTES} in all, {@link #MAX_ENTRIES} entries or an entry expanding more than
 * {@link #MAX_RATIO} times its compressed size, the zip is refused. The bundled plugins expand
 * to at most about 15 MB in a few hundred entries.
 */
final class PluginZipInspector {

    /** What a plugin may expand to in all: 256 MiB. */
    static final long MAX_EXPANDED_BYTES = 256L << 20;
    /** How many entries a plugin zip may hold. */
    static final int MAX_ENTRIES = 20_000;
    /** How many times its compressed size one entry may expand to (jars and classes compress 2–10 times; zeros, 1000). */
    static final int MAX_RATIO = 200;

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
        return inspect(zip, MAX_EXPANDED_BYTES);
    }

    /** As {@link #inspect(Path)}, with another limit on what the zip may expand to in all. */
    static Descriptor inspect(Path zip, long maxExpandedBytes) {
        try (ZipFile zf = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            Properties props = null;
            Enumeration<? extends ZipEntry> entries = zf.entries();
            long expanded = 0;
            int count = 0;
            byte[] buffer = new byte[64 * 1024];
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName().replace('\\', '/');
                if (name.startsWith("/") || name.contains("../") || name.equals("..") || name.matches("^[A-Za-z]:.*")) {
                    throw new IllegalArgumentException("zip entry '" + name + "' escapes the plugin folder (path traversal)");
                }
                if (++count > MAX_ENTRIES) {
                    throw new IllegalArgumentException("the zip holds more than " + MAX_ENTRIES + " entries");
                }
                if (name.equals("plugin.properties")) {
                    props = new Properties();
                    try (InputStream in = zf.getInputStream(e)) {
                        props.load(in);
                    }
                }
                long entryBytes = 0;
                long allowed = Math.max(e.getCompressedSize(), 1024) * MAX_RATIO;
                try (InputStream in = zf.getInputStream(e)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        entryBytes += n;
                        expanded += n;
                        if (e.getCompressedSize() >= 0 && entryBytes > allowed) {
                            throw new IllegalArgumentException("zip entry '" + name + "' expands more than " + MAX_RATIO
                                    + " times its compressed size of " + e.getCompressedSize() + " bytes (a zip bomb?)");
                        }
                        if (expanded > maxExpandedBytes) {
                            throw new IllegalArgumentException("the zip expands to more than " + maxExpandedBytes
                                    + " bytes (at entry '" + name + "')");
                        }
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
