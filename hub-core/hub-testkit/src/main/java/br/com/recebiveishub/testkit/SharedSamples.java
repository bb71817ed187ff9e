package br.com.recebiveishub.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the real sample files and specifications in {@code ../shared} (beside the repository),
 * read in place and never copied into the repository.
 *
 * <p>On a user's fresh clone {@code ../shared} is absent: a test that needs it is skipped with a
 * notice saying so. In CI ({@code CI=true}) its absence fails the test instead, so a green CI
 * always means the real files were checked.
 */
public final class SharedSamples {

    private SharedSamples() {
    }

    /** @return the {@code shared} directory, or null when it cannot be found */
    public static Path sharedDirOrNull() {
        String fromEnv = System.getenv("HUB_SHARED_DIR");
        if (fromEnv != null && Files.isDirectory(Paths.get(fromEnv, "samples"))) {
            return Paths.get(fromEnv).toAbsolutePath().normalize();
        }
        // Walk up from the working directory (a module dir under Surefire) to find ../shared beside the repo.
        Path dir = Paths.get("").toAbsolutePath();
        for (int i = 0; i < 5 && dir != null; i++) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("samples")) && !Files.exists(dir.resolve("pom.xml"))) {
                return candidate.normalize();
            }
            candidate = dir.resolveSibling("shared");
            if (Files.exists(dir.resolve(".git")) && Files.isDirectory(candidate.resolve("samples"))) {
                return candidate.normalize();
            }
            dir = dir.getParent();
        }
        return null;
    }

    /**
     * Returns a file under {@code shared/samples}, skipping the calling test (or failing it in CI)
     * when the samples are not there.
     *
     * @param relative path under {@code samples}, e.g. {@code cnab240/retorno-caixa-sigcb.ret}
     */
    public static Path sample(String relative) {
        return require("samples/" + relative);
    }

    /** As {@link #sample(String)}, for any path under {@code shared}. */
    public static Path require(String relative) {
        Path shared = sharedDirOrNull();
        String notice = "../shared is absent (a fresh clone has no real sample files): skipping a test that needs shared/" + relative;
        if (shared == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true but " + notice.replace("skipping", "cannot run"));
            }
            System.err.println("NOTICE: " + notice);
            Assumptions.abort(notice);
        }
        Path file = shared.resolve(relative);
        if (!Files.exists(file)) {
            Assertions.fail("shared/" + relative + " is missing from " + shared);
        }
        return file;
    }
}
