package app.pacer.leads;

import app.pacer.core.command.ArgType;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.ParseContext;

/** A lead as people refer to it: {@code #42} or {@code 42}. */
final class LeadNumberArg implements ArgType<Integer> {

    private static final ArgType<Integer> NUMBER = ArgTypes.reference("arg.lead", "error.lead.number");

    @Override
    public Integer parse(String text, ParseContext context) {
        return NUMBER.parse(text, context);
    }

    @Override
    public String placeholderKey() {
        return NUMBER.placeholderKey();
    }
}
