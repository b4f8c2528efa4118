package app.pacer.core.command;

/** Whom a command is about: one person, or the whole team. */
public sealed interface Target permits Target.Person, Target.Team {

    record Person(UserRef user) implements Target {
    }

    record Team() implements Target {
    }
}
