package app.pacer.playground;

/**
 * The demo team's channel: {@code #sales} in the Slack workspace, the Sales channel of the Playground team in
 * Teams. The playground makes it the digest channel with an ordinary {@code digest channel} typed there.
 */
final class DemoChannel {

    /** A public channel's id starts with C: the Slack adapter takes it for a channel, as Slack's own ids are. */
    static final String SLACK_ID = "C0PGSALES";
    static final String SLACK_NAME = "sales";
    static final String TEAMS_ID = "19:playground-sales@thread.tacv2";
    static final String TEAMS_NAME = "Sales";
    static final String TEAMS_TEAM_ID = "19:playground-team@thread.tacv2";
    static final String TEAMS_TEAM_NAME = "Playground";

    private DemoChannel() {
    }

    /** How the channel is called on the page and in notices: {@code #sales} or {@code Sales}. */
    static String label(String platform) {
        return PlaygroundSlack.PLATFORM.equals(platform) ? "#" + SLACK_NAME : TEAMS_NAME;
    }
}
