package app.pacer.core.time;

import java.time.LocalDate;

/** Days from {@code first} to {@code last}, both included. */
public record DateRange(LocalDate first, LocalDate last) {

    public DateRange {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("range ends before it starts");
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(first) && !day.isAfter(last);
    }

    public boolean overlaps(LocalDate from, LocalDate to) {
        return !last.isBefore(from) && !first.isAfter(to);
    }

    @Override
    public String toString() {
        return first.equals(last) ? first.toString() : first + ".." + last;
    }
}
