package app.pacer.core.command;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Typed text beyond {@link CommandService#MAX_TYPED} is refused, kindly and in the member's language, on both platforms. */
@QuarkusTest
class TypedTextCapTest {

    static final String TOO_LONG = "kb " + "a".repeat(CommandService.MAX_TYPED - 2);

    @Test
    void slackRefusesTooLongTextInEnglishAndChinese() {
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        String refused = SlackRequests.command(team, user, TOO_LONG).toString();
        assertTrue(refused.contains("That is 4,001 characters; I read commands of up to 4,000"), refused);
        String atTheCap = SlackRequests.command(team, user, TOO_LONG.substring(1)).toString();
        assertFalse(atTheCap.contains("I read commands of up to"), atTheCap);
        SlackRequests.command(team, user, "settings language zh");
        String chinese = SlackRequests.command(team, user, "知识 " + "价".repeat(40_000)).toString();
        assertTrue(chinese.contains("这条消息有 40,003 个字符，命令最多 4,000 个字符"), chinese);
    }

    @Test
    void teamsRefusesTooLongText() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(0);
        String refused = send(TeamsRequests.message(tenant, TeamsRequests.newUser(), TOO_LONG)).toString();
        assertTrue(refused.contains("I read commands of up to 4,000"), refused);
    }

    /** Posts a Teams activity and returns Pacer's reply to it. */
    static JsonNode send(ObjectNode activity) {
        TeamsRequests.post(activity).then().statusCode(200);
        String path = "/teams/v3/conversations/" + activity.path("conversation").path("id").asText()
                + "/activities/" + activity.path("id").asText();
        return await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty()).get(0).body();
    }
}
