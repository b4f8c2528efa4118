package app.pacer.db;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the embedded PostgreSQL before Quarkus when no external database is configured, so
 * {@code java -jar} and {@code quarkus:dev} need nothing installed.
 */
@QuarkusMain
public final class PacerMain {

    private PacerMain() {
    }

    public static void main(String... args) {
        // the digest's charts are drawn with AWT, and a server has no display (Quarkus sets this only for native images)
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (!EmbeddedDatabase.externalConfigured()) {
            String url = EmbeddedDatabase.start(EmbeddedDatabase.defaultDataDir(), EmbeddedDatabase.defaultPort(), false);
            System.setProperty("quarkus.datasource.jdbc.url", url);
            System.setProperty("quarkus.datasource.username", "postgres");
        }
        Quarkus.run(args);
    }
}
