package app.pacer.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Issue 27: the embedded PostgreSQL listened on loopback with trust authentication, so any local user or process
 * could connect as its superuser. It asks for a generated password now, kept beside the cluster for restarts.
 */
class EmbeddedDatabaseTest {

    @Test
    void connectingWithoutThePasswordIsRefused() throws Exception {
        Path data = Path.of("target", "embedded-db-auth-test").toAbsolutePath();
        EmbeddedDatabase.Server server = EmbeddedDatabase.start(data, 54369, true);
        assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "").close());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres").close());
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
            assertTrue(c.isValid(2));
        }
        try (Connection c = DriverManager.getConnection(server.jdbcUrlWithCredentials())) {
            assertTrue(c.isValid(2));
        }

        Path file = EmbeddedDatabase.passwordFile(data);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(server.password(), Files.readString(file).strip());
        assertTrue(server.password().length() >= 32, "a generated password, not a word");
        // what a second Quarkus start in this JVM (a test profile) is handed: the same server, the same password
        assertEquals(server, EmbeddedDatabase.running(data, 54369));
    }

    @Test
    void aClusterMadeBeforePasswordsAsksForOneAfterTheNextStart() throws Exception {
        // what an install made before this change has: a cluster initialised with trust, and no password file
        Path old = Path.of("target", "embedded-db-trust-old").toAbsolutePath();
        if (Files.exists(old)) {
            try (var paths = Files.walk(old)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.deleteIfExists(EmbeddedDatabase.passwordFile(old));
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(old).setCleanDataDirectory(false)
                .setPort(54389).setLocaleConfig("locale", "C.UTF-8").start()) {
            DriverManager.getConnection(trusting.getJdbcUrl("postgres", "postgres")).close(); // trust: no password
        }
        EmbeddedDatabase.Server upgraded = EmbeddedDatabase.start(old, 54389, false);
        assertThrows(SQLException.class, () -> DriverManager.getConnection(upgraded.jdbcUrl(), "postgres", "").close());
        try (Connection c = DriverManager.getConnection(upgraded.jdbcUrl(), upgraded.username(), upgraded.password())) {
            assertTrue(c.isValid(2));
        }
        assertTrue(Files.readString(old.resolve("pg_hba.conf")).contains("scram-sha-256"));
    }
}
