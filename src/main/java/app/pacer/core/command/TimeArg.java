package app.pacer.core.command;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A time of day: {@code 08:30}, {@code 8:30}, {@code 9} (on the hour), {@code 0830}, {@code 8点30}, {@code 9点}. */
public final class TimeArg implements ArgType<LocalTime> {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?:[:：点]?(\\d{2})分?|点半|点)?");

    @Override
    public LocalTime parse(String text, ParseContext context) {
        String s = Tokenizer.normalize(text).trim();
        Matcher m = TIME.matcher(s);
        if (!m.matches()) {
            throw new ArgError("error.time.invalid", text);
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = m.group(2) != null ? Integer.parseInt(m.group(2)) : s.endsWith("点半") ? 30 : 0;
        if (hour > 23 || minute > 59) {
            throw new ArgError("error.time.invalid", text);
        }
        return LocalTime.of(hour, minute);
    }

    @Override
    public String placeholderKey() {
        return "arg.time";
    }
}
