package app.pacer.core.command;

/**
 * A member's home content changed (they logged, undid, …): platforms with a home surface (Slack's App Home)
 * refresh it once the transaction has committed.
 */
public record HomeChanged(Long memberId) {
}
