package app.pacer.playground;

import app.pacer.testing.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Pacer with the playground on, and nothing else faked: the global platform fakes are left out, so Slack and
 * Teams point at the playground's own in-process fakes exactly as in dev mode.
 */
public class PlaygroundProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pacer.playground.enabled", "true", "pacer.delivery.poll-interval", "100ms");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
    }
}
