package app.pacer.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled application; and shown to bite on a fixture
 * that breaks each of them (a feature using another's entity, a layer importing a feature, a feature importing
 * the platform and the Slack SDK).
 */
class PackageRulesTest {

    private static final JavaClasses APPLICATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("app.pacer");

    private static final JavaClasses FIXTURE = new ClassFileImporter()
            .importPackages("app.pacer.architecture.fixture");

    private final PackageRules application = new PackageRules("app.pacer", jakarta.persistence.Entity.class);
    private final PackageRules fixture = new PackageRules("app.pacer.architecture.fixture",
            app.pacer.architecture.fixture.FixtureEntity.class);

    @Test
    void theApplicationKeepsEveryRule() {
        assertTrue(APPLICATION.size() > 200, "imported the application's classes: " + APPLICATION.size());
        for (ArchRule rule : application.all()) {
            rule.check(APPLICATION);
        }
    }

    @Test
    void aFeatureUsingAnotherFeaturesEntityIsCaught() {
        AssertionError e = assertThrows(AssertionError.class, () -> fixture.noForeignEntities().check(FIXTURE));
        assertTrue(e.getMessage().contains("alpha.AlphaRecord"), e.getMessage());
    }

    @Test
    void aLayerImportingAFeatureIsCaught() {
        AssertionError e = assertThrows(AssertionError.class, () -> fixture.layersKnowNoFeature().check(FIXTURE));
        assertTrue(e.getMessage().contains("core.CoreThing"), e.getMessage());
    }

    @Test
    void aFeatureUsingThePlatformOrItsSdkIsCaught() {
        AssertionError sdk = assertThrows(AssertionError.class, () -> fixture.sdksOnlyInPlatform().check(FIXTURE));
        assertTrue(sdk.getMessage().contains("com.slack.api"), sdk.getMessage());
        AssertionError platform = assertThrows(AssertionError.class, () -> fixture.featuresKnowNoPlatform().check(FIXTURE));
        assertTrue(platform.getMessage().contains("platform.PlatformThing"), platform.getMessage());
    }
}
