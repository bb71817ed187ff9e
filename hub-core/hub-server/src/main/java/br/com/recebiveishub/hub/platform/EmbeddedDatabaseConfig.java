package br.com.recebiveishub.hub.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.core.env.Environment;

/**
 * When no {@code spring.datasource.url} is configured, the hub runs its own PostgreSQL (zonky's
 * binaries from Maven) with the data directory kept under {@code hub.data-dir/postgres}, so the
 * same SQL dialect serves a laptop, the tests and production and the demo's data survives a
 * restart.
 *
 * <p>Why a configuration and not an EnvironmentPostProcessor: the server must outlive Camel and
 * the connection pool at shutdown, so it is a bean the pool depends on, closed by Spring after
 * them (zonky's own shutdown hook is off because it would kill PostgreSQL first).
 *
 * <p>One hub per data directory: {@code <data-dir>/hub.lock} is taken before anything touches the
 * directory and held until the context closes; a second hub fails start-up naming the holder's pid.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);
    static final String DATABASE = "hub";
    /** The login role the application runs as (row-level security applies to it). */
    public static final String APP_ROLE = "hub_app";

    /**
     * Takes {@code <data-dir>/hub.lock} (see {@link DataDirectoryLock}) while the bean factory is
     * prepared, before any bean touches the data directory: a second hub on the same directory fails
     * at once instead of wiping the first hub's plugin runtime or stopping its PostgreSQL. A
     * BeanFactoryPostProcessor because those run before every ordinary bean; the lock is released when
     * the context closes, after the pool and PostgreSQL (which depend on it) are closed.
     */
    @Bean
    static DataDirectoryLockHolder hubDataDirectoryLock(Environment env) {
        return new DataDirectoryLockHolder(env);
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(HubProperties props, DataDirectoryLockHolder lock,
                                      @org.springframework.beans.factory.annotation.Value("${hub.embedded-db.shared-buffers:512MB}")
                                      String sharedBuffers) throws IOException {
        lock.requireHeld();
        Path root = props.dataDir().resolve("postgres");
        // zonky deletes stale sub-directories of its working directory: keep the data directory out of it.
        Path work = root.resolve("runtime");
        Path data = root.resolve("data");
        Path socket = root.resolve("socket");
        Files.createDirectories(work);
        Files.createDirectories(data);
        Files.createDirectories(socket);
        removeLeftoverPostmaster(data, work);
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
                // zonky turns it off; off, a crash could lose a commit whose file is already in done/
                .setServerConfig("synchronous_commit", "on")
                // PostgreSQL's 128MB default: a 1M-receivable import then misses the cache on every unique-key
                // insert once the table and its indexes outgrow it (docs/performance.md)
                .setServerConfig("shared_buffers", sharedBuffers)
                .start();
        log.info("Embedded PostgreSQL started on 127.0.0.1:{} in {} ms, data in {}", pg.getPort(),
                (System.nanoTime() - t0) / 1_000_000, data);
        createDatabase(pg);
        return pg;
    }

    /**
     * A {@code kill -9} of the hub leaves postmaster.pid behind, and perhaps its PostgreSQL running.
     * Called only while this hub holds the data directory lock, so no other hub uses the directory; the
     * postmaster is stopped only when its pid runs this directory's PostgreSQL binary (after a reboot the
     * pid may name anything), otherwise the stale file is just deleted.
     */
    private static void removeLeftoverPostmaster(Path data, Path binaries) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : null;
        LeftoverPostmaster.Decision d = LeftoverPostmaster.decide(lines, binaries.toRealPath(), ProcessHandle.current().pid(),
                LeftoverPostmaster::liveCommandOf);
        switch (d.action()) {
            case NONE -> {
                return;
            }
            case DELETE_PID_FILE -> log.warn("Removing a stale postmaster.pid (pid {}): {}", d.pid(), d.reason());
            case STOP_POSTMASTER -> {
                ProcessHandle.of(d.pid()).ifPresent(p -> {
                    p.destroy(); // SIGTERM: PostgreSQL's smart shutdown, its clients died with the old hub
                    try {
                        p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
                log.warn("Stopped an orphan PostgreSQL (pid {}) left by an earlier run", d.pid());
            }
        }
        Files.deleteIfExists(pidFile);
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

    /** Holds the data directory lock for the context (see {@link #hubDataDirectoryLock}). */
    static final class DataDirectoryLockHolder implements BeanFactoryPostProcessor, DisposableBean {

        private final Path dataDir;
        private DataDirectoryLock lock;

        DataDirectoryLockHolder(Environment env) {
            // HubProperties is not bound yet this early: the same property, the same defaults and normalisation.
            String dir = env.getProperty("hub.data-dir");
            this.dataDir = new HubProperties(dir == null || dir.isBlank() ? null : Path.of(dir), null, null).dataDir();
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            lock = DataDirectoryLock.acquire(dataDir);
            log.info("Holding {} (one hub per data directory)", lock.file());
        }

        void requireHeld() {
            if (lock == null || !lock.isHeld()) {
                throw new IllegalStateException("the hub does not hold the lock of data directory " + dataDir);
            }
        }

        @Override
        public void destroy() {
            if (lock != null) {
                lock.close();
                lock = null;
            }
        }
    }
}
