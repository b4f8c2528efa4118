package app.pacer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a Pacer installation on Kubernetes must be, checked the same way on the plain manifests of
 * {@code deploy/kubernetes} and on what the Helm chart renders: the schemas say an object is well-formed, these say the
 * objects fit together (selectors, names, the database's {@code -rw} service) and keep the promises of the issue.
 */
public final class DeploymentChecks {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<JsonNode> objects;

    public DeploymentChecks(List<JsonNode> objects) {
        this.objects = objects;
    }

    public static List<JsonNode> read(Path... files) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(readAll(Files.readString(file)));
        }
        return all;
    }

    public static List<JsonNode> readAll(String yaml) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(YAML.getFactory().createParser(yaml))) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode() && node.size() > 0) {
                    all.add(node);
                }
            }
        }
        return all;
    }

    public static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    public JsonNode one(String kind) {
        List<JsonNode> found = all(kind);
        assertEquals(1, found.size(), "exactly one " + kind);
        return found.get(0);
    }

    public List<JsonNode> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /** Every check; {@code secretsProvided} names Secrets created outside these objects (by the operator, by hand). */
    public void checkAll(List<String> secretsProvided) {
        JsonNode deployment = one("Deployment");
        JsonNode spec = deployment.path("spec");
        JsonNode pod = spec.path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        Map<String, String> podLabels = labels(spec.path("template").path("metadata").path("labels"));

        assertEquals(2, spec.path("replicas").asInt(), "two replicas");
        assertSelects(spec.path("selector").path("matchLabels"), podLabels, "Deployment");
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        for (String r : List.of("requests", "limits")) {
            for (String what : List.of("cpu", "memory")) {
                assertFalse(container.path("resources").path(r).path(what).asText().isEmpty(), r + "." + what);
            }
        }
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), "runs as non-root");

        // Graceful shutdown: the grace period covers the preStop sleep, the HTTP drain and the delivery worker's wait.
        Map<String, String> env = environment(container);
        JsonNode command = container.path("lifecycle").path("preStop").path("exec").path("command");
        long sleep = command.size() == 2 && command.get(0).asText().equals("sleep") ? command.get(1).asLong() : 0;
        Duration drain = Duration.parse("PT" + env.getOrDefault("QUARKUS_SHUTDOWN_TIMEOUT", "0s").toUpperCase());
        long deliveryWait = 10;
        assertTrue(sleep > 0, "a preStop sleep while the pod leaves the endpoints");
        assertTrue(pod.path("terminationGracePeriodSeconds").asLong() >= sleep + drain.toSeconds() + deliveryWait,
                "terminationGracePeriodSeconds covers preStop + drain + in-flight deliveries");

        // The database: the CloudNativePG cluster's read-write service, never the embedded one.
        JsonNode cluster = one("Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
        assertEquals(3, cluster.path("spec").path("instances").asInt(), "three PostgreSQL instances");
        String jdbc = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        String db = cluster.path("metadata").path("name").asText();
        assertTrue(jdbc != null && jdbc.startsWith("jdbc:postgresql://" + db + "-rw:"), "JDBC URL on the -rw service: " + jdbc);
        List<JsonNode> backups = all("ScheduledBackup");
        assertFalse(backups.isEmpty(), "scheduled backups");
        backups.forEach(b -> assertEquals(db, b.path("spec").path("cluster").path("name").asText()));
        assertFalse(cluster.path("spec").path("backup").isMissingNode(), "a backup target for the scheduled backups");

        // Service, Ingress, PDB and NetworkPolicy select these pods.
        JsonNode service = one("Service");
        assertSelects(service.path("spec").path("selector"), podLabels, "Service");
        String serviceName = service.path("metadata").path("name").asText();
        JsonNode ingress = one("Ingress");
        assertTrue(ingress.path("spec").path("tls").size() > 0, "Ingress with TLS");
        List<String> paths = new ArrayList<>();
        ingress.path("spec").path("rules").forEach(rule -> rule.path("http").path("paths").forEach(p -> {
            assertEquals(serviceName, p.path("backend").path("service").path("name").asText());
            paths.add(p.path("path").asText());
        }));
        // Slack, Teams, the feedback pages, Teams' export downloads, the import page, and the digest's chart images
        assertTrue(paths.containsAll(List.of("/slack/events", "/api/messages", "/f", "/exports", "/imports", "/charts")),
                "public endpoints: " + paths);
        assertFalse(paths.stream().anyMatch(p -> p.equals("/") || p.startsWith("/q")), "/q stays inside: " + paths);
        assertSelects(one("PodDisruptionBudget").path("spec").path("selector").path("matchLabels"), podLabels, "PDB");
        assertSelects(one("NetworkPolicy").path("spec").path("podSelector").path("matchLabels"), podLabels, "NetworkPolicy");

        // Every ConfigMap and Secret the pod reads exists here or is named as provided.
        List<String> configMaps = all("ConfigMap").stream().map(o -> o.path("metadata").path("name").asText()).toList();
        List<String> secrets = new ArrayList<>(secretsProvided);
        all("Secret").forEach(o -> secrets.add(o.path("metadata").path("name").asText()));
        container.path("envFrom").forEach(from -> {
            if (from.has("configMapRef")) {
                assertTrue(configMaps.contains(from.path("configMapRef").path("name").asText()), from.toString());
            }
            if (from.has("secretRef")) {
                assertTrue(secrets.contains(from.path("secretRef").path("name").asText()), from.toString());
            }
        });
        container.path("env").forEach(e -> Optional.ofNullable(e.path("valueFrom").get("secretKeyRef"))
                .ifPresent(ref -> assertTrue(secrets.contains(ref.path("name").asText()), ref.toString())));
    }

    /** The container's environment as the pod sees it: ConfigMaps of these objects, then its own env values. */
    Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new TreeMap<>();
        container.path("envFrom").forEach(from -> {
            String name = from.path("configMapRef").path("name").asText(null);
            if (name != null) {
                all("ConfigMap").stream().filter(c -> name.equals(c.path("metadata").path("name").asText()))
                        .forEach(c -> c.path("data").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText())));
            }
        });
        container.path("env").forEach(e -> {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        return env;
    }

    /** A non-empty selector whose every label the pods carry. */
    static void assertSelects(JsonNode selector, Map<String, String> podLabels, String what) {
        Map<String, String> wanted = labels(selector);
        assertFalse(wanted.isEmpty(), what + " selects nothing");
        assertTrue(podLabels.entrySet().containsAll(wanted.entrySet()), what + " selector " + wanted + " vs pod labels " + podLabels);
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        return labels;
    }
}
