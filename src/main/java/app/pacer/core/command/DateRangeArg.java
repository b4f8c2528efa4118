package app.pacer.core.command;

import app.pacer.core.time.DateRange;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * A day or a range of days, each end written as {@link DateArg} reads it: {@code 2026-10-01..2026-10-07},
 * {@code tomorrow..fri}, {@code 2026-10-01~2026-10-07}, {@code 2026-10-01至2026-10-07}. At most a year long.
 */
public final class DateRangeArg implements ArgType<DateRange> {

    private static final Pattern SEPARATOR = Pattern.compile("\\.\\.|~|～|至|到");
    private static final int MAX_DAYS = 366;
    private final DateArg dates = new DateArg();

    @Override
    public DateRange parse(String text, ParseContext context) {
        String[] parts = SEPARATOR.split(Tokenizer.normalize(text).trim(), -1);
        if (parts.length > 2 || parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank())) {
            throw new ArgError("error.range.invalid", text);
        }
        LocalDate first = dates.parse(parts[0], context);
        LocalDate last = parts.length == 2 ? dates.parse(parts[1], context) : first;
        if (last.isBefore(first)) {
            throw new ArgError("error.range.backwards", text);
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new ArgError("error.range.too_long", text);
        }
        return new DateRange(first, last);
    }

    @Override
    public String placeholderKey() {
        return "arg.date_range";
    }
}
