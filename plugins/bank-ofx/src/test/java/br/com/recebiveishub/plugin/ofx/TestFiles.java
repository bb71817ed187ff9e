package br.com.recebiveishub.plugin.ofx;

import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes test bytes to a file as the hub hands files to plugins. */
final class TestFiles {

    private TestFiles() {
    }

    static SourceFile file(Path dir, String name, byte[] bytes) {
        try {
            Path p = dir.resolve(name);
            java.nio.file.Files.write(p, bytes);
            return new SourceFile(name, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
