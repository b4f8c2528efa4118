package app.pacer.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain manifests of {@code deploy/kubernetes}: valid against the Kubernetes API schemas, and fitting together. */
class KubernetesManifestsTest {

    static final Path DIR = Path.of("deploy", "kubernetes");

    @Test
    void validAgainstTheKubernetesApiSchemas() throws Exception {
        List<Object> files = new ArrayList<>(DeploymentChecks.yamlFiles(DIR));
        NodeChecks.Result result = NodeChecks.run("validate-kubernetes.mjs", files.toArray());
        assertTrue(result.ok(), result.output());
    }

    @Test
    void theSchemaCheckRejectsABrokenObject(@TempDir Path temp) throws Exception {
        Path broken = temp.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(DIR.resolve("deployment.yaml")).replace("replicas: 2", "replicas: two")
                + "---\napiVersion: postgresql.cnpg.io/v1\nkind: ScheduledBackup\nmetadata:\n  name: x\nspec:\n  schedule: \"0 2 * * *\"\n");
        NodeChecks.Result result = NodeChecks.run("validate-kubernetes.mjs", broken);
        assertFalse(result.ok(), result.output());
        assertTrue(result.output().contains("replicas must be integer"), result.output());
        assertTrue(result.output().contains("six-field"), result.output());
    }

    @Test
    void objectsFitTogether() throws Exception {
        DeploymentChecks checks = new DeploymentChecks(DeploymentChecks.read(DeploymentChecks.yamlFiles(DIR).toArray(Path[]::new)));
        checks.checkAll(List.of("pacer-db-app"));
    }
}
