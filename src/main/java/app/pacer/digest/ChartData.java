package app.pacer.digest;

import java.time.LocalDate;
import java.util.List;

/**
 * The team's cumulative progress against target over a month: one line per metric (percent of target), or bars
 * per rep. {@link TeamChart} draws lines when there are any, else bars.
 */
public record ChartData(String title, LocalDate from, LocalDate to, List<Line> lines, List<Bar> bars) {

    public ChartData {
        lines = lines == null ? List.of() : List.copyOf(lines);
        bars = bars == null ? List.of() : List.copyOf(bars);
    }

    /**
     * One metric: its name (already in the reader's language), cumulative percent of target for each day
     * from..to (null = no data yet, e.g. future days).
     */
    public record Line(String label, List<Double> cumulativePercent) {
        public Line {
            // List.copyOf refuses nulls, and null is meaningful here
            cumulativePercent = cumulativePercent == null ? List.of()
                    : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(cumulativePercent));
        }
    }

    /** One rep: name and percent of their target (or share of the team total when no target). */
    public record Bar(String label, double percent) {
    }
}
