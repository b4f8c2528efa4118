package app.pacer.core.org;

/**
 * The person is not someone Pacer serves in this workspace: a Slack Connect user from another organisation
 * ({@link Why#STRANGER}), or a guest while the workspace does not allow guests ({@link Why#GUEST}). Nothing of
 * theirs is stored and nothing of the workspace is shown to them.
 */
public final class NotServed extends RuntimeException {

    public enum Why {
        STRANGER, GUEST;

        /** The message key of the short refusal. */
        public String messageKey() {
            return this == STRANGER ? "refused.stranger" : "refused.guest";
        }
    }

    private final Why why;

    public NotServed(Why why) {
        super(why.name(), null, false, false);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
