package app.pacer.core.command;

import app.pacer.core.org.Member;
import app.pacer.core.org.Platform;
import app.pacer.core.org.ProfileSource;
import app.pacer.core.reply.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * One use of a command, whichever way it came (typed, a button, a submitted form) and from whichever platform.
 */
public record Invocation(CommandSpec spec, Map<String, Object> args, Member member, Platform platform,
        Conversation conversation, Source source, Instant now, LocalDate today, ProfileSource profiles,
        Map<String, String> formValues) {

    public enum Source { TYPED, BUTTON, FORM }

    public Invocation {
        args = Map.copyOf(args);
        formValues = formValues == null ? Map.of() : Map.copyOf(formValues);
    }

    public Messages messages() {
        return Messages.of(member.language());
    }

    public <T> Optional<T> arg(String name, Class<T> type) {
        return Optional.ofNullable(args.get(name)).map(type::cast);
    }

    public <T> T required(String name, Class<T> type) {
        return arg(name, type).orElseThrow(() -> new IllegalStateException("required argument missing: " + name));
    }

    public boolean hasArgs() {
        return !args.isEmpty();
    }
}
