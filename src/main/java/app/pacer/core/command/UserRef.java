package app.pacer.core.command;

/** A person named in a command: their platform user id, and the name shown in the mention when known. */
public record UserRef(String userId, String displayName) {
}
