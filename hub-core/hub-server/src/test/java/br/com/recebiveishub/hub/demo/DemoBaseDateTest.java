package br.com.recebiveishub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.hub.platform.HubProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's base date is the first run's day, read back by every later run. */
class DemoBaseDateTest {

    @TempDir
    Path dataDir;

    DemoRunner demo() {
        return new DemoRunner(null, null, null, null, null, null, null, null, new HubProperties(dataDir, dataDir.resolve("plugins"), null));
    }

    @Test
    void theFirstRunStoresItsDayAndLaterRunsReuseIt() throws Exception {
        LocalDate firstDay = LocalDate.of(2026, 3, 2);

        assertThat(demo().baseDate("acme", firstDay)).isEqualTo(firstDay);
        assertThat(Files.readString(dataDir.resolve("demo-input/acme/base-date")).trim()).isEqualTo("2026-03-02");

        assertThat(demo().baseDate("acme", firstDay.plusDays(1))).isEqualTo(firstDay);
        assertThat(demo().baseDate("acme", LocalDate.of(2027, 1, 31))).isEqualTo(firstDay);
        assertThat(demo().baseDate("other", LocalDate.of(2027, 1, 31))).isEqualTo(LocalDate.of(2027, 1, 31));
    }

    @Test
    void aStoredDateIsReadAsIs() throws Exception {
        Files.createDirectories(dataDir.resolve("demo-input/acme"));
        Files.writeString(dataDir.resolve("demo-input/acme/base-date"), "2025-11-20\n");

        assertThat(demo().baseDate("acme", LocalDate.of(2026, 12, 3))).isEqualTo(LocalDate.of(2025, 11, 20));
    }

    @Test
    void aDamagedFileIsReportedNotReplaced() throws Exception {
        Files.createDirectories(dataDir.resolve("demo-input/acme"));
        Files.writeString(dataDir.resolve("demo-input/acme/base-date"), "yesterday");

        assertThatThrownBy(() -> demo().baseDate("acme", LocalDate.of(2026, 12, 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("base-date").hasMessageContaining("yyyy-MM-dd");
        assertThat(Files.readString(dataDir.resolve("demo-input/acme/base-date"))).isEqualTo("yesterday");
    }
}
