package br.com.recebiveishub.hub.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * When no {@code spring.datasource.url} is configured, the hub runs its own PostgreSQL (zonky's
 * binaries from Maven) with the data directory kept under {@code hub.data-dir/postgres}, so the
 * same SQL dialect serves a laptop, the tests and production and the demo's data survives a
 * restart.
 *
 * <p>Why a configuration and not an EnvironmentPostProcessor: the server must outlive Camel and
 * the connection pool at shutdown, so it is a bean the pool depends on, closed by Spring after
 * them (zonky's own shutdown hook is off because it would kill PostgreSQL first).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);
    static final String DATABASE = "hub";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(HubProperties props) throws IOException {
        Path root = props.dataDir().resolve("postgres");
        // zonky deletes stale sub-directories of its working directory: keep the data directory out of it.
        Path work = root.resolve("runtime");
        Path data = root.resolve("data");
        Path socket = root.resolve("socket");
        Files.createDirectories(work);
        Files.createDirectories(data);
        Files.createDirectories(socket);
        removeStalePid(data);
        long t0 = System.nanoTime();
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("unix_socket_directories", socket.toString())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "50")
                .setServerConfig("fsync", "on")
                .start();
        log.info("Embedded PostgreSQL started on 127.0.0.1:{} in {} ms, data in {}", pg.getPort(),
                (System.nanoTime() - t0) / 1_000_000, data);
        createDatabase(pg);
        return pg;
    }

    /** A {@code kill -9} leaves postmaster.pid behind; a dead pid must not block the next start. */
    private static void removeStalePid(Path data) throws IOException {
        Path pid = data.resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return;
        }
        String first = Files.readAllLines(pid).stream().findFirst().orElse("").trim();
        boolean alive = false;
        try {
            alive = ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException ignored) {
            // unreadable pid file: treat as stale
        }
        if (alive) {
            // An orphan postmaster from a killed hub still owns the directory: stop it cleanly.
            ProcessHandle.of(Long.parseLong(first)).ifPresent(p -> {
                p.destroy();
                try {
                    p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            });
            log.warn("Stopped an orphan PostgreSQL (pid {}) left by an earlier run", first);
        }
        Files.deleteIfExists(pid);
    }

    private static void createDatabase(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the hub database in the embedded PostgreSQL", e);
        }
    }

    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(EmbeddedPostgres pg) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", DATABASE) + "&reWriteBatchedInserts=true");
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(10);
        ds.setPoolName("hub");
        return ds;
    }
}
