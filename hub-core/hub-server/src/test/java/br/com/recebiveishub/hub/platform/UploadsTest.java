package br.com.recebiveishub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads hold debtors' data: private while they exist, gone afterwards, and leftovers cleaned at start. */
class UploadsTest {

    @TempDir
    Path dataDir;

    @Test
    void theTempFileIsReadableByTheOwnerOnlyAndDeletedAfterwards() {
        byte[] body = "id_titulo;cpf_cnpj\r\nCR-1;52998224725\r\n".getBytes(StandardCharsets.UTF_8);

        Path seen = Uploads.withFile(dataDir, "titulos.csv", new ByteArrayInputStream(body), f -> {
            try {
                assertThat(f.name()).isEqualTo("titulos.csv");
                assertThat(Files.readAllBytes(f.path())).isEqualTo(body);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path()))).isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path().getParent()))).isEqualTo("rwx------");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return f.path();
        });

        assertThat(seen).doesNotExist();
        assertThat(seen.getParent()).isEqualTo(dataDir.resolve("uploads"));
    }

    @Test
    void deletesOnlyTheUploadsLeftBeforeTheStart() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("uploads"));
        Instant start = Instant.now();
        Path leftover = Files.writeString(dir.resolve("upload-123.bin"), "CR-1;52998224725");
        Files.setLastModifiedTime(leftover, FileTime.from(start.minus(Duration.ofHours(2))));
        Path inProgress = Files.writeString(dir.resolve("upload-456.bin"), "CR-2");
        Files.setLastModifiedTime(inProgress, FileTime.from(start.plusSeconds(1)));
        Path other = Files.writeString(dir.resolve("notes.txt"), "not an upload");
        Files.setLastModifiedTime(other, FileTime.from(start.minus(Duration.ofHours(2))));

        assertThat(Uploads.deleteLeftovers(dataDir, start)).isEqualTo(1);

        assertThat(leftover).doesNotExist();
        assertThat(inProgress).exists();
        assertThat(other).exists();
    }

    @Test
    void noUploadsDirectoryIsNothingToClean() throws Exception {
        assertThat(Uploads.deleteLeftovers(dataDir, Instant.now())).isZero();
    }
}
