package app.pacer.core.command;

import app.pacer.core.reply.Reply;

/** Does what a command says. Runs in a transaction; throwing {@link ArgError} rolls it back and tells the person why. */
@FunctionalInterface
public interface CommandHandler {

    Reply handle(Invocation invocation);
}
