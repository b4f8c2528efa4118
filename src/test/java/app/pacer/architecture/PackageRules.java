package app.pacer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.base.DescribedPredicate;
import jakarta.persistence.Entity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pacer's package rules, for any root package (the application's, or a test fixture's that breaks them on
 * purpose). A <em>feature</em> is every package directly under the root except the shared layers, so a new
 * capability is covered the day its package appears.
 */
final class PackageRules {

    /** The layers every feature may use; everything else directly under the root is a feature. */
    static final Set<String> LAYERS = Set.of("core", "config", "db", "delivery", "platform", "ai");

    private final String root;
    private final Class<? extends java.lang.annotation.Annotation> entity;

    /** @param entity what marks an entity: JPA's {@link Entity} in the application */
    PackageRules(String root, Class<? extends java.lang.annotation.Annotation> entity) {
        this.root = root;
        this.entity = entity;
    }

    /** The feature a class belongs to (its first package segment under the root), if it is in one. */
    Optional<String> feature(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(root + ".")) {
            return Optional.empty();
        }
        String first = name.substring(root.length() + 1).split("\\.")[0];
        return LAYERS.contains(first) ? Optional.empty() : Optional.of(first);
    }

    private DescribedPredicate<JavaClass> inAFeature() {
        return DescribedPredicate.describe("are in a feature package", type -> feature(type).isPresent());
    }

    /** A feature never touches another feature's entities: it asks that feature's service, which answers in records. */
    ArchRule noForeignEntities() {
        return classes().that(inAFeature()).should(new ArchCondition<>("not depend on another feature's entities") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String own = feature(type).orElseThrow();
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    Optional<String> theirs = feature(target);
                    if (theirs.isPresent() && !theirs.get().equals(own) && target.isAnnotatedWith(entity)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        }).allowEmptyShould(true);
    }

    /** Arrows point down: the core and the shared layers know no feature. */
    ArchRule layersKnowNoFeature() {
        return noClasses().that().resideInAnyPackage(LAYERS.stream().filter(l -> !l.equals("platform"))
                .map(l -> root + "." + l + "..").toArray(String[]::new))
                .should().dependOnClassesThat(inAFeature()).allowEmptyShould(true);
    }

    /** Features know no platform: they answer in the reply model, which the adapters render. */
    ArchRule featuresKnowNoPlatform() {
        return noClasses().that(inAFeature()).should().dependOnClassesThat()
                .resideInAnyPackage(root + ".platform..").allowEmptyShould(true);
    }

    /** The Slack and Bot Framework SDKs are used by the platform adapters only. */
    ArchRule sdksOnlyInPlatform() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".platform..")
                .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "com.microsoft.bot..")
                .allowEmptyShould(true);
    }

    List<ArchRule> all() {
        return List.of(noForeignEntities(), layersKnowNoFeature(), featuresKnowNoPlatform(), sdksOnlyInPlatform());
    }
}
