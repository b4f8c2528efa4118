package app.pacer.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the node checks of {@code src/test/node} (installed into {@code target/node} by the build's {@code npm ci})
 * and hands back its exit code and output, so a JUnit assertion can show what the tool said.
 */
public final class NodeChecks {

    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private NodeChecks() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("checks.node.dir", "target/node")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException("The node checks are not installed in " + dir
                    + ": run them through Maven (the build runs npm ci there), with node and npm on the PATH");
        }
        return dir;
    }

    public static Result run(String script, Object... args) throws IOException, InterruptedException {
        Path dir = dir();
        List<String> command = new ArrayList<>(List.of("node", dir.resolve(script).toString()));
        for (Object arg : args) {
            command.add(arg instanceof Path p ? p.toAbsolutePath().toString() : arg.toString());
        }
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish in 2 minutes");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
