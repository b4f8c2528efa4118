package app.pacer.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.command.Period;
import app.pacer.core.time.DateRange;
import app.pacer.core.time.Holiday;
import app.pacer.core.time.MemberCalendar;
import app.pacer.core.time.WorkWeek;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** When a cycle's reviews fall due and what they look at: month ends, quarters, weekends and holidays. */
class ReviewCycleTest {

    private static final MemberCalendar MON_FRI = new MemberCalendar(WorkWeek.MON_FRI, List.of(), List.of());

    private static ReviewCycle cycle(Period cadence, int day) {
        return new ReviewCycle(1L, cadence, day, null, Review.Type.REVIEW, 1L, Instant.EPOCH);
    }

    private static MemberCalendar withHolidays(LocalDate... days) {
        return new MemberCalendar(WorkWeek.MON_FRI, java.util.Arrays.stream(days)
                .map(d -> new Holiday(1L, new DateRange(d, d), "holiday")).toList(), List.of());
    }

    @Test
    void dayThirtyOneIsTheLastDayOfShortMonthsAndMovesOffTheWeekend() {
        // February 2027 ends on Sunday the 28th: the review moves to Monday 1 March and looks at January
        var occurrence = cycle(Period.MONTH, 31).occurrence(LocalDate.of(2027, 2, 3), MON_FRI);
        assertEquals(LocalDate.of(2027, 3, 1), occurrence.due());
        assertEquals(LocalDate.of(2027, 1, 1), occurrence.periodStart());
        assertEquals(LocalDate.of(2027, 1, 31), occurrence.periodEnd());
        // 30 April 2027 is a Friday: it stays, and looks at March
        var april = cycle(Period.MONTH, 31).occurrence(LocalDate.of(2027, 4, 2), MON_FRI);
        assertEquals(LocalDate.of(2027, 4, 30), april.due());
        assertEquals(LocalDate.of(2027, 3, 31), april.periodEnd());
    }

    @Test
    void aHolidayMovesTheReviewToTheNextWorkingDayEvenIntoTheNextMonth() {
        // 1 January 2027 (Friday) is a holiday: Monday the 4th
        var newYear = cycle(Period.MONTH, 1).occurrence(LocalDate.of(2026, 12, 20), withHolidays(LocalDate.of(2027, 1, 1)));
        assertEquals(LocalDate.of(2027, 1, 4), newYear.due());
        assertEquals(LocalDate.of(2026, 12, 1), newYear.periodStart());
        assertEquals(LocalDate.of(2026, 12, 31), newYear.periodEnd());
        // 29 Jan (Fri) and 1 Feb (Mon) are holidays: January's review lands on 2 February, still reviewing December
        var moved = cycle(Period.MONTH, 29).occurrence(LocalDate.of(2027, 1, 10),
                withHolidays(LocalDate.of(2027, 1, 29), LocalDate.of(2027, 2, 1)));
        assertEquals(LocalDate.of(2027, 2, 2), moved.due());
        assertEquals(LocalDate.of(2026, 12, 1), moved.periodStart());
    }

    @Test
    void onceThisMonthsReviewHasPassedTheNextMonthsIsDue() {
        var occurrence = cycle(Period.MONTH, 5).occurrence(LocalDate.of(2026, 12, 8), MON_FRI);
        assertEquals(LocalDate.of(2027, 1, 5), occurrence.due());
        assertEquals(LocalDate.of(2026, 12, 1), occurrence.periodStart());
        // on the day itself, it is today's
        assertEquals(LocalDate.of(2026, 12, 7), cycle(Period.MONTH, 5).occurrence(LocalDate.of(2026, 12, 7), MON_FRI).due(),
                "5 Dec 2026 is a Saturday: Monday the 7th");
    }

    @Test
    void quarterlyReviewsLookAtThePreviousQuarter() {
        var occurrence = cycle(Period.QUARTER, 10).occurrence(LocalDate.of(2026, 12, 1), MON_FRI);
        assertEquals(LocalDate.of(2027, 1, 11), occurrence.due(), "10 Jan 2027 is a Sunday");
        assertEquals(LocalDate.of(2026, 10, 1), occurrence.periodStart());
        assertEquals(LocalDate.of(2026, 12, 31), occurrence.periodEnd());
        var sameQuarter = cycle(Period.QUARTER, 10).occurrence(LocalDate.of(2026, 10, 2), MON_FRI);
        assertEquals(LocalDate.of(2026, 10, 12), sameQuarter.due());
        assertEquals(LocalDate.of(2026, 7, 1), sameQuarter.periodStart());
    }

    @Test
    void everyOccurrenceIsAWorkingDayNotBeforeTodayAndReviewsTheWholePeriodBefore() {
        // a fixed seed keeps the build repeatable; -Dfuzz.seed=random explores, -Dfuzz.seed=<n> replays
        long seed = "random".equals(System.getProperty("fuzz.seed")) ? System.nanoTime() : Long.getLong("fuzz.seed", 20261201L);
        Random random = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            LocalDate today = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(3 * 366));
            Period cadence = random.nextBoolean() ? Period.MONTH : Period.QUARTER;
            int day = 1 + random.nextInt(31);
            LocalDate holiday = today.plusDays(random.nextInt(40));
            MemberCalendar calendar = withHolidays(holiday, holiday.plusDays(1));
            var o = cycle(cadence, day).occurrence(today, calendar);
            String context = "seed " + seed + ": " + cadence + " day " + day + " from " + today + " → " + o;
            assertFalse(o.due().isBefore(today), context);
            assertTrue(calendar.isWorkingDay(o.due()), context);
            assertFalse(o.due().getDayOfWeek() == DayOfWeek.SATURDAY || o.due().getDayOfWeek() == DayOfWeek.SUNDAY, context);
            assertEquals(cadence.start(o.periodStart()), o.periodStart(), context);
            assertEquals(cadence.end(o.periodStart()), o.periodEnd(), context);
            assertTrue(o.periodEnd().isBefore(o.due()), context);
            // the first on or after today: the cycle's previous review would have fallen before today
            var previous = cycle(cadence, day).occurrence(o.periodStart(), calendar);
            assertTrue(previous.due().isBefore(today) || previous.due().equals(o.due()), context);
        }
    }
}
