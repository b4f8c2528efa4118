package app.pacer.core.time;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;

/** Which days a team works: Monday–Friday, Monday–Saturday, or Sunday–Thursday. */
public enum WorkWeek {
    MON_FRI(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), "mon-fri"),
    MON_SAT(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), "mon-sat"),
    SUN_THU(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY), "sun-thu");

    private final Set<DayOfWeek> days;
    private final String typed;

    WorkWeek(Set<DayOfWeek> days, String typed) {
        this.days = days;
        this.typed = typed;
    }

    public boolean includes(DayOfWeek day) {
        return days.contains(day);
    }

    /** As people type it: {@code mon-fri}. */
    public String typed() {
        return typed;
    }
}
