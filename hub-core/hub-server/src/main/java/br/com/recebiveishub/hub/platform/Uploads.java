package br.com.recebiveishub.hub.platform;

import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;

/** Files posted to the API: stored in a private temp file, handed over, deleted. */
public final class Uploads {

    private Uploads() {
    }

    /**
     * Runs {@code action} on the uploaded bytes as a {@link SourceFile} named {@code fileName}.
     *
     * @throws IllegalArgumentException when the name is not a plain file name
     */
    public static <T> T withFile(Path dataDir, String fileName, InputStream body, Function<SourceFile, T> action) {
        if (fileName == null || !fileName.matches("[A-Za-z0-9][A-Za-z0-9._ -]{0,200}") || fileName.contains("..")) {
            throw new IllegalArgumentException("fileName: a plain file name is required (letters, digits, '.', '_', '-', ' ')");
        }
        Path dir = dataDir.resolve("uploads");
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "upload-", ".bin");
            Files.copy(body, tmp, StandardCopyOption.REPLACE_EXISTING);
            return action.apply(new SourceFile(fileName, tmp));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temp file holds no state; it is removed on the next upload cleanup
                }
            }
        }
    }
}
