package app.pacer.platform.slack;

import static app.pacer.testing.SlackRequests.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Platform;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 27, item 5: people who are not members of the workspace Pacer serves — Slack Connect users from another
 * organisation in a shared channel, and guests unless an admin allows them — get nothing of the workspace.
 */
@QuarkusTest
class SlackStrangersTest {

    private static final String REFUSED_EN = "Pacer serves members of this workspace only";
    private static final String REFUSED_ZH = "Pacer 只为本工作区的成员服务";

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    MemberRepository members;

    @Test
    void aSlackConnectUserFromAnotherTeamGetsNothingOfTheWorkspace() {
        String team = SlackRequests.newTeam();
        String admin = SlackRequests.newUser();
        // the workspace exists, with its admin and their settings: what a stranger must not see
        SlackRequests.command(team, admin, "settings timezone Asia/Tokyo");
        String stranger = SlackRequests.newUser();
        String otherTeam = SlackRequests.newTeam();
        FakePlatforms.SLACK_USER_TEAMS.put(stranger, otherTeam);

        // the slash command: the payload names only the channel's team; users.info says where they belong
        JsonNode roster = SlackRequests.command(team, stranger, "role");
        assertTrue(roster.toString().contains(REFUSED_EN), roster.toString());
        assertTrue(roster.toString().contains(REFUSED_ZH), roster.toString());
        assertFalse(roster.toString().contains("Display " + admin), roster.toString());
        assertEquals("ephemeral", roster.path("response_type").asText());

        // a mention in the shared channel: the event says the user's team
        ObjectNode mention = envelope(team, "app_mention");
        ((ObjectNode) mention.get("event")).put("user", stranger).put("user_team", otherTeam).put("team", otherTeam)
                .put("channel", "C0SHARED" + stranger).put("text", "<@" + FakePlatforms.BOT_USER + "> role")
                .put("ts", "1700000000.000300");
        SlackRequests.event(mention, Map.of()).then().statusCode(200);

        // a button in the shared channel: the payload says the user's team
        ObjectNode click = JSON.createObjectNode();
        click.put("type", "block_actions").put("trigger_id", "1.2.3")
                .put("response_url", FakePlatforms.responseUrl("click-" + stranger));
        click.putObject("team").put("id", team).put("domain", "acme");
        click.putObject("user").put("id", stranger).put("name", "outsider").put("team_id", otherTeam);
        click.putObject("channel").put("id", "C0SHARED" + stranger).put("name", "shared");
        click.putArray("actions").addObject().put("type", "button").put("action_id", SlackIds.ACTION_PREFIX + "0")
                .put("block_id", "b").put("value", SlackIds.encodeAction(ActionRef.of("role"), 2000))
                .put("action_ts", "1700000000.1");
        SlackRequests.interaction(click).then().statusCode(200);

        // App Home: nothing of the workspace is published there
        SlackRequests.openHome(team, stranger).then().statusCode(200);

        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
        for (FakePlatforms.Call call : FakePlatforms.CALLS) {
            if (call.body().toString().contains(stranger) || call.path().contains(stranger)) {
                assertFalse(call.body().toString().contains("Display " + admin), "leaked the roster: " + call);
                assertFalse(call.body().toString().contains("What Pacer can do"), "served the stranger: " + call);
            }
        }
        assertTrue(FakePlatforms.calls("POST", "/slack/response/click-" + stranger).stream()
                .noneMatch(c -> c.body().toString().contains("Display " + admin)));
        assertFalse(isMember(team, stranger), "a stranger must not be stored as a member");
        assertFalse(workspaces.find(Platform.SLACK, otherTeam).isPresent(), "nor their team as a workspace");
    }

    @Test
    void aGuestIsRefusedUntilAnAdminAllowsGuests() {
        String team = SlackRequests.newTeam();
        String admin = SlackRequests.newUser();
        String rep = SlackRequests.newUser();
        SlackRequests.command(team, admin, "help");
        SlackRequests.command(team, rep, "help");
        String guest = SlackRequests.newUser();
        FakePlatforms.SLACK_GUESTS.add(guest);

        String refused = SlackRequests.command(team, guest, "role").toString();
        assertTrue(refused.contains("guests"), refused);
        assertFalse(refused.contains("Display " + admin), refused);
        assertFalse(isMember(team, guest), "a refused guest is not stored");

        String notAdmin = SlackRequests.command(team, rep, "settings guests allow").toString();
        assertTrue(notAdmin.contains("Only a"), notAdmin);
        assertTrue(SlackRequests.command(team, guest, "help").toString().contains("guests"));

        String allowed = SlackRequests.command(team, admin, "settings guests allow").toString();
        assertTrue(allowed.contains("Guests may use Pacer"), allowed);
        String served = SlackRequests.command(team, guest, "help").toString();
        assertTrue(served.contains("What Pacer can do"), served);
        assertTrue(isMember(team, guest));

        // the Chinese name denies them again, and the stored guest is refused on the next request
        String denied = SlackRequests.command(team, admin, "设置 访客 拒绝").toString();
        assertTrue(denied.contains("Guests may not use Pacer"), denied);
        String again = SlackRequests.command(team, guest, "help").toString();
        assertFalse(again.contains("What Pacer can do"), again);
        assertTrue(again.contains("guests"), again);
    }

    private boolean isMember(String team, String user) {
        return QuarkusTransaction.requiringNew().call(() -> workspaces.find(Platform.SLACK, team)
                .flatMap(w -> members.find(w.id(), user)).isPresent());
    }

    private static ObjectNode envelope(String team, String type) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("token", "x").put("team_id", team).put("api_app_id", "A0PACER").put("type", "event_callback")
                .put("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase())
                .put("event_time", Instant.now().getEpochSecond());
        envelope.putArray("authorizations").addObject().put("team_id", team).put("user_id", FakePlatforms.BOT_USER)
                .put("is_bot", true);
        envelope.putObject("event").put("type", type).put("event_ts", "1700000000.000100");
        return envelope;
    }
}
