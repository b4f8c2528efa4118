package app.pacer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code deploy/compose.yml}: Pacer waits for a healthy PostgreSQL and uses it, never the embedded one. */
class ComposeTest {

    @Test
    void pacerOnTheComposedPostgres() throws Exception {
        JsonNode compose = DeploymentChecks.readAll(Files.readString(Path.of("deploy", "compose.yml"))).get(0);
        JsonNode pacer = compose.path("services").path("pacer");
        JsonNode postgres = compose.path("services").path("postgres");
        assertEquals("deploy/container/Dockerfile", pacer.path("build").path("dockerfile").asText());
        assertTrue(Files.isRegularFile(Path.of("deploy").resolve(pacer.path("build").path("context").asText())
                .resolve(pacer.path("build").path("dockerfile").asText())), "the build context holds the Dockerfile");
        assertEquals("service_healthy", pacer.path("depends_on").path("postgres").path("condition").asText());
        assertTrue(postgres.path("healthcheck").path("test").toString().contains("pg_isready"));
        assertEquals("jdbc:postgresql://postgres:5432/" + postgres.path("environment").path("POSTGRES_DB").asText(),
                pacer.path("environment").path("QUARKUS_DATASOURCE_JDBC_URL").asText());
        assertEquals(postgres.path("environment").path("POSTGRES_USER").asText(),
                pacer.path("environment").path("QUARKUS_DATASOURCE_USERNAME").asText());
        assertTrue(postgres.path("volumes").get(0).asText().startsWith("pgdata:"), "data on a named volume");
        assertTrue(compose.path("volumes").has("pgdata"));
    }
}
