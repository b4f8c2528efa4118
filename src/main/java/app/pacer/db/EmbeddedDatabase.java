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
 * <p>
 * It listens on loopback only, and even there asks for a password (scram-sha-256): any local user or process
 * could otherwise connect as the superuser. The password is generated once per install and kept next to the
 * cluster, readable by its owner only ({@code <data dir>/postgres.password}, mode 0600), so restarts reuse it.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final int DEFAULT_PORT = 54329;

    private EmbeddedDatabase() {
    }

    /** The superuser the cluster is created with. */
    public static final String USER = "postgres";

    /** How to reach a started cluster. */
    public record Server(String jdbcUrl, String username, String password) {

        /** The datasource settings handed to Quarkus. */
        public java.util.Map<String, String> quarkusConfig() {
            return java.util.Map.of("quarkus.datasource.jdbc.url", jdbcUrl, "quarkus.datasource.username", username,
                    "quarkus.datasource.password", password);
        }

        /**
         * The URL with the credentials in it, for tools that pass a bare JDBC URL around (benchmarks, integration
         * tests starting Pacer processes): the driver prefers them to any given beside it.
         */
        public String jdbcUrlWithCredentials() {
            return jdbcUrl + "?user=" + username + "&password=" + password;
        }
    }

    /** Starts (or reuses, when this JVM already started it) the cluster in {@code dataDir}. */
    public static synchronized Server start(Path dataDir, int port, boolean fresh) {
        try {
            Files.createDirectories(dataDir.getParent());
            Path passwordFile = passwordFile(dataDir);
            Optional<ProcessHandle> running = runningServer(dataDir);
            if (running.isPresent()) {
                if (isOurChild(running.get()) && !fresh && Files.isRegularFile(passwordFile)
                        && acceptsConnections(port, Files.readString(passwordFile).strip())) {
                    return new Server(jdbcUrl(port), USER, Files.readString(passwordFile).strip());
                }
                stop(running.get(), dataDir);
            }
            if (fresh) {
                // a throwaway cluster (tests): what a killed run left behind goes, with its password
                deleteTree(dataDir);
                Files.deleteIfExists(passwordFile);
            }
            boolean created = !Files.isRegularFile(dataDir.resolve("PG_VERSION"));
            if (!created && !Files.isRegularFile(passwordFile) && !trusts(Files.readString(dataDir.resolve("pg_hba.conf")))) {
                throw new IllegalStateException("The embedded PostgreSQL in " + dataDir + " asks for a password, and "
                        + passwordFile + " that holds it is gone: restore it, or delete " + dataDir + " to start afresh");
            }
            String password = password(passwordFile);
            Files.createDirectories(dataDir);
            long started = System.nanoTime();
            EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(fresh)
                    .setPort(port)
                    // with locale C, trigram and text search ignore Chinese
                    .setLocaleConfig("locale", "C.UTF-8")
                    // initdb: zonky passes "-A trust" first; these come after it and win (a new cluster only)
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password)
                    .setServerConfig("max_connections", "100")
                    // zonky starts with fsync off (-F) for throwaway test clusters; a kept cluster must be durable
                    .setServerConfig("fsync", fresh ? "off" : "on")
                    .setServerConfig("synchronous_commit", fresh ? "off" : "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            if (!created) {
                requirePassword(dataDir, port, password); // a cluster made before passwords: trust until now
            }
            LOG.infof("Embedded PostgreSQL ready on 127.0.0.1:%d (data in %s) in %d ms", port, dataDir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new Server(jdbcUrl(port), USER, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** A {@code pg_hba.conf} rule ending in {@code trust} (comment lines aside). */
    private static final String TRUST = "\\btrust\\s*$";

    static boolean trusts(String hbaRules) {
        return hbaRules.lines().anyMatch(line -> !line.startsWith("#") && java.util.regex.Pattern.compile(TRUST).matcher(line).find());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The cluster this JVM started in {@code dataDir} and still runs, with its password read again. */
    public static Server running(Path dataDir, int port) {
        try {
            return new Server(jdbcUrl(port), USER, Files.readString(passwordFile(dataDir)).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("No password for the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** Beside the cluster, in Pacer's data directory: {@code ~/.pacer/postgres.password}. */
    static Path passwordFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".password");
    }

    /** The install's password: read, or generated (random, 192 bits) and written readable by the owner only. */
    private static String password(Path file) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (Files.isRegularFile(file)) {
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            String kept = Files.readString(file).strip();
            if (!kept.isEmpty()) {
                return kept;
            }
            Files.delete(file);
        }
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        if (posix) {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, password + "\n");
        return password;
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");

    /**
     * A cluster created before it had a password trusts every local connection: give the superuser the password and
     * switch {@code pg_hba.conf} from {@code trust} to {@code scram-sha-256}, then reload.
     */
    private static void requirePassword(Path dataDir, int port, String password) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        String rules = Files.readString(hba);
        if (!trusts(rules)) {
            return;
        }
        String strict = rules.lines().map(line -> line.startsWith("#") ? line : line.replaceAll(TRUST, "scram-sha-256"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        try (Connection c = DriverManager.getConnection(jdbcUrl(port), USER, password);
                var statement = c.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password.replace("'", "''") + "'");
            Files.writeString(hba, strict);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL's password", e);
        }
        LOG.infof("The embedded PostgreSQL in %s now asks for a password", dataDir);
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

    private static boolean acceptsConnections(int port, String password) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl(port), USER, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
