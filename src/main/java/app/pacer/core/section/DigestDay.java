package app.pacer.core.section;

import app.pacer.core.org.Member;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one digest is built from, read once and handed to every {@link DigestSection}.
 *
 * @param today     the channel's local day
 * @param yesterday the team's previous working day
 * @param since     when the previous digest went out (null: none yet)
 * @param standup   the channel runs a standup round
 * @param weekly    the weekly digest ({@code digest week}) rather than the daily one
 * @param currency  the workspace's currency code
 * @param people    the workspace's members, by display name
 */
public record DigestDay(long workspaceId, LocalDate today, LocalDate yesterday, ZoneId zone, Instant now, Instant since,
        boolean standup, boolean weekly, String currency, List<Member> people, Map<Long, Member> byId) {

    /** Per-person lines a section lists before it summarises the rest ("and 12 more"). */
    public static final int PEOPLE = 10;

    public DigestDay {
        people = List.copyOf(people);
    }

    public DigestDay(long workspaceId, LocalDate today, LocalDate yesterday, ZoneId zone, Instant now, Instant since,
            boolean standup, boolean weekly, String currency, List<Member> people) {
        this(workspaceId, today, yesterday, zone, now, since, standup, weekly, currency, people,
                people.stream().collect(Collectors.toUnmodifiableMap(Member::id, Function.identity())));
    }

    public Optional<Member> member(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A member's display name as Markdown (shown as typed), or "?" for someone no longer in the workspace. */
    public String name(long memberId) {
        return member(memberId).map(Member::displayName).map(Markdown::literal).orElse("?");
    }

    /** Weekly figures (last week, what the knowledge base could not answer) come on Mondays and in the weekly digest. */
    public boolean weekStart() {
        return weekly || today.getDayOfWeek() == DayOfWeek.MONDAY;
    }

    /** "Tue 8 Dec" / "12月8日 周二" */
    public static String date(LocalDate day, Messages m) {
        return DateTimeFormatter.ofPattern(m.language() == Language.ZH ? "M月d日 EEE" : "EEE d MMM", m.language().locale())
                .format(day);
    }

    /** The first {@link #PEOPLE} names (as typed: escaped here), then "and N more". */
    public static String names(List<String> names, Messages m) {
        String shown = names.stream().limit(PEOPLE).map(Markdown::literal).collect(Collectors.joining(", "));
        return names.size() > PEOPLE ? shown + " " + m.get("digest.and_more", names.size() - PEOPLE) : shown;
    }
}
