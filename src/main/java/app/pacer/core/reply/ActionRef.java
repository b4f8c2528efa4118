package app.pacer.core.reply;

import java.util.LinkedHashMap;
import java.util.Map;

/** A command id with arguments: what buttons carry and forms submit, so both come back as an Invocation. */
public record ActionRef(String commandId, Map<String, String> args) {

    public ActionRef {
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    public static ActionRef of(String commandId) {
        return new ActionRef(commandId, Map.of());
    }

    public static ActionRef of(String commandId, Map<String, String> args) {
        return new ActionRef(commandId, args);
    }
}
