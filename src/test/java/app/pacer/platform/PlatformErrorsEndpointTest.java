package app.pacer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Malformed payloads through the real endpoints, correctly signed (Slack) or with a valid token (Teams): a 400
 * with no body, never a 500 or a stack trace. Overload through the endpoints is {@code OverloadTest}'s.
 */
@QuarkusTest
class PlatformErrorsEndpointTest {

    private static void assertBadRequest(Response response, String what) {
        assertEquals(400, response.statusCode(), what + ": " + response.asString());
        assertTrue(response.asString().isEmpty(), what + ": " + response.asString());
    }

    @Test
    void malformedSlackRequestsAreABadRequest() {
        long now = Instant.now().getEpochSecond();
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        assertBadRequest(SlackRequests.post("payload=%7Bnot+json", "application/x-www-form-urlencoded", now, SlackRequests.SIGN),
                "an interaction that is not JSON");
        assertBadRequest(SlackRequests.post("{not json", "application/json", now, SlackRequests.SIGN), "an event that is not JSON");

        Map<String, String> slash = new LinkedHashMap<>();
        slash.put("user_id", user);
        slash.put("command", "/pacer");
        slash.put("text", "help");
        slash.put("response_url", FakePlatforms.responseUrl(UUID.randomUUID().toString()));
        assertBadRequest(SlackRequests.post(SlackRequests.formBody(slash), "application/x-www-form-urlencoded", now, SlackRequests.SIGN),
                "a slash command without a team");

        ObjectNode dm = SlackRequests.JSON.createObjectNode();
        dm.put("token", "x").put("api_app_id", "A0PACER").put("type", "event_callback")
                .put("event_id", "EvBAD" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase())
                .put("event_time", now);
        dm.putObject("event").put("type", "message").put("channel_type", "im").put("user", user).put("channel", "D0BAD")
                .put("text", "help").put("ts", "1700000000.000100");
        assertBadRequest(SlackRequests.event(dm, Map.of()), "a message event without a team");

        // and a well-formed one still works
        assertEquals(200, SlackRequests.slash(team, user, "help", UUID.randomUUID().toString()).statusCode());
    }

    @Test
    void malformedTeamsActivitiesAreABadRequest() {
        String token = "Bearer " + TeamsRequests.token();
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(0);
        assertBadRequest(RestAssured.given().contentType("application/json").header("Authorization", token)
                .body("{not json").post("/api/messages"), "not JSON");

        ObjectNode untyped = TeamsRequests.message(tenant, TeamsRequests.newUser(), "help");
        untyped.remove("type");
        assertBadRequest(TeamsRequests.post(untyped), "no type");

        ObjectNode anonymous = TeamsRequests.message(tenant, TeamsRequests.newUser(), "help");
        anonymous.remove("from");
        assertBadRequest(TeamsRequests.post(anonymous), "no sender");

        String user = TeamsRequests.newUser();
        ObjectNode update = TeamsRequests.base("conversationUpdate", tenant, user, "a:personal-" + user, "personal");
        update.putArray("membersAdded").addNull();
        assertBadRequest(TeamsRequests.post(update), "a null member added");

        assertEquals(200, TeamsRequests.post(TeamsRequests.message(tenant, TeamsRequests.newUser(), "help")).statusCode());
    }
}
