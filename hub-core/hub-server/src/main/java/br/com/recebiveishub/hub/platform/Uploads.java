package br.com.recebiveishub.hub.platform;

import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Files posted to the API: stored in a private temp file under {@code <data-dir>/uploads} (the
 * directory 700, the file 600: they hold debtors' data), handed over, deleted. A file a crash left
 * behind is deleted at the next start ({@link Cleanup}).
 */
public final class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    static final String DIR = "uploads";
    static final String PREFIX = "upload-";
    static final String SUFFIX = ".bin";
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private Uploads() {
    }

    /** Largest upload kept (a 1M-title ERP export is about 180 MB): more is refused before it fills the disk. */
    static final long MAX_BYTES = 1L << 30;

    /**
     * Runs {@code action} on the uploaded bytes as a {@link SourceFile} named {@code fileName}.
     *
     * @throws IllegalArgumentException when the name is not a plain file name
     */
    public static <T> T withFile(Path dataDir, String fileName, InputStream body, Function<SourceFile, T> action) {
        if (fileName == null || !fileName.matches("[A-Za-z0-9][A-Za-z0-9._ -]{0,200}") || fileName.contains("..")) {
            throw new IllegalArgumentException("fileName: a plain file name is required (letters, digits, '.', '_', '-', ' ')");
        }
        Path tmp = null;
        try {
            Path dir = uploadsDir(dataDir);
            tmp = posix(dir) ? Files.createTempFile(dir, PREFIX, SUFFIX, PosixFilePermissions.asFileAttribute(OWNER_RW))
                    : Files.createTempFile(dir, PREFIX, SUFFIX);
            // Write into the file just created: Files.copy(..., REPLACE_EXISTING) would delete it and create
            // a new one with the umask's permissions (typically 644, readable by every local user).
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = body.read(buf)) > 0; ) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new IllegalArgumentException("body: larger than " + (MAX_BYTES >> 20) + " MB; split the file");
                    }
                    out.write(buf, 0, n);
                }
            }
            return action.apply(new SourceFile(fileName, tmp));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    log.warn("Could not delete the upload {}; it is deleted at the next start: {}", tmp.getFileName(), e.toString());
                }
            }
        }
    }

    /**
     * Deletes the upload temp files last modified before {@code startedAt} (left by a crash or a failed
     * delete of an earlier run); files of uploads in progress are newer and stay.
     *
     * @return how many files were deleted
     */
    static int deleteLeftovers(Path dataDir, Instant startedAt) throws IOException {
        Path dir = dataDir.resolve(DIR);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, OWNER_RWX);
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path f : files) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(startedAt)
                        && Files.deleteIfExists(f)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static Path uploadsDir(Path dataDir) throws IOException {
        Path dir = dataDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dataDir);
            FileAttribute<?>[] attrs = posix(dataDir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RWX)}
                    : new FileAttribute<?>[0];
            try {
                Files.createDirectory(dir, attrs);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another upload created it
            }
        }
        return dir;
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Deletes the uploads an earlier run left behind, once the hub is up. */
    @Component
    static class Cleanup {

        private final Path dataDir;
        /** Taken while the context is built, before the web server accepts any upload. */
        private final Instant startedAt = Instant.now();

        Cleanup(HubProperties props) {
            this.dataDir = props.dataDir();
        }

        @EventListener(ApplicationReadyEvent.class)
        void clean() {
            try {
                int n = deleteLeftovers(dataDir, startedAt);
                if (n > 0) {
                    log.info("Deleted {} upload file(s) left by an earlier run in {}", n, dataDir.resolve(DIR));
                }
            } catch (IOException e) {
                log.warn("Could not clean {}: {}", dataDir.resolve(DIR), e.toString());
            }
        }
    }
}
