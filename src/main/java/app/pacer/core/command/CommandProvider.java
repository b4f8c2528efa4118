package app.pacer.core.command;

import java.util.List;

/** A feature's commands. Each feature package has one bean implementing this; the registry finds them all. */
public interface CommandProvider {

    List<CommandSpec> commands();
}
