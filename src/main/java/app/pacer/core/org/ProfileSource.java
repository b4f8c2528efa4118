package app.pacer.core.org;

import java.util.Optional;

/** Looks a person up on their platform (Slack {@code users.info}, the Teams activity). May be slow; cached daily. */
@FunctionalInterface
public interface ProfileSource {

    Optional<Profile> lookup(String userId);

    ProfileSource NONE = userId -> Optional.empty();
}
