package app.pacer.db;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
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
        ClassPreload.start(PacerMain.class.getClassLoader());
        // the digest's charts are drawn with AWT, and a server has no display (Quarkus sets this only for native images)
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (!EmbeddedDatabase.externalConfigured()) {
            EmbeddedDatabase.start(EmbeddedDatabase.defaultDataDir(), EmbeddedDatabase.defaultPort(), false)
                    .quarkusConfig().forEach(System::setProperty);
        }
        Quarkus.run(Run.class, args);
    }

    /**
     * Runs until told to stop; a training run ({@code -Dtraining-run=true}) stops as soon as Pacer is up, so that
     * {@code -XX:ArchiveClassesAtExit} archives every class startup needed (deploy/container/Dockerfile).
     */
    public static final class Run implements QuarkusApplication {

        static final String TRAINING = "training-run";

        @Override
        public int run(String... args) {
            if (Boolean.getBoolean(TRAINING)) {
                ClassPreload.await();
                return 0;
            }
            Quarkus.waitForExit();
            return 0;
        }
    }
}
