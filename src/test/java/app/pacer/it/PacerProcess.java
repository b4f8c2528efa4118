package app.pacer.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged Pacer ({@code target/quarkus-app}) as a separate process, for crash and load tests. */
public final class PacerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PacerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Pacer with these environment variables and waits until it is ready. */
    public static PacerProcess start(Map<String, String> env, String name) throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build Pacer first (./mvnw package): " + jar + " is missing");
        }
        int port = freePort();
        Path log = Path.of("target", name + ".log");
        List<String> command = new ArrayList<>(jvm());
        if (!Boolean.getBoolean("bench.noArchive") && !env.containsKey(WITHOUT_ARCHIVE) && train(env)) {
            command.add("-XX:SharedArchiveFile=" + ARCHIVE); // never without the file: the JVM would drop its own archive too
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // as the container image runs it (deploy/container/Dockerfile)
        builder.environment().putAll(env);
        builder.environment().remove(WITHOUT_ARCHIVE);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Process process = builder.start();
        PacerProcess pacer = new PacerProcess(process, port, log);
        pacer.awaitReady(Duration.ofSeconds(60));
        return pacer;
    }

    /** The class archive of a training run, as the container image makes it (deploy/container/Dockerfile). */
    public static final Path ARCHIVE = Path.of("target", "quarkus-app", "app-cds.jsa");

    /** In the environment given to {@link #start}: this one runs without the archive. */
    public static final String WITHOUT_ARCHIVE = "BENCH_WITHOUT_ARCHIVE";

    /** A training run that failed: not tried again in this run (each attempt costs a start). */
    private static boolean trainingFailed;

    /**
     * Makes {@link #ARCHIVE} unless it is newer than the build and the JVM settings: Pacer starts once with these
     * variables, stops as soon as it is up ({@code -Dtraining-run=true}), and the JVM archives every class it loaded.
     * Like the image, Pacer then starts with it. False when there is no usable archive (the training failed).
     */
    public static synchronized boolean train(Map<String, String> env) throws IOException, InterruptedException {
        Path app = Path.of("target", "quarkus-app");
        List<String> command = new ArrayList<>(jvm());
        long built;
        try (var files = Files.walk(app)) {
            built = files.filter(f -> !f.equals(ARCHIVE)).mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
        }
        built = Math.max(built, Path.of("deploy", "jvm.options").toFile().lastModified());
        Path stamp = Path.of("target", "app-cds.settings");
        String settings = String.join(" ", command); // the JDK and the JVM flags the archive was made with
        if (Files.exists(ARCHIVE) && ARCHIVE.toFile().lastModified() >= built && Files.exists(stamp)
                && Files.readString(stamp).equals(settings)) {
            return true;
        }
        if (trainingFailed) {
            return false;
        }
        Files.deleteIfExists(ARCHIVE);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Dtraining-run=true",
                "-jar", app.resolve("quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "training-run.log").toFile());
        builder.environment().putAll(env);
        builder.environment().remove(WITHOUT_ARCHIVE);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(freePort()));
        Process training = builder.start();
        boolean done = training.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        if (!done) {
            training.destroyForcibly().waitFor();
        }
        if (!done || training.exitValue() != 0 || !Files.exists(ARCHIVE)) {
            Files.deleteIfExists(ARCHIVE); // a failed start may still have written a partial one
            trainingFailed = true;
            return false;
        }
        Files.writeString(stamp, settings);
        return true;
    }

    /**
     * {@code java} with Pacer's documented JVM settings ({@code deploy/jvm.options}, as the container image runs it),
     * plus {@code -Dbench.jvmArgs="..."} to look inside (a flight recording, say; {@code %n} in it becomes a number of
     * the process's own).
     */
    public static List<String> jvm() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("deploy", "jvm.options").toAbsolutePath()));
        String extra = System.getProperty("bench.jvmArgs", "").strip();
        if (!extra.isEmpty()) {
            // %n: a number of its own per process, so each one's recording or log has its own file
            command.addAll(List.of(extra.replace("%n", String.valueOf(System.nanoTime())).split("\\s+")));
        }
        return command;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Pacer exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(20); // the startup figure is measured through this: a coarse poll would add to it
        }
        throw new IllegalStateException("Pacer not ready within " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hooks, no goodbyes. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static File logOf(String name) {
        return Path.of("target", name + ".log").toFile();
    }
}
