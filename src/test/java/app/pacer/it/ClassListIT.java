package app.pacer.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The list of classes Pacer loads ahead on a second core while it starts ({@code META-INF/pacer-preload.txt}) still
 * names what startup loads: Pacer starts once without preloading and without the class archive, logging every class
 * it loads, and most of those from jars must be on the list. After a dependency upgrade, write it again with
 * {@code ./mvnw verify -Dit.test=ClassListIT -Dpreload.write=true} and commit it.
 */
class ClassListIT {

    static final Path LIST = Path.of("src", "main", "resources", "META-INF", "pacer-preload.txt");

    /** A line of -Xlog:class+load for a class read from a jar or from the JDK's modules, not made at run time. */
    private static final Pattern LOADED = Pattern.compile("^\\[[^]]*] (\\S+) source: (?:file:|jrt:)");

    @Test
    void thePreloadListNamesWhatStartupLoads() throws Exception {
        Map<String, String> env = BenchSupport.pacerEnv(BenchSupport.database(), new FakePlatforms().start(), "off");
        env.put(PacerProcess.WITHOUT_ARCHIVE, "yes");
        Path log = Path.of("target", "class-load.log").toAbsolutePath();
        Files.deleteIfExists(log);
        String jvmArgs = System.getProperty("bench.jvmArgs", "");
        System.setProperty("bench.jvmArgs", "-Dclass-preload=off -Xlog:class+load=info:file=" + log + ":uptime");
        try (PacerProcess pacer = PacerProcess.start(env, "class-list")) {
            // started: everything startup loads is in the log
        } finally {
            System.setProperty("bench.jvmArgs", jvmArgs);
        }
        Set<String> loaded = new LinkedHashSet<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = LOADED.matcher(line);
            if (m.find() && !m.group(1).equals("app.pacer.db.PacerMain")) {
                loaded.add(m.group(1));
            }
        }
        if (Boolean.getBoolean("preload.write")) {
            Files.write(LIST, loaded, StandardCharsets.UTF_8);
            System.out.printf("ClassListIT: wrote %d classes to %s%n", loaded.size(), LIST);
        }
        Set<String> listed = new LinkedHashSet<>(Files.readAllLines(LIST, StandardCharsets.UTF_8));
        List<String> missing = loaded.stream().filter(name -> !listed.contains(name)).toList();
        double covered = 1 - (double) missing.size() / loaded.size();
        System.out.printf("ClassListIT: startup loaded %d classes from jars and the JDK; the list has %d of them (%.1f %%)%n",
                loaded.size(), loaded.size() - missing.size(), covered * 100);
        assertTrue(loaded.size() > 5_000, "too few classes logged: " + loaded.size() + " (see " + log + ")");
        assertTrue(covered >= 0.9, String.format("the preload list has only %.1f %% of what startup loads, for example %s;"
                + " write it again: ./mvnw verify -Dit.test=ClassListIT -Dpreload.write=true", covered * 100,
                missing.subList(0, Math.min(5, missing.size()))));
    }
}
