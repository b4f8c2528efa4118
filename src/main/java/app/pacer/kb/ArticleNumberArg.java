package app.pacer.kb;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgType;
import app.pacer.core.command.ParseContext;

/** An article as people refer to it: {@code #12} or {@code 12}. */
final class ArticleNumberArg implements ArgType<Integer> {

    @Override
    public Integer parse(String text, ParseContext context) {
        String t = text.trim().replaceFirst("^[#＃]", "");
        if (!t.matches("\\d{1,9}")) {
            throw new ArgError("error.kb.number", text);
        }
        return Integer.parseInt(t);
    }

    @Override
    public String placeholderKey() {
        return "arg.kb_article";
    }
}
