package br.com.recebiveishub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The running hub has the start-up cleaner of its own uploads directory. */
class UploadsCleanupTest extends HubIntegrationTest {

    @Autowired
    Uploads.Cleanup cleanup;
    @Autowired
    HubProperties props;

    @Test
    void cleansTheHubsUploadsDirectoryOfFilesOlderThanTheStart() throws Exception {
        Path dir = Files.createDirectories(props.dataDir().resolve("uploads"));
        Path leftover = Files.writeString(dir.resolve("upload-crashed.bin"), "CR-1;52998224725;Maria");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        Path current = Files.writeString(dir.resolve("upload-current.bin"), "CR-2");

        cleanup.clean();

        assertThat(leftover).doesNotExist();
        assertThat(current).exists();
        Files.delete(current);
    }
}
