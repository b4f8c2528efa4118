package app.pacer.platform.slack;

import app.pacer.config.PacerConfig;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Platform;
import app.pacer.core.org.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Which members have a Slack App Home to refresh. */
@ApplicationScoped
public class SlackHomes {

    private final MemberRepository members;
    private final WorkspaceRepository workspaces;
    private final boolean enabled;

    public SlackHomes(MemberRepository members, WorkspaceRepository workspaces, PacerConfig config) {
        this.members = members;
        this.workspaces = workspaces;
        this.enabled = config.slack().enabled();
    }

    /** The Slack user id of a member, when they are a Slack member and Slack is on. */
    public Optional<String> slackUserOf(Long memberId) {
        if (!enabled) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Member member = members.findById(memberId);
            return member != null && workspaces.findById(member.workspaceId()).platform() == Platform.SLACK
                    ? Optional.of(member.platformUserId()) : Optional.empty();
        });
    }
}
