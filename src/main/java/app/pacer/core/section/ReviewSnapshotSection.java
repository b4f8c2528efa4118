package app.pacer.core.section;

import app.pacer.core.org.Member;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A feature's part of a review's KPI snapshot (targets, pipeline, customer feedback…). Implement it as a bean;
 * return empty when the feature has nothing to say about the rep in that period.
 */
public interface ReviewSnapshotSection {

    /** Sections appear in this order (lower first). */
    int order();

    /** The rep's figures for {@code from}..{@code to} (both included), as of {@code today}. */
    Optional<ReviewSnapshot.Section> compute(Member rep, LocalDate from, LocalDate to, LocalDate today);
}
