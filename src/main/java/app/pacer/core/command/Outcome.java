package app.pacer.core.command;

import app.pacer.core.reply.Language;
import app.pacer.core.reply.Reply;

/** A reply and the language of the person it is for (renderers need it for their own labels). */
public record Outcome(Reply reply, Language language) {
}
