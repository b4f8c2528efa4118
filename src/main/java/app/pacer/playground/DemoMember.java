package app.pacer.playground;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Someone the playground's visitor can be. The role is what the playground sets up when it starts (through
 * ordinary commands); language and time zone are what the fake Slack and Teams report for them.
 */
record DemoMember(String key, String name, String role, String locale, String timeZone) {

    static final List<DemoMember> ALL = List.of(
            new DemoMember("alex", "Alex Morgan", "admin", "en-US", "America/New_York"),
            new DemoMember("sam", "Sam Patel", "manager", "en-GB", "Europe/London"),
            new DemoMember("wei", "李伟", "rep", "zh-CN", "Asia/Shanghai"),
            new DemoMember("jordan", "Jordan Lee", "rep", "en-US", "America/Los_Angeles"));

    static Optional<DemoMember> byKey(String key) {
        return ALL.stream().filter(m -> m.key.equalsIgnoreCase(key == null ? "" : key.trim())).findFirst();
    }

    static DemoMember admin() {
        return ALL.get(0);
    }

    /** The handle typed after {@code @} on the page: the key ({@code @sam}). */
    String handle() {
        return key;
    }

    String slackUserId() {
        return "U0PG" + key.toUpperCase(Locale.ROOT);
    }

    /** The member's DM with the app, where their commands are typed and their nudges arrive. */
    String slackDmChannel() {
        return "D0PG" + key.toUpperCase(Locale.ROOT);
    }

    String teamsUserId() {
        return "29:playground-" + key;
    }

    String teamsConversationId() {
        return "a:playground-" + key;
    }

    static Optional<DemoMember> bySlackUser(String userId) {
        return ALL.stream().filter(m -> m.slackUserId().equals(userId)).findFirst();
    }

    static Optional<DemoMember> bySlackChannel(String channel) {
        return ALL.stream().filter(m -> m.slackDmChannel().equals(channel) || m.slackUserId().equals(channel)).findFirst();
    }

    static Optional<DemoMember> byTeamsUser(String userId) {
        return ALL.stream().filter(m -> m.teamsUserId().equals(userId)).findFirst();
    }

    static Optional<DemoMember> byTeamsConversation(String conversationId) {
        return ALL.stream().filter(m -> m.teamsConversationId().equals(conversationId)).findFirst();
    }
}
