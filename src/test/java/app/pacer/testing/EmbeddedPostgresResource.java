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
    /**
     * A system property, not a static field: a {@code @TestProfile} restarts Quarkus with this class loaded again,
     * and the second start must reuse the server (kept until the JVM exits) instead of wiping the running cluster.
     */
    private static final String STARTED = "app.pacer.testing.embedded-db-started";

    @Override
    public synchronized Map<String, String> start() {
        if (EmbeddedDatabase.externalConfigured()) {
            return Map.of();
        }
        String started = System.getProperty(STARTED);
        if (started != null) {
            return Map.of("quarkus.datasource.jdbc.url", started, "quarkus.datasource.username", "postgres");
        }
        String url = EmbeddedDatabase.start(Path.of("target", "pacer-test-postgres").toAbsolutePath(), PORT, true);
        System.setProperty(STARTED, url);
        return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", "postgres");
    }

    @Override
    public void stop() {
        // the server lives as long as the test JVM (zonky stops it from a shutdown hook)
    }
}
