package app.pacer.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.time.DateRange;
import app.pacer.core.time.Holiday;
import app.pacer.core.time.MemberCalendar;
import app.pacer.core.time.WorkWeek;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacingTest {

    static final MemberCalendar WEEKDAYS = new MemberCalendar(WorkWeek.MON_FRI, List.of(), List.of());
    static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);
    static final LocalDate DEC_31 = LocalDate.of(2026, 12, 31);

    static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    @Test
    void expectedToDateCountsCompletedWorkingDaysOnly() {
        // December 2026 has 23 weekdays; by the start of Monday 14th, 9 are complete (1-4, 7-11)
        Pacing p = Pacing.of(n("46"), n("10"), DEC_1, DEC_31, LocalDate.of(2026, 12, 14), WEEKDAYS);
        assertEquals(23, p.totalDays());
        assertEquals(0, n("18.00").compareTo(p.expected()));
        assertEquals(0, n("-8.00").compareTo(p.ahead()));
        assertEquals(14, p.daysLeft());
        assertEquals(0, n("36").compareTo(p.remaining()));
        assertEquals(0, n("2.58").compareTo(p.dailyNeeded()), p.dailyNeeded().toString());
        assertEquals(21, p.percent());
    }

    @Test
    void weekendDaysNeitherRaiseTheExpectationNorCountAsDaysLeft() {
        Pacing friday = Pacing.of(n("10"), n("0"), LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 13),
                LocalDate.of(2026, 12, 12), WEEKDAYS); // Saturday
        assertEquals(0, n("10").compareTo(friday.expected()));
        assertEquals(0, friday.daysLeft());
        assertEquals(0, n("10").compareTo(friday.dailyNeeded()));
    }

    @Test
    void holidaysShortenThePeriod() {
        MemberCalendar october = new MemberCalendar(WorkWeek.MON_FRI, List.of(new Holiday(1L,
                new DateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7)), "国庆节")), List.of());
        Pacing p = Pacing.of(n("17"), n("0"), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31),
                LocalDate.of(2026, 10, 8), october);
        assertEquals(17, p.totalDays());
        assertEquals(0, BigDecimal.ZERO.compareTo(p.expected()), "nothing expected during the holiday");
        assertEquals(0, BigDecimal.ONE.compareTo(p.dailyNeeded()));
    }

    @Test
    void memberWhoJoinedMidPeriodIsPacedFromTheirFirstDay() {
        LocalDate joined = LocalDate.of(2026, 12, 21);
        Pacing p = Pacing.of(n("8"), n("0"), joined, DEC_31, LocalDate.of(2026, 12, 23), WEEKDAYS);
        assertEquals(9, p.totalDays());
        assertEquals(0, n("1.78").compareTo(p.expected()), p.expected().toString());
    }

    @Test
    void acrossTheMonthBoundaryAndAfterThePeriod() {
        Pacing before = Pacing.of(n("20"), n("0"), DEC_1, DEC_31, LocalDate.of(2026, 11, 30), WEEKDAYS);
        assertEquals(0, BigDecimal.ZERO.compareTo(before.expected()));
        assertEquals(23, before.daysLeft());
        Pacing after = Pacing.of(n("20"), n("15"), DEC_1, DEC_31, LocalDate.of(2027, 1, 1), WEEKDAYS);
        assertEquals(0, n("20").compareTo(after.expected()));
        assertEquals(0, after.daysLeft());
        assertEquals(0, n("5").compareTo(after.dailyNeeded()));
        assertTrue(Pacing.of(n("20"), n("21"), DEC_1, DEC_31, LocalDate.of(2026, 12, 9), WEEKDAYS).reached());
    }

    @Test
    void moneyIsFormattedPerLocaleWithoutFloatingPoint() {
        Metric revenue = Metric.BUILTIN.get(0);
        assertEquals("$12,000", Amounts.format(n("12000"), revenue, app.pacer.core.reply.Language.EN, "USD"));
        assertEquals("¥12,000", Amounts.format(n("12000"), revenue, app.pacer.core.reply.Language.ZH, "CNY"));
        assertEquals("$0.30", Amounts.format(n("0.1").add(n("0.2")), revenue, app.pacer.core.reply.Language.EN, "USD"));
        assertEquals("1,234.5", Amounts.format(n("1234.5"), Metric.BUILTIN.get(1), app.pacer.core.reply.Language.EN, "USD"));
    }
}
