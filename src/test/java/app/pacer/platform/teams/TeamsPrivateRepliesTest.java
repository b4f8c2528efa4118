package app.pacer.platform.teams;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.TeamsRequests;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 27, item 2: what only the asker may see, asked for in a team channel or a group chat, goes to the asker's
 * personal chat with Pacer (created through the Bot Connector as for any proactive 1:1 message); the channel gets a
 * one-line pointer in the asker's language and nothing of the answer.
 */
@QuarkusTest
class TeamsPrivateRepliesTest {

    /** A tenant of its own: its first member is its admin, and so may export the team's leads. */
    static final String TENANT = "tenant-private";
    static final String POINTER_EN = "I've sent you the answer in a private chat.";
    static final String POINTER_ZH = "我已在私聊中把答复发给你。";

    /** The tenant's first member, so its admin (a manager may export the team's leads). */
    private static String admin;

    @BeforeEach
    void firstMemberIsTheAdmin() {
        if (admin == null) { // once, with Quarkus up (a static @BeforeAll runs before it listens)
            admin = TeamsRequests.newUser();
            inPersonalChat(admin, "help", "What Pacer can do");
        }
    }

    private static String personal(String user) {
        return "/teams/v3/conversations/a:personal-" + user + "/activities";
    }

    private static String conversationPath(ObjectNode activity) {
        return "/teams/v3/conversations/" + activity.path("conversation").path("id").asText() + "/activities";
    }

    /** Everything Pacer sent into the conversation {@code activity} came from, as text. */
    private static List<String> sentTo(ObjectNode activity) {
        return FakePlatforms.calls("POST", conversationPath(activity)).stream().map(c -> c.body().toString()).toList();
    }

    /** Posts, then waits for the pointer in the channel (sent after the answer, so everything is in by then). */
    private static String pointerFor(ObjectNode activity, String pointer) {
        TeamsRequests.post(activity).then().statusCode(200);
        String reply = conversationPath(activity) + "/" + activity.path("id").asText();
        return await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", reply), l -> !l.isEmpty())
                .get(0).body().toString();
    }

    private static void inPersonalChat(String user, String text, String expected) {
        ObjectNode activity = TeamsRequests.message(TENANT, user, text);
        TeamsRequests.post(activity).then().statusCode(200);
        String reply = personal(user) + "/" + activity.path("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", reply).stream()
                .anyMatch(c -> c.body().toString().contains(expected)));
    }

    private static boolean privately(String user, String expected) {
        return FakePlatforms.calls("POST", personal(user)).stream().anyMatch(c -> c.body().toString().contains(expected));
    }

    @Test
    void leadExportAndLeadCardAskedInAChannelReachOnlyThePersonalChat() {
        inPersonalChat(admin, "lead add \"Quiet Harbour Ltd\" email=buyer@quiet-harbour.example phone=+8613800138000",
                "Quiet Harbour Ltd");
        String channel = "19:private-replies-" + UUID.randomUUID() + "@thread.tacv2";

        ObjectNode export = TeamsRequests.shared("channel", TENANT, admin, channel + ";messageid=1", "lead export team");
        String pointer = pointerFor(export, POINTER_EN);
        assertTrue(pointer.contains(POINTER_EN), pointer);
        await().atMost(Duration.ofSeconds(15)).until(() -> privately(admin, "/exports/"));
        for (String sent : sentTo(export)) {
            assertFalse(sent.contains("/exports/"), "the download link reached the channel: " + sent);
        }
        assertEquals(1, sentTo(export).size(), "the channel gets the pointer only: " + sentTo(export));
        // the 1:1 chat was created through the connector, with the member and the tenant
        assertTrue(FakePlatforms.calls("POST", "/teams/v3/conversations").stream()
                .filter(c -> c.path().equals("/teams/v3/conversations"))
                .anyMatch(c -> c.body().path("members").get(0).path("id").asText().equals(admin)
                        && c.body().toString().contains(TENANT)), "no create-conversation call for the member");

        ObjectNode card = TeamsRequests.shared("channel", TENANT, admin, channel + ";messageid=2", "lead show 1");
        assertTrue(pointerFor(card, POINTER_EN).contains(POINTER_EN));
        await().atMost(Duration.ofSeconds(15)).until(() -> privately(admin, "buyer@quiet-harbour.example"));
        for (String sent : sentTo(card)) {
            assertFalse(sent.contains("Quiet Harbour") || sent.contains("buyer@quiet-harbour.example")
                    || sent.contains("8613800138000"), "the lead card reached the channel: " + sent);
        }
    }

    @Test
    void formsAskedInAGroupChatOpenInThePersonalChatAndThePointerSpeaksTheMembersLanguage() {
        String member = TeamsRequests.newUser();
        inPersonalChat(member, "settings language zh", "简体中文");
        String chat = "19:group-" + UUID.randomUUID() + "@thread.v2";
        ObjectNode form = TeamsRequests.shared("groupChat", TENANT, member, chat, "settings edit");
        String pointer = pointerFor(form, POINTER_ZH);
        assertTrue(pointer.contains(POINTER_ZH), pointer);
        await().atMost(Duration.ofSeconds(15)).until(() -> privately(member, "Input.ChoiceSet"));
        for (String sent : sentTo(form)) {
            assertFalse(sent.contains("Input."), "a form with inputs reached the group chat: " + sent);
        }
    }

    @Test
    void whenThePersonalChatCannotBeCreatedTheChannelIsToldSoAndShownNothing() {
        String member = TeamsRequests.newUser();
        String channel = "19:unreachable-" + UUID.randomUUID() + "@thread.tacv2";
        FakePlatforms.CREATE_FAULTS.add("403");
        ObjectNode help = TeamsRequests.shared("channel", TENANT, member, channel + ";messageid=1", "help");
        String answer = pointerFor(help, "");
        assertTrue(answer.contains("couldn't send you a private message"), answer);
        for (String sent : sentTo(help)) {
            assertFalse(sent.contains("What Pacer can do"), "the private answer fell back to the channel: " + sent);
        }
    }

    @Test
    void personalChatsAreAnsweredWhereTheyAre() {
        String member = TeamsRequests.newUser();
        ObjectNode help = TeamsRequests.message(TENANT, member, "help");
        TeamsRequests.post(help).then().statusCode(200);
        String reply = personal(member) + "/" + help.path("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", reply), l -> !l.isEmpty());
        assertFalse(FakePlatforms.calls("POST", "/teams/v3/conversations").stream()
                .anyMatch(c -> c.path().equals("/teams/v3/conversations") && c.body().toString().contains(member)),
                "no conversation is created for a personal chat");
    }
}
