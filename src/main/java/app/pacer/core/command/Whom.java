package app.pacer.core.command;

/** Whom a command is about: one person, or the whole team. */
public sealed interface Whom permits Whom.Person, Whom.Team {

    record Person(UserRef user) implements Whom {
    }

    record Team() implements Whom {
    }
}
