package app.pacer.testing;

import app.pacer.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives every {@code @QuarkusTest} a database: the embedded PostgreSQL (fresh per test run, in
 * {@code target/}), unless {@code QUARKUS_DATASOURCE_JDBC_URL} points at a server.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    static final int PORT = Integer.getInteger("pacer.test.db.port", 54339);
    static final Path DATA = Path.of("target", "pacer-test-postgres").toAbsolutePath();
    /**
     * A system property, not a static field: a {@code @TestProfile} restarts Quarkus with this class loaded again,
     * and the second start must reuse the server (kept until the JVM exits) instead of wiping the running cluster.
     * It holds the URL; the password is read again from the cluster's password file.
     */
    private static final String STARTED = "app.pacer.testing.embedded-db-started";

    @Override
    public synchronized Map<String, String> start() {
        if (EmbeddedDatabase.externalConfigured()) {
            return Map.of();
        }
        if (System.getProperty(STARTED) != null) {
            return EmbeddedDatabase.running(DATA, PORT).quarkusConfig();
        }
        EmbeddedDatabase.Server server = EmbeddedDatabase.start(DATA, PORT, true);
        System.setProperty(STARTED, server.jdbcUrl());
        return server.quarkusConfig();
    }

    @Override
    public void stop() {
        // the server lives as long as the test JVM (zonky stops it from a shutdown hook)
    }
}
