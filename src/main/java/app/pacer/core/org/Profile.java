package app.pacer.core.org;

/**
 * What a platform tells about a person; any part may be null. {@code teamId} is the workspace the person belongs to
 * when the platform says (Slack's {@code users.info}: a Slack Connect user's is another organisation's); a
 * {@code guest} is a restricted account the workspace invited into some channels only.
 */
public record Profile(String displayName, String locale, String timeZone, String teamId, boolean guest) {

    public Profile(String displayName, String locale, String timeZone) {
        this(displayName, locale, timeZone, null, false);
    }
}
