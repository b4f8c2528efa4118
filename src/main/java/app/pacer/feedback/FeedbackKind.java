package app.pacer.feedback;

/** How a customer scores: CSAT 1–5 (low ≤ 2) or NPS 0–10 (detractors ≤ 6, promoters ≥ 9). */
public enum FeedbackKind {
    CSAT(1, 5, 2), NPS(0, 10, 6);

    private final int min;
    private final int max;
    private final int lowAtMost;

    FeedbackKind(int min, int max, int lowAtMost) {
        this.min = min;
        this.max = max;
        this.lowAtMost = lowAtMost;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public boolean valid(int score) {
        return score >= min && score <= max;
    }

    /** A score the owner's manager hears about at once. */
    public boolean low(int score) {
        return score <= lowAtMost;
    }
}
