package app.pacer.leads;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgType;
import app.pacer.core.command.ParseContext;

/** A lead as people refer to it: {@code #42} or {@code 42}. */
final class LeadNumberArg implements ArgType<Integer> {

    @Override
    public Integer parse(String text, ParseContext context) {
        String t = text.trim().replaceFirst("^[#＃]", "");
        if (!t.matches("\\d{1,9}")) {
            throw new ArgError("error.lead.number", text);
        }
        return Integer.parseInt(t);
    }

    @Override
    public String placeholderKey() {
        return "arg.lead";
    }
}
