package app.pacer.core.command;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** The periods targets and reports are measured over. Weeks start on Monday. */
public enum Period {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    /** The first day of the period that contains {@code date}. */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
            case QUARTER -> date.with(IsoFields.DAY_OF_QUARTER, 1);
            case YEAR -> date.withDayOfYear(1);
        };
    }

    /** The last day of the period that contains {@code date}. */
    public LocalDate end(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> start(date).plusDays(6);
            case MONTH -> date.with(TemporalAdjusters.lastDayOfMonth());
            case QUARTER -> start(date).plusMonths(3).minusDays(1);
            case YEAR -> date.with(TemporalAdjusters.lastDayOfYear());
        };
    }
}
