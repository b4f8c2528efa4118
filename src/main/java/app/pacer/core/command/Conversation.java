package app.pacer.core.command;

/** Where a command was typed: a direct message with Pacer, a channel, or a group chat. */
public record Conversation(String id, Kind kind) {

    public enum Kind { DIRECT, CHANNEL, GROUP }
}
