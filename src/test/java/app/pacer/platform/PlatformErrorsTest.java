package app.pacer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.command.Overloaded;
import app.pacer.core.org.Platform;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The one error path, unit by unit: each cause and each platform gets its answer, and nothing else is a 4xx. */
class PlatformErrorsTest {

    private final PlatformErrors errors = new PlatformErrors();

    private Response failed(Platform platform, boolean answerShown, Throwable cause) {
        return errors.failed(new PlatformRequestFailed(platform, answerShown, cause));
    }

    @Test
    void overloadIsARetryable503ExceptWhereTheMemberReadsTheAnswer() {
        for (Platform platform : Platform.values()) {
            Response refused = failed(platform, false, new RuntimeException("wrapped by the SDK", new Overloaded("test")));
            assertEquals(503, refused.getStatus());
            assertEquals(PlatformErrors.RETRY_AFTER, refused.getHeaderString("Retry-After"));
            assertNull(refused.getEntity());
        }
        Response slashCommand = failed(Platform.SLACK, true, new Overloaded("test"));
        assertEquals(200, slashCommand.getStatus());
        String text = slashCommand.getEntity().toString();
        assertTrue(text.contains("try again") && text.contains("稍后再试"), text);
        assertTrue(text.startsWith("{\"text\":"), text);
    }

    @Test
    void anUnreachableDatabaseIsRefusedLikeOverload() {
        Throwable outage = new RuntimeException(new SQLException("Connection refused", "08001"));
        Response event = failed(Platform.SLACK, false, outage);
        assertEquals(503, event.getStatus());
        assertEquals(PlatformErrors.RETRY_AFTER, event.getHeaderString("Retry-After"));
        assertEquals(503, failed(Platform.TEAMS, false, outage).getStatus());
        Response slashCommand = failed(Platform.SLACK, true, outage);
        assertEquals(200, slashCommand.getStatus());
        String text = slashCommand.getEntity().toString();
        assertTrue(text.contains("temporarily unavailable") && text.contains("暂时不可用"), text);
    }

    @Test
    void malformedPayloadsAreA400OnEachPlatform() {
        assertEquals(400, errors.malformed(new MalformedPayload(Platform.SLACK, "unreadable")).getStatus());
        assertEquals(400, errors.malformed(new MalformedPayload(Platform.TEAMS, "unreadable")).getStatus());
        assertEquals(400, failed(Platform.SLACK, false, new RuntimeException(new MalformedPayload(Platform.SLACK, "no team"))).getStatus());
        assertEquals(400, failed(Platform.SLACK, true, new MalformedPayload(Platform.SLACK, "no team")).getStatus());
        assertEquals(400, failed(Platform.SLACK, false, new com.google.gson.JsonSyntaxException("bad")).getStatus());
        assertEquals(400, failed(Platform.TEAMS, false, new NullPointerException()).getStatus());
        assertEquals(400, failed(Platform.TEAMS, false, new IllegalArgumentException()).getStatus());
    }

    @Test
    void aFailureOfOursIsStillA500() {
        // a null in our own code is a bug, not a bad payload (only Bolt's own nulls count as Slack's shape)
        assertEquals(500, failed(Platform.SLACK, false, new NullPointerException()).getStatus());
        assertEquals(500, failed(Platform.SLACK, true, new IllegalStateException("bug")).getStatus());
        assertEquals(500, failed(Platform.TEAMS, false, new IllegalStateException("bug")).getStatus());
    }
}
