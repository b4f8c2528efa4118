package app.pacer.core.time;

import java.time.LocalDate;
import java.util.List;

/**
 * One member's working calendar: their work week, the workspace's holidays and their away days. A plain
 * value, loaded once and then asked many questions (pacing asks for every day of a period).
 */
public record MemberCalendar(WorkWeek workWeek, List<Holiday> holidays, List<DateRange> away) {

    public MemberCalendar {
        holidays = List.copyOf(holidays);
        away = List.copyOf(away);
    }

    /** A working day: in the work week, not a holiday, not away. */
    public boolean isWorkingDay(LocalDate day) {
        return workWeek.includes(day.getDayOfWeek()) && holiday(day) == null
                && away.stream().noneMatch(r -> r.contains(day));
    }

    /** The holiday on {@code day}, or null. */
    public Holiday holiday(LocalDate day) {
        return holidays.stream().filter(h -> h.range().contains(day)).findFirst().orElse(null);
    }

    public boolean isAway(LocalDate day) {
        return away.stream().anyMatch(r -> r.contains(day));
    }

    /** Working days from {@code from} to {@code to}, both included (0 when {@code to} is before {@code from}). */
    public int workingDays(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** Working days left in a period ending on {@code periodEnd}, counting {@code today}. */
    public int workingDaysLeft(LocalDate today, LocalDate periodEnd) {
        return workingDays(today, periodEnd);
    }

    /** The first working day on or after {@code day}, looking at most a year ahead. */
    public LocalDate nextWorkingDay(LocalDate day) {
        LocalDate d = day;
        for (int i = 0; i < 366; i++, d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                return d;
            }
        }
        return day;
    }
}
