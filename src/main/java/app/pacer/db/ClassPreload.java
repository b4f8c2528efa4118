package app.pacer.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a second core, the classes startup is about to need, in the order it needs them ({@code
 * META-INF/pacer-preload.txt}, written by {@code ClassListIT}), while the main thread boots: startup is mostly
 * class loading on one thread. Loading only (no static initialisers run here), so nothing happens earlier or
 * differently than without it; a name that is not there any more is skipped. Measured on two cores with an
 * external database (median of 4): ready in 4.0 s instead of 5.2; with the container image's class archive as well,
 * 3.3 s instead of 4.0.
 */
final class ClassPreload {

    static final String LIST = "META-INF/pacer-preload.txt";

    /** {@code -Dclass-preload=off}: none (to see what startup loads by itself, as {@code ClassListIT} does). */
    static final String SWITCH = "class-preload";

    private static volatile Thread running;

    private ClassPreload() {
    }

    static void start(ClassLoader loader) {
        if ("off".equals(System.getProperty(SWITCH))) {
            return;
        }
        Thread thread = new Thread(() -> run(loader), "pacer-preload");
        thread.setDaemon(true);
        thread.start();
        running = thread;
    }

    /** Waits until the whole list is loaded (a training run archives what is loaded when it exits). */
    static void await() {
        Thread thread = running;
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void run(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(LIST)) {
            if (in == null) {
                return;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String name = lines.readLine(); name != null; name = lines.readLine()) {
                try {
                    Class.forName(name, false, loader);
                } catch (Throwable gone) {
                    // renamed or removed since the list was made: the main thread loads what it needs anyway
                }
            }
        } catch (IOException e) {
            // no list, no head start
        }
    }
}
