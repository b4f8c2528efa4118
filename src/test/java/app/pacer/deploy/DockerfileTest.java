package app.pacer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/container/Dockerfile} cannot be built here (no Docker), so it is linted (dockerfile-utils, the linter
 * of the VS Code Docker extension) and held to the conventions the issue asks for.
 */
class DockerfileTest {

    static final Path DOCKERFILE = Path.of("deploy", "container", "Dockerfile");

    @Test
    void lintsClean() throws Exception {
        NodeChecks.Result result = NodeChecks.run("lint-dockerfile.mjs", DOCKERFILE);
        assertTrue(result.ok(), result.output());
    }

    @Test
    void theLinterCatchesMistakes(@TempDir Path temp) throws Exception {
        Path bad = temp.resolve("Dockerfile");
        Files.writeString(bad, "FROM eclipse-temurin:17-jre\nEXPOSE http\nCMD [\"a\"]\nCMD [\"b\"]\nMAINTAINER someone\n");
        NodeChecks.Result result = NodeChecks.run("lint-dockerfile.mjs", bad);
        assertFalse(result.ok(), result.output());
        assertTrue(result.output().contains(":2:"), "bad port: " + result.output());
        assertTrue(result.output().contains(":3:"), "two CMDs: " + result.output());
        assertTrue(result.output().contains(":5:"), "MAINTAINER: " + result.output());
    }

    @Test
    void multiStageSlimJre17NonRootWithHealthCheck() throws Exception {
        List<String> lines = Files.readAllLines(DOCKERFILE).stream().map(String::trim)
                .filter(l -> !l.startsWith("#") && !l.isEmpty()).toList();
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, froms.size(), "a build stage and a runtime stage");
        assertTrue(froms.get(0).contains(" AS build"), froms.get(0));
        assertTrue(froms.get(1).matches("FROM eclipse-temurin:17-jre\\S*"), "runtime on a JRE 17: " + froms.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.matches("RUN .*mvnw -B .*package.*")), "Maven build");
        int runtime = lines.indexOf(froms.get(1));
        List<String> stage = lines.subList(runtime, lines.size());
        String user = stage.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertFalse(user.matches("USER (root|0)(:.*)?"), user);
        assertTrue(stage.stream().anyMatch(l -> l.startsWith("HEALTHCHECK ")), "health check");
        assertTrue(String.join("\n", stage).contains("/q/health/live"), "health check on the liveness probe");
        assertTrue(stage.contains("EXPOSE 8080"));
        assertTrue(stage.stream().anyMatch(l -> l.startsWith("ENTRYPOINT [")), "exec-form entrypoint: java gets SIGTERM");
        // the class archive: made by the runtime JVM, as the non-root user (the embedded database refuses root), used at start
        String joined = String.join("\n", stage);
        int training = joined.indexOf("-XX:ArchiveClassesAtExit=/deployments/app-cds.jsa -Dtraining-run=true");
        assertTrue(training > joined.indexOf("USER 10001"), "training run after USER");
        assertTrue(joined.contains("then echo \"-XX:SharedArchiveFile=/deployments/app-cds.jsa\" >> /deployments/jvm.options"),
                "only a successful training run adds the archive to the JVM settings the entrypoint reads");
        assertTrue(joined.contains("timeout 300 java"), "a hung training run cannot hang the build");
    }
}
