package app.pacer.core.command;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates in the person's own calendar: {@code 2026-12-01} (also {@code 2026/12/1}), {@code today},
 * {@code tomorrow}, {@code yesterday}, weekday names ({@code fri}, {@code friday}, {@code 周五}, {@code 星期五}
 * — the next such day, today included), {@code next week} / {@code 下周} (its Monday), {@code next fri} /
 * {@code 下周五}, {@code next month} / {@code 下个月} (its first day), {@code 今天}, {@code 明天}, {@code 后天}.
 */
public final class DateArg implements ArgType<LocalDate> {

    private static final Pattern ISO = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("tues", DayOfWeek.TUESDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
            Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thur", DayOfWeek.THURSDAY),
            Map.entry("thurs", DayOfWeek.THURSDAY), Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("friday", DayOfWeek.FRIDAY),
            Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("sunday", DayOfWeek.SUNDAY));
    private static final String CHINESE_DAYS = "一二三四五六日";

    @Override
    public LocalDate parse(String text, ParseContext context) {
        String s = Tokenizer.normalize(text).trim().toLowerCase(Locale.ROOT);
        LocalDate today = context.today();
        Matcher iso = ISO.matcher(s);
        if (iso.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
            } catch (DateTimeException | NumberFormatException e) {
                throw new ArgError("error.date.no_such_day", text);
            }
        }
        switch (s) {
            case "today", "今天", "今日" -> {
                return today;
            }
            case "tomorrow", "明天", "明日" -> {
                return today.plusDays(1);
            }
            case "yesterday", "昨天", "昨日" -> {
                return today.minusDays(1);
            }
            case "后天" -> {
                return today.plusDays(2);
            }
            case "next week", "下周", "下星期" -> {
                return nextMonday(today);
            }
            case "next month", "下个月", "下月" -> {
                return today.withDayOfMonth(1).plusMonths(1);
            }
            default -> {
            }
        }
        DayOfWeek day = weekday(s);
        if (day != null) {
            return today.with(TemporalAdjusters.nextOrSame(day));
        }
        if (s.startsWith("next ") && weekday(s.substring(5)) != null) {
            return nextMonday(today).with(TemporalAdjusters.nextOrSame(weekday(s.substring(5))));
        }
        for (String prefix : new String[] {"下周", "下星期", "下礼拜"}) {
            if (s.startsWith(prefix) && s.length() == prefix.length() + 1) {
                DayOfWeek next = weekday("周" + s.charAt(prefix.length()));
                if (next != null) {
                    return nextMonday(today).with(TemporalAdjusters.nextOrSame(next));
                }
            }
        }
        throw new ArgError("error.date.invalid", text);
    }

    /** Words that may follow {@code next}: {@code week}, {@code month} and weekday names. */
    static boolean isNextable(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.equals("week") || w.equals("month") || WEEKDAYS.containsKey(w);
    }

    private static LocalDate nextMonday(LocalDate today) {
        return today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    private static DayOfWeek weekday(String s) {
        DayOfWeek english = WEEKDAYS.get(s);
        if (english != null) {
            return english;
        }
        for (String prefix : new String[] {"周", "星期", "礼拜"}) {
            if (s.startsWith(prefix) && s.length() == prefix.length() + 1) {
                char c = s.charAt(prefix.length());
                int index = CHINESE_DAYS.indexOf(c == '天' ? '日' : c);
                if (index >= 0) {
                    return DayOfWeek.of(index + 1);
                }
            }
        }
        return null;
    }

    @Override
    public String placeholderKey() {
        return "arg.date";
    }
}
