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
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;

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
    /** The login role the application runs as (row-level security applies to it). */
    public static final String APP_ROLE = "hub_app";

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

    /**
     * The application's pool, as the login role {@value #APP_ROLE}: it owns nothing and lacks
     * BYPASSRLS, so PostgreSQL's row-level security applies to every query it runs.
     */
    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(EmbeddedPostgres pg, HubProperties props) throws IOException {
        String password = appRolePassword(pg, props.dataDir().resolve("postgres"));
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl(APP_ROLE, DATABASE) + "&reWriteBatchedInserts=true");
        ds.setUsername(APP_ROLE);
        ds.setPassword(password);
        ds.setMaximumPoolSize(10);
        ds.setPoolName("hub");
        return ds;
    }

    /** Migrations run as the database owner (superuser of the embedded server). */
    @Bean(destroyMethod = "close")
    @FlywayDataSource
    HikariDataSource ownerDataSource(EmbeddedPostgres pg) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", DATABASE));
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(2);
        ds.setPoolName("hub-owner");
        return ds;
    }

    /** Creates the application role on first start; its password lives beside the data, readable by the owner only. */
    private static String appRolePassword(EmbeddedPostgres pg, Path root) throws IOException {
        Path file = root.resolve("app-role.secret");
        String password;
        if (Files.exists(file)) {
            password = Files.readString(file).trim();
        } else {
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            password = java.util.HexFormat.of().formatHex(random);
            Files.writeString(file, password);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data directory's own permissions protect it
            }
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + APP_ROLE + "') then "
                    + "create role " + APP_ROLE + " login nosuperuser nocreatedb nocreaterole nobypassrls; end if; end $$");
            st.execute("alter role " + APP_ROLE + " password '" + password + "'");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the application role in the embedded PostgreSQL", e);
        }
        return password;
    }
}
