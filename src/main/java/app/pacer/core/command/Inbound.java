package app.pacer.core.command;

import app.pacer.core.org.Platform;
import app.pacer.core.org.ProfileSource;
import app.pacer.core.reply.ActionRef;
import java.util.Map;

/** A request from a person, mapped by a platform adapter to what the core understands. */
public record Inbound(Platform platform, Sender sender, Conversation conversation, Input input) {

    /**
     * Who sent it: workspace (Slack team / Teams tenant) and user ids, and how to look their profile up.
     * {@code userTeamId} is the team the person belongs to when the payload says (Slack Connect: another
     * organisation's team in a shared channel), else null.
     */
    public record Sender(String workspaceId, String workspaceName, String userId, String displayName,
            ProfileSource profiles, String userTeamId) {

        public Sender(String workspaceId, String workspaceName, String userId, String displayName, ProfileSource profiles) {
            this(workspaceId, workspaceName, userId, displayName, profiles, null);
        }

        /** The payload itself says the person belongs to another team than the workspace's. */
        public boolean fromAnotherTeam() {
            return userTeamId != null && !userTeamId.isBlank() && !userTeamId.equals(workspaceId);
        }
    }

    public sealed interface Input permits Typed, Clicked, Submitted {
    }

    /** Typed text; {@code mentions} maps Teams {@code <at>} names to user ids. */
    public record Typed(String text, Map<String, String> mentions) implements Input {
        public Typed {
            text = withoutNul(text);
            mentions = mentions == null ? Map.of() : Map.copyOf(mentions);
        }
    }

    public record Clicked(ActionRef action) implements Input {
    }

    public record Submitted(ActionRef action, Map<String, String> values) implements Input {
        public Submitted {
            Map<String, String> clean = new java.util.LinkedHashMap<>();
            if (values != null) {
                values.forEach((k, v) -> clean.put(k, withoutNul(v)));
            }
            values = Map.copyOf(clean);
        }
    }

    /** PostgreSQL text cannot hold U+0000: a NUL typed or submitted would fail the whole command when stored. */
    static String withoutNul(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }
}
