package app.pacer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/helm/pacer}: {@code helm lint --strict} and {@code helm template} pass (Helm itself, through helm-java),
 * the rendered objects validate against the Kubernetes API schemas, and with default values they are the objects of
 * {@code deploy/kubernetes} and pass the same {@link DeploymentChecks}.
 */
class HelmChartTest {

    static final Path CHART = Path.of("deploy", "helm", "pacer");
    static final Path RENDERED = Path.of("target", "helm");

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @Test
    void theLinterCatchesABrokenChart(@TempDir Path temp) throws Exception {
        Path copy = temp.resolve("pacer");
        try (var files = Files.walk(CHART)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(CHART.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Files.writeString(copy.resolve("templates/service.yaml"), "{{ .Values.service.port | nosuchfunction }}\n");
        LintResult lint = new Helm(copy).lint().strict().call();
        assertTrue(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @Test
    void defaultsRenderTheObjectsOfThePlainManifests() throws Exception {
        String yaml = new Helm(CHART).template().withName("pacer").withNamespace("pacer").call();
        Path file = write("defaults.yaml", yaml);
        NodeChecks.Result schema = NodeChecks.run("validate-kubernetes.mjs", file);
        assertTrue(schema.ok(), schema.output());

        List<JsonNode> rendered = DeploymentChecks.readAll(yaml);
        new DeploymentChecks(rendered).checkAll(List.of("pacer-db-app"));
        List<JsonNode> plain = DeploymentChecks.read(DeploymentChecks.yamlFiles(KubernetesManifestsTest.DIR).toArray(Path[]::new));
        // the same kinds and names; the backup credentials are an example of the plain manifests, brought by the user
        Set<String> expected = names(plain);
        expected.remove("Secret/pacer-db-backup");
        assertEquals(expected, names(rendered));
    }

    @Test
    void externalDatabaseAndNoExtras() throws Exception {
        String yaml = new Helm(CHART).template().withName("sales").withNamespace("bots")
                .set("postgresql.enabled", "false")
                .set("externalDatabase.jdbcUrl", "jdbc:postgresql://db.internal:5432/pacer")
                .set("externalDatabase.existingSecret", "pacer-db-credentials")
                .set("secret.create", "false").set("secret.existingSecret", "pacer-platforms")
                .set("ingress.enabled", "false").set("networkPolicy.enabled", "false").set("replicaCount", "4")
                .call();
        NodeChecks.Result schema = NodeChecks.run("validate-kubernetes.mjs", write("external-db.yaml", yaml));
        assertTrue(schema.ok(), schema.output());
        DeploymentChecks checks = new DeploymentChecks(DeploymentChecks.readAll(yaml));
        assertEquals(Set.of("ConfigMap/sales-pacer", "Deployment/sales-pacer", "Service/sales-pacer",
                "PodDisruptionBudget/sales-pacer"), names(DeploymentChecks.readAll(yaml)));
        assertEquals(4, checks.one("Deployment").path("spec").path("replicas").asInt());
        assertEquals("jdbc:postgresql://db.internal:5432/pacer",
                checks.one("ConfigMap").path("data").path("QUARKUS_DATASOURCE_JDBC_URL").asText());
    }

    @Test
    void refusesAGracePeriodShorterThanTheShutdown() {
        Exception e = assertThrows(Exception.class, () -> new Helm(CHART).template().withName("pacer")
                .set("shutdown.terminationGracePeriodSeconds", "10").call());
        assertTrue(e.getMessage().contains("terminationGracePeriodSeconds must be at least 35"), e.getMessage());
    }

    static Set<String> names(List<JsonNode> objects) {
        return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Path write(String name, String yaml) throws Exception {
        Files.createDirectories(RENDERED);
        return Files.writeString(RENDERED.resolve(name), yaml);
    }
}
