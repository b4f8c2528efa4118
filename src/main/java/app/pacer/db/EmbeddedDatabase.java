package app.pacer.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The PostgreSQL Pacer starts for itself when no {@code QUARKUS_DATASOURCE_JDBC_URL} is configured: for
 * {@code java -jar}, {@code quarkus:dev} and the tests. Data directory and port are fixed per install, so a
 * restart reuses the cluster (fast), and a server left behind by a killed JVM is found through its
 * {@code postmaster.pid} and stopped before a new one starts.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final int DEFAULT_PORT = 54329;

    private EmbeddedDatabase() {
    }

    /** Starts (or reuses, when this JVM already started it) the cluster in {@code dataDir}; returns its JDBC URL. */
    public static synchronized String start(Path dataDir, int port, boolean fresh) {
        try {
            Optional<ProcessHandle> running = runningServer(dataDir);
            if (running.isPresent()) {
                if (isOurChild(running.get()) && !fresh && acceptsConnections(port)) {
                    return jdbcUrl(port);
                }
                stop(running.get(), dataDir);
            }
            Files.createDirectories(dataDir);
            long started = System.nanoTime();
            EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(fresh)
                    .setPort(port)
                    // with locale C, trigram and text search ignore Chinese
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("max_connections", "100")
                    // zonky starts with fsync off (-F) for throwaway test clusters; a kept cluster must be durable
                    .setServerConfig("fsync", fresh ? "off" : "on")
                    .setServerConfig("synchronous_commit", fresh ? "off" : "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            LOG.infof("Embedded PostgreSQL ready on 127.0.0.1:%d (data in %s) in %d ms", port, dataDir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return jdbcUrl(port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The data directory and port for this install: {@code PACER_DATA_DIR} (default {@code ~/.pacer}). */
    public static Path defaultDataDir() {
        String configured = setting("pacer.data-dir", "PACER_DATA_DIR");
        Path base = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".pacer");
        return base.resolve("postgres");
    }

    public static int defaultPort() {
        String configured = setting("pacer.embedded-db.port", "PACER_EMBEDDED_DB_PORT");
        return configured != null ? Integer.parseInt(configured.trim()) : DEFAULT_PORT;
    }

    /** True when the operator pointed Pacer at an external PostgreSQL. */
    public static boolean externalConfigured() {
        String url = setting("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL");
        return url != null && !url.isBlank();
    }

    static String setting(String property, String env) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(env);
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static Optional<ProcessHandle> runningServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isOurChild(ProcessHandle server) {
        long self = ProcessHandle.current().pid();
        // zonky runs the server through `unshare` when we are root, so look two levels up
        Optional<ProcessHandle> parent = server.parent();
        return parent.map(p -> p.pid() == self || p.parent().map(g -> g.pid() == self).orElse(false)).orElse(false);
    }

    private static void stop(ProcessHandle orphan, Path dataDir) {
        LOG.warnf("Stopping a PostgreSQL left running on %s (pid %d)", dataDir, orphan.pid());
        orphan.destroy();
        try {
            orphan.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.destroyForcibly();
        }
    }

    private static boolean acceptsConnections(int port) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl(port), "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
