package app.pacer.core.command;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A three-second command budget and the test-only {@link SlowCommands}. */
public class ShortDeadlineProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pacer.command.timeout", "3s", "pacer-test.slow-commands", "true");
    }
}
