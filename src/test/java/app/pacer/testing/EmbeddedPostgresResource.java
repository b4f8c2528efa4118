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
    private static boolean startedInThisJvm;

    @Override
    public synchronized Map<String, String> start() {
        if (EmbeddedDatabase.externalConfigured()) {
            return Map.of();
        }
        String url = EmbeddedDatabase.start(Path.of("target", "pacer-test-postgres").toAbsolutePath(), PORT, !startedInThisJvm);
        startedInThisJvm = true;
        return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", "postgres");
    }

    @Override
    public void stop() {
        // the server lives as long as the test JVM (zonky stops it from a shutdown hook)
    }
}
