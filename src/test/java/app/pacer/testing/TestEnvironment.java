package app.pacer.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the test database and the platform fakes for every {@code @QuarkusTest} in this module. */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(FakePlatforms.class)
public final class TestEnvironment {

    private TestEnvironment() {
    }
}
