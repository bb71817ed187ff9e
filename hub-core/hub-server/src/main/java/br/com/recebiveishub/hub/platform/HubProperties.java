package br.com.recebiveishub.hub.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hub's own settings ({@code hub.*}).
 *
 * @param dataDir    where the hub keeps its state: embedded database, tenant inboxes and outboxes
 * @param pluginsDir where plugin zips are loaded from
 * @param zone       business time zone for dates (due dates, aging)
 */
@ConfigurationProperties(prefix = "hub")
public record HubProperties(Path dataDir, Path pluginsDir, String zone) {

    public HubProperties {
        if (dataDir == null) {
            dataDir = Path.of(".hub");
        }
        if (pluginsDir == null) {
            pluginsDir = Path.of("plugins");
        }
        if (zone == null) {
            zone = "America/Sao_Paulo";
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        pluginsDir = pluginsDir.toAbsolutePath().normalize();
    }

    /** @return the business time zone */
    public java.time.ZoneId zoneId() {
        return java.time.ZoneId.of(zone);
    }
}
