package br.com.recebiveishub.sdk.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file handed to a plugin: its original name (for reports) and where its bytes are. Plugins
 * only read it.
 *
 * @param name the file name as dropped, without directories
 * @param path where to read it
 */
public record SourceFile(String name, Path path) {

    /** @return a new stream over the bytes; the caller closes it */
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    /** @return the whole content */
    public byte[] readAllBytes() {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return up to {@code n} first bytes, to sniff the format */
    public byte[] head(int n) {
        try (InputStream in = open()) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
