package br.com.recebiveishub.hub.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs the demo at start-up when {@code hub.demo.enabled=true} (what {@code ./hub demo [DIR]} sets), then keeps serving. */
@Component
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true")
public class DemoCommand implements ApplicationRunner {

    private final DemoRunner demo;
    private final String samplesDir;
    private final int port;

    public DemoCommand(DemoRunner demo, @Value("${hub.demo.samples-dir:}") String samplesDir, @Value("${server.port:8080}") int port) {
        this.demo = demo;
        this.samplesDir = samplesDir;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Path dir = null;
        if (!samplesDir.isBlank()) {
            dir = Path.of(samplesDir).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir.resolve("nfe")) || !Files.exists(dir.resolve(DemoRunner.REAL_RETURN))) {
                throw new IllegalArgumentException("demo: " + dir + " does not look like the samples directory "
                        + "(expected nfe/*.xml and " + DemoRunner.REAL_RETURN + ")");
            }
        }
        demo.run(DemoRunner.TENANT, dir, System.out, Duration.ofMinutes(2));
        System.out.println("The hub keeps serving on http://127.0.0.1:" + port + " (Ctrl-C to stop).");
    }
}
