package app.pacer.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberCalendarTest {

    static final Holiday NATIONAL_DAY = new Holiday(1L, new DateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7)), "国庆节");

    @Test
    void workWeeksDecideWeekends() {
        LocalDate friday = LocalDate.of(2026, 12, 4);
        LocalDate saturday = friday.plusDays(1);
        LocalDate sunday = friday.plusDays(2);
        MemberCalendar monFri = new MemberCalendar(WorkWeek.MON_FRI, List.of(), List.of());
        MemberCalendar monSat = new MemberCalendar(WorkWeek.MON_SAT, List.of(), List.of());
        MemberCalendar sunThu = new MemberCalendar(WorkWeek.SUN_THU, List.of(), List.of());
        assertTrue(monFri.isWorkingDay(friday));
        assertFalse(monFri.isWorkingDay(saturday));
        assertTrue(monSat.isWorkingDay(saturday));
        assertFalse(monSat.isWorkingDay(sunday));
        assertTrue(sunThu.isWorkingDay(sunday));
        assertFalse(sunThu.isWorkingDay(friday));
    }

    @Test
    void holidaysAndAwayDaysAreNotWorkingDays() {
        MemberCalendar calendar = new MemberCalendar(WorkWeek.MON_FRI, List.of(NATIONAL_DAY),
                List.of(new DateRange(LocalDate.of(2026, 10, 12), LocalDate.of(2026, 10, 13))));
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 10, 1)));
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 10, 7)));
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 10, 8)));
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 10, 12)));
        assertTrue(calendar.isAway(LocalDate.of(2026, 10, 13)));
        assertEquals("国庆节", calendar.holiday(LocalDate.of(2026, 10, 3)).name());
    }

    @Test
    void workingDaysLeftInAPeriodCountsTodayAndSkipsHolidaysAndAwayDays() {
        MemberCalendar calendar = new MemberCalendar(WorkWeek.MON_FRI, List.of(NATIONAL_DAY),
                List.of(new DateRange(LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 30))));
        // October 2026: 22 weekdays, 5 of them in the National Day week, 2 away
        assertEquals(15, calendar.workingDaysLeft(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)));
        assertEquals(1, calendar.workingDaysLeft(LocalDate.of(2026, 10, 28), LocalDate.of(2026, 10, 31)));
        assertEquals(0, calendar.workingDaysLeft(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 10, 31)));
        assertEquals(0, calendar.workingDays(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 1)));
        assertEquals(LocalDate.of(2026, 10, 8), calendar.nextWorkingDay(LocalDate.of(2026, 10, 1)));
    }

    @Test
    void acrossAMonthAndYearBoundary() {
        MemberCalendar calendar = new MemberCalendar(WorkWeek.MON_FRI,
                List.of(new Holiday(1L, new DateRange(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 1)), "New Year")),
                List.of());
        assertEquals(4, calendar.workingDays(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 3)));
        assertEquals(LocalDate.of(2027, 1, 4), calendar.nextWorkingDay(LocalDate.of(2026, 12, 31).plusDays(1)));
    }
}
