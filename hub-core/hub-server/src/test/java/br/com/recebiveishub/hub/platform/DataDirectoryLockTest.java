package br.com.recebiveishub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One holder per data directory; the holder's pid is in the file; closing frees the directory. */
class DataDirectoryLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondAttemptFailsNamingTheDirectoryAndTheHolderWhileTheFirstKeepsTheLock() throws Exception {
        long pid = ProcessHandle.current().pid();
        try (DataDirectoryLock first = DataDirectoryLock.acquire(dir)) {
            assertThatThrownBy(() -> DataDirectoryLock.acquire(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("another hub is running on data directory " + dir.toAbsolutePath().normalize() + " (pid " + pid + ")");

            assertThat(first.isHeld()).isTrue();
            assertThat(Files.readString(dir.resolve("hub.lock")).trim()).isEqualTo(String.valueOf(pid));
        }
        try (DataDirectoryLock again = DataDirectoryLock.acquire(dir)) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    @Test
    void createsTheDataDirectory() {
        Path fresh = dir.resolve("a/b");
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(fresh)) {
            assertThat(lock.file()).isEqualTo(fresh.resolve("hub.lock"));
            assertThat(lock.file()).exists();
        }
    }
}
