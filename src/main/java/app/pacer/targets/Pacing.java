package app.pacer.targets;

import app.pacer.core.time.MemberCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Where someone stands against a target on working days: what was expected by the start of today, how far
 * ahead or behind, and the daily run-rate needed over the working days left (today included).
 *
 * @param expected      target × working days completed before today ÷ working days in the period
 * @param daysLeft      working days from today (or the period's start) to its end
 * @param dailyNeeded   what is still missing, spread over those days (all of it when none are left)
 */
public record Pacing(BigDecimal target, BigDecimal done, BigDecimal expected, BigDecimal remaining, int totalDays,
        int daysLeft, BigDecimal dailyNeeded) {

    /**
     * @param start the period's first day, or the day the member joined when later
     */
    public static Pacing of(BigDecimal target, BigDecimal done, LocalDate start, LocalDate end, LocalDate today,
            MemberCalendar calendar) {
        int total = calendar.workingDays(start, end);
        LocalDate lastCompleted = today.minusDays(1).isAfter(end) ? end : today.minusDays(1);
        int elapsed = today.isAfter(start) ? calendar.workingDays(start, lastCompleted) : 0;
        int left = today.isAfter(end) ? 0 : calendar.workingDays(today.isBefore(start) ? start : today, end);
        BigDecimal expected = total == 0 ? (today.isAfter(end) ? target : BigDecimal.ZERO)
                : target.multiply(BigDecimal.valueOf(elapsed)).divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);
        BigDecimal remaining = target.subtract(done).max(BigDecimal.ZERO);
        BigDecimal daily = left == 0 ? remaining : remaining.divide(BigDecimal.valueOf(left), 2, RoundingMode.UP);
        return new Pacing(target, done, expected, remaining, total, left, daily);
    }

    /** Done minus expected: positive when ahead. */
    public BigDecimal ahead() {
        return done.subtract(expected);
    }

    public int percent() {
        if (target.signum() <= 0) {
            return 0;
        }
        return done.multiply(BigDecimal.valueOf(100)).divide(target, 0, RoundingMode.DOWN).intValue();
    }

    public boolean reached() {
        return done.compareTo(target) >= 0;
    }
}
