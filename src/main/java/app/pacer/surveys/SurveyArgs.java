package app.pacer.surveys;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgType;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.Mentions;
import app.pacer.core.command.ParseContext;
import app.pacer.core.command.TimeArg;
import app.pacer.core.command.UserRef;
import app.pacer.core.command.Whom;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code survey create} takes typed: a title, an audience (the team or people), a weekly schedule. */
final class SurveyArgs {

    private SurveyArgs() {
    }

    /** Who a typed {@code survey create} asks: the team, or the people mentioned. */
    record Audience(boolean team, List<UserRef> people) {
    }

    /** {@code weekly=mon@10:00}. */
    record Weekly(DayOfWeek day, LocalTime time) {
    }

    static ArgType<String> title() {
        return new ArgType<>() {
            @Override
            public String parse(String text, ParseContext context) {
                String t = text.trim();
                // a mention or "team" is the audience: an optional title gives way to it
                int[] mention = Mentions.slackOrTeams(t).find(0);
                if ((mention != null && mention[0] == 0) || isTeam(t)) {
                    throw new ArgError("error.survey.title");
                }
                if (t.length() > SurveyService.MAX_TITLE) {
                    throw new ArgError("error.text.too_long", SurveyService.MAX_TITLE);
                }
                return t;
            }

            @Override
            public String placeholderKey() {
                return "arg.survey_title";
            }
        };
    }

    static ArgType<Audience> audience() {
        return new ArgType<>() {
            @Override
            public Audience parse(String text, ParseContext context) {
                String rest = text.trim();
                if (isTeam(rest)) {
                    return new Audience(true, List.of());
                }
                List<UserRef> people = new ArrayList<>();
                Mentions mentions = Mentions.slackOrTeams(rest);
                int at = 0;
                for (int[] m = mentions.find(0); m != null; m = mentions.find(at)) {
                    if (!rest.substring(at, m[0]).isBlank()) {
                        throw new ArgError("error.member", rest.substring(at, m[0]).trim());
                    }
                    Whom whom = ArgTypes.memberOrTeam().parse(rest.substring(m[0], m[1]), context);
                    people.add(((Whom.Person) whom).user());
                    at = m[1];
                }
                String tail = rest.substring(at).trim();
                if (!tail.isEmpty()) {
                    for (String word : tail.split("\\s+")) {
                        // "me" still works; anything else is not a person
                        Whom whom = ArgTypes.memberOrTeam().parse(word, context);
                        if (whom instanceof Whom.Team) {
                            throw new ArgError("error.member", word);
                        }
                        people.add(((Whom.Person) whom).user());
                    }
                }
                return new Audience(false, people);
            }

            @Override
            public String placeholderKey() {
                return "arg.survey_audience";
            }

            @Override
            public boolean greedy() {
                return true;
            }
        };
    }

    static final Map<String, DayOfWeek> WEEKDAYS = weekdays();

    private static Map<String, DayOfWeek> weekdays() {
        Map<String, DayOfWeek> days = new LinkedHashMap<>();
        String[] zh = {"一", "二", "三", "四", "五", "六", "日"};
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(day(d), d);
            days.put(d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), d);
            String n = zh[d.getValue() - 1];
            days.put("周" + n, d);
            days.put("星期" + n, d);
        }
        days.put("周天", DayOfWeek.SUNDAY);
        days.put("星期天", DayOfWeek.SUNDAY);
        return days;
    }

    static ArgType<Weekly> weekly() {
        return new ArgType<>() {
            @Override
            public Weekly parse(String text, ParseContext context) {
                String s = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).trim().toLowerCase(Locale.ROOT);
                int at = s.indexOf('@');
                DayOfWeek day = WEEKDAYS.get(at < 0 ? s : s.substring(0, at));
                if (day == null) {
                    throw new ArgError("error.survey.weekly", text);
                }
                LocalTime time = at < 0 ? SurveyCommands.DEFAULT_TIME : new TimeArg().parse(s.substring(at + 1), context);
                return new Weekly(day, time);
            }

            @Override
            public String placeholderKey() {
                return "arg.survey_weekly";
            }
        };
    }

    private static boolean isTeam(String word) {
        String w = word.trim().toLowerCase(Locale.ROOT);
        return w.equals("team") || w.equals("团队") || w.equals("全队") || w.equals("全员");
    }

    static String day(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
    }
}
