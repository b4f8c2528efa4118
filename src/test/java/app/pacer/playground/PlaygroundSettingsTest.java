package app.pacer.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the playground runs, where Pacer reaches itself, and how typed mentions become platform mentions. */
class PlaygroundSettingsTest {

    private static PlaygroundSettings settings(Map<String, String> values, boolean devOrTest, boolean test) {
        return PlaygroundSettings.from(values::get, devOrTest, test);
    }

    @Test
    void offUnlessEnabled() {
        assertFalse(settings(Map.of(), true, false).active());
        assertFalse(settings(Map.of("pacer.playground.enabled", "false"), true, false).active());
    }

    @Test
    void devModeBindsLoopbackSoThePlaygroundRuns() {
        PlaygroundSettings dev = settings(Map.of("pacer.playground.enabled", "true"), true, false);
        assertTrue(dev.active());
        assertEquals("http://localhost:8080", dev.selfUrl());
        assertEquals("http://localhost:8081", settings(Map.of("pacer.playground.enabled", "true"), true, true).selfUrl());
    }

    @Test
    void theJarBindsEveryAddressSoThePlaygroundIsRefusedUnlessPublic() {
        Map<String, String> values = new HashMap<>(Map.of("pacer.playground.enabled", "true"));
        PlaygroundSettings jar = settings(values, false, false);
        assertTrue(jar.refused());
        assertFalse(jar.active());
        values.put("pacer.playground.public", "true");
        assertTrue(settings(values, false, false).active());
        assertEquals("http://127.0.0.1:8080", settings(values, false, false).selfUrl());
        values.put("pacer.playground.public", "false");
        values.put("quarkus.http.host", "127.0.0.1");
        values.put("quarkus.http.port", "9090");
        assertTrue(settings(values, false, false).active());
        assertEquals("http://127.0.0.1:9090", settings(values, false, false).selfUrl());
        values.put("quarkus.http.host", "10.0.0.5");
        assertTrue(settings(values, false, false).refused());
    }

    @Test
    void typedHandlesBecomeSlackAndTeamsMentions() {
        assertEquals("role <@U0PGSAM|sam> manager", PlaygroundSlack.mentions("/pacer role @sam manager"));
        assertEquals("log 3 deals for=@nobody", PlaygroundSlack.mentions("log 3 deals for=@nobody"));
        assertEquals("mail a@sam.example", PlaygroundSlack.mentions("mail a@sam.example"));
        var entities = new ObjectMapper().createArrayNode();
        assertEquals("role <at>Sam Patel</at> manager", PlaygroundTeams.mentions("role @sam manager", entities));
        assertEquals("29:playground-sam", entities.get(0).path("mentioned").path("id").asText());
    }

    @Test
    void slackSignaturesMatchSlacksDocumentedExample() {
        // https://api.slack.com/authentication/verifying-requests-from-slack
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        assertEquals("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                PlaygroundSlack.sign("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, body));
    }
}
