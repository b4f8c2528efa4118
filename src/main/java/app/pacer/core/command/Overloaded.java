package app.pacer.core.command;

/**
 * Pacer has more acknowledged work queued than it can take: the request is refused before anything is stored,
 * so the sender can retry (Slack retries events, Teams and a member can send again). Never an HTTP 500.
 */
public class Overloaded extends RuntimeException {

    /** Said to a member whose command could not be queued: both languages, as reading theirs would need the database. */
    public static final String BUSY = "⏳ Pacer is very busy right now; please try again in a moment.\n"
            + "⏳ Pacer 现在非常忙,请稍后再试。";

    public Overloaded(String what) {
        super("Work queue full: " + what + " refused", null, false, false);
    }
}
