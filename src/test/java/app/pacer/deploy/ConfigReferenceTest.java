package app.pacer.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference in README.md names every property of every {@code @ConfigMapping} interface (found in
 * the compiled classes, so a new one is covered without touching this test) as its environment variable.
 */
class ConfigReferenceTest {

    @Test
    void readmeDocumentsEveryConfigMappingProperty() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        TreeSet<String> missing = new TreeSet<>();
        List<String> all = new ArrayList<>();
        for (AnnotationInstance mapping : index().getAnnotations(DotName.createSimple(ConfigMapping.class.getName()))) {
            Class<?> type = Class.forName(mapping.target().asClass().name().toString());
            String prefix = type.getAnnotation(ConfigMapping.class).prefix();
            collect(type, prefix, all);
        }
        for (String property : all) {
            String env = property.toUpperCase().replace('.', '_').replace('-', '_');
            if (!readme.contains("`" + env + "`")) {
                missing.add(env + " (" + property + ")");
            }
        }
        assertTrue(all.size() > 10, "found the @ConfigMapping properties: " + all);
        assertTrue(missing.isEmpty(), "README's configuration table lacks " + missing);
    }

    static void collect(Class<?> type, String prefix, List<String> into) {
        for (Method m : type.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
                continue;
            }
            io.smallrye.config.WithName renamed = m.getAnnotation(io.smallrye.config.WithName.class);
            String name = prefix + "." + (renamed != null ? renamed.value()
                    : m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
            Class<?> result = m.getReturnType();
            if (result.isInterface() && result.getName().startsWith("app.pacer.")) {
                collect(result, name, into);
            } else {
                into.add(name);
            }
        }
    }

    static Index index() throws IOException {
        Indexer indexer = new Indexer();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    indexer.index(in);
                }
            }
        }
        return indexer.complete();
    }
}
