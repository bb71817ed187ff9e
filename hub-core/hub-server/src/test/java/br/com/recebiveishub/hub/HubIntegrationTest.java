package br.com.recebiveishub.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Base of the tests that run the whole hub: the real embedded PostgreSQL, Flyway, the bundled
 * plugin zips from target/plugins and the Camel inbox routes. One Spring context (and one
 * database) serves every subclass; each test works in its own tenant, so tests never see each
 * other's data. The data directory is wiped once per test JVM so every build starts clean.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.data-dir=target/it-hub",
        "hub.plugins-dir=target/plugins",
        "hub.inbox.poll-millis=200",
        "hub.inbox.unchanged-millis=300"
})
public abstract class HubIntegrationTest {

    static {
        Path data = Path.of("target/it-hub");
        if (Files.exists(data)) {
            try (Stream<Path> walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** @return a tenant id no other test uses */
    protected static String newTenantId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
