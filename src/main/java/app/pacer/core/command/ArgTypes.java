package app.pacer.core.command;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The argument types commands declare. */
public final class ArgTypes {

    private static final Pattern SLACK_MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern TEAMS_MENTION = Pattern.compile("(?i)<at>(.*)</at>");

    private ArgTypes() {
    }

    /** One word, as typed. */
    public static ArgType<String> word(String placeholderKey) {
        return simple(placeholderKey, false, (t, c) -> t);
    }

    /** The rest of the line: free text such as a note or a name. */
    public static ArgType<String> text(String placeholderKey) {
        return simple(placeholderKey, true, (t, c) -> t);
    }

    public static ArgType<java.math.BigDecimal> amount() {
        return AmountArg.positive();
    }

    public static ArgType<java.time.LocalDate> date() {
        return new DateArg();
    }

    public static ArgType<Period> period() {
        return choice("arg.period", Period.class, Map.ofEntries(
                Map.entry("day", Period.DAY), Map.entry("daily", Period.DAY), Map.entry("日", Period.DAY),
                Map.entry("天", Period.DAY), Map.entry("今天", Period.DAY),
                Map.entry("week", Period.WEEK), Map.entry("weekly", Period.WEEK), Map.entry("周", Period.WEEK),
                Map.entry("本周", Period.WEEK), Map.entry("星期", Period.WEEK),
                Map.entry("month", Period.MONTH), Map.entry("monthly", Period.MONTH), Map.entry("月", Period.MONTH),
                Map.entry("本月", Period.MONTH),
                Map.entry("quarter", Period.QUARTER), Map.entry("quarterly", Period.QUARTER),
                Map.entry("季度", Period.QUARTER), Map.entry("季", Period.QUARTER), Map.entry("本季度", Period.QUARTER),
                Map.entry("year", Period.YEAR), Map.entry("yearly", Period.YEAR), Map.entry("年", Period.YEAR),
                Map.entry("今年", Period.YEAR), Map.entry("本年", Period.YEAR)));
    }

    /** A person: a Slack or Teams mention, or {@code me}. */
    public static ArgType<UserRef> member() {
        return simple("arg.member", false, ArgTypes::parseMember);
    }

    /** A person, or {@code team} for the whole team. */
    public static ArgType<Whom> memberOrTeam() {
        return simple("arg.member_or_team", false, (t, c) -> {
            String w = t.trim().toLowerCase(Locale.ROOT);
            if (w.equals("team") || w.equals("团队") || w.equals("全队") || w.equals("全员")) {
                return new Whom.Team();
            }
            return new Whom.Person(parseMember(t, c));
        });
    }

    /** One of a few words; {@code aliases} maps every accepted spelling (any case) to its value. */
    public static <E extends Enum<E>> ArgType<E> choice(String placeholderKey, Class<E> type, Map<String, E> aliases) {
        Map<String, E> lower = new LinkedHashMap<>();
        for (E value : type.getEnumConstants()) {
            lower.put(value.name().toLowerCase(Locale.ROOT), value);
        }
        aliases.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                .map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
        return simple(placeholderKey, false, (t, c) -> {
            E value = lower.get(Tokenizer.normalize(t).trim().toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new ArgError("error.choice", t, String.join(", ", names));
            }
            return value;
        });
    }

    /** An amount that may be zero (a lead's estimated value). */
    public static ArgType<java.math.BigDecimal> amountOrZero() {
        return new AmountArg(new java.math.BigDecimal("1000000000000"), true);
    }

    /** Something numbered in a workspace as people refer to it: {@code #42}, {@code ＃42} or {@code 42}. */
    public static ArgType<Integer> reference(String placeholderKey, String errorKey) {
        return simple(placeholderKey, false, (t, c) -> {
            String n = t.trim().replaceFirst("^[#＃]", "");
            if (!n.matches("\\d{1,9}")) {
                throw new ArgError(errorKey, t);
            }
            return Integer.parseInt(n);
        });
    }

    /** A whole number from {@code min} to {@code max}. */
    public static ArgType<Integer> integer(String placeholderKey, int min, int max) {
        return simple(placeholderKey, false, (t, c) -> {
            String n = Tokenizer.normalize(t).trim();
            if (!n.matches("\\d{1,9}") || Integer.parseInt(n) < min || Integer.parseInt(n) > max) {
                throw new ArgError("error.integer_range", t, min, max);
            }
            return Integer.parseInt(n);
        });
    }

    /** An IANA time zone such as {@code Asia/Shanghai}, in any letter case. */
    public static ArgType<ZoneId> timeZone() {
        return simple("arg.time_zone", false, (t, c) -> zone(t)
                .orElseThrow(() -> new ArgError("error.time_zone", t)));
    }

    static Optional<ZoneId> zone(String text) {
        String s = Tokenizer.normalize(text).trim();
        if (s.equals("北京") || s.equals("北京时间") || s.equals("上海")) {
            return Optional.of(ZoneId.of("Asia/Shanghai"));
        }
        if (s.equalsIgnoreCase("utc") || s.equalsIgnoreCase("gmt")) {
            return Optional.of(ZoneId.of("UTC"));
        }
        if (!s.contains("/")) {
            return Optional.empty();
        }
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.equalsIgnoreCase(s)) {
                try {
                    return Optional.of(ZoneId.of(id));
                } catch (DateTimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    static UserRef parseMember(String text, ParseContext context) {
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("me") || lower.equals("myself") || lower.equals("mine") || t.equals("我") || t.equals("自己")) {
            return new UserRef(context.selfUserId(), null);
        }
        Matcher slack = SLACK_MENTION.matcher(t);
        if (slack.matches()) {
            return new UserRef(slack.group(1), slack.group(2));
        }
        Matcher teams = TEAMS_MENTION.matcher(t);
        if (teams.matches()) {
            String name = teams.group(1).trim();
            String id = context.mentions().get(name);
            if (id == null) {
                id = context.mentions().get(t);
            }
            if (id != null) {
                return new UserRef(id, name);
            }
        }
        throw new ArgError("error.member", t);
    }

    private interface Parse<T> {
        T apply(String text, ParseContext context);
    }

    private static <T> ArgType<T> simple(String placeholderKey, boolean greedy, Parse<T> parse) {
        return new ArgType<>() {
            @Override
            public T parse(String text, ParseContext context) {
                return parse.apply(text, context);
            }

            @Override
            public String placeholderKey() {
                return placeholderKey;
            }

            @Override
            public boolean greedy() {
                return greedy;
            }
        };
    }
}
