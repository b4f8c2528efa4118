package app.pacer.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.Platform;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Requests that did not come from Slack, or came from Slack too long ago, are refused with 401 and leave no
 * trace: no workspace, no member, no answer to the response_url. Extends the basic cases of SlackEndpointTest
 * (wrong signature, stale timestamp, signature over another body) with replays and header tricks.
 */
@QuarkusTest
class SlackAuthTest {

    @Inject
    WorkspaceRepository workspaces;

    /** One refused attempt: a request built for a fresh team, so "nothing stored" is exact. */
    private record Attempt(String name, String team, String responseId, int status) {
    }

    private static String body(String team, String responseId, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("team_id", team);
        form.put("user_id", SlackRequests.newUser());
        form.put("channel_id", "C0SALES");
        form.put("command", "/pacer");
        form.put("text", text);
        form.put("response_url", FakePlatforms.responseUrl(responseId));
        form.put("trigger_id", "1.2.3");
        return SlackRequests.formBody(form);
    }

    private static String sign(long ts, String body) {
        return SlackRequests.SIGN.sign(ts, body);
    }

    /** Sends with raw headers (names exactly as given, repeated names allowed). */
    private static int send(String body, List<String[]> headers) {
        var request = RestAssured.given().contentType("application/x-www-form-urlencoded; charset=utf-8");
        for (String[] h : headers) {
            request.header(h[0], h[1]);
        }
        return request.body(body).when().post("/slack/events").statusCode();
    }

    private static String[] h(String name, String value) {
        return new String[] {name, value};
    }

    @Test
    void forgedReplayedAndTamperedRequestsAreRefusedWithNothingStored() {
        long now = Instant.now().getEpochSecond();
        List<Attempt> attempts = new ArrayList<>();
        java.util.function.BiFunction<String, java.util.function.BiFunction<String, String, Integer>, Void> attempt = (name, sendIt) -> {
            String team = SlackRequests.newTeam();
            String responseId = "refused-" + UUID.randomUUID();
            int status = sendIt.apply(team, responseId);
            attempts.add(new Attempt(name, team, responseId, status));
            return null;
        };

        // a request Slack really sent, replayed 5+ minutes later: same body, same timestamp, same signature
        attempt.apply("replayed after 5 minutes", (team, id) -> {
            String b = body(team, id, "help");
            long then = now - 301;
            return send(b, List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(then)), h("X-Slack-Signature", sign(then, b))));
        });
        attempt.apply("replayed an hour later", (team, id) -> {
            String b = body(team, id, "help");
            long then = now - 3600;
            return send(b, List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(then)), h("X-Slack-Signature", sign(then, b))));
        });
        // the old signed timestamp plus a fresh one in a second header of the same name (either case, either order)
        for (String second : List.of("X-Slack-Request-Timestamp", "x-slack-request-timestamp", "X-SLACK-REQUEST-TIMESTAMP")) {
            attempt.apply("stale timestamp + fresh duplicate " + second, (team, id) -> {
                String b = body(team, id, "help");
                long then = now - 600;
                return send(b, List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(then)), h(second, String.valueOf(now)),
                        h("X-Slack-Signature", sign(then, b))));
            });
            attempt.apply("fresh duplicate " + second + " first, stale signed second", (team, id) -> {
                String b = body(team, id, "help");
                long then = now - 600;
                return send(b, List.<String[]>of(h(second, String.valueOf(now)), h("X-Slack-Request-Timestamp", String.valueOf(then)),
                        h("X-Slack-Signature", sign(then, b))));
            });
        }
        // a valid signature of one body sent with another (a changed command, an appended field)
        attempt.apply("signature over a different body", (team, id) -> {
            String signed = body(team, id, "help");
            String sent = body(team, id, "role <@UEVIL> admin");
            return send(sent, List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(now)), h("X-Slack-Signature", sign(now, signed))));
        });
        attempt.apply("field appended after signing", (team, id) -> {
            String signed = body(team, id, "help");
            return send(signed + "&text=role", List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(now)),
                    h("X-Slack-Signature", sign(now, signed))));
        });
        attempt.apply("signature for another timestamp", (team, id) -> {
            String b = body(team, id, "help");
            return send(b, List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(now)), h("X-Slack-Signature", sign(now - 1, b))));
        });
        attempt.apply("signed with another secret", (team, id) -> {
            String b = body(team, id, "help");
            String sig = new com.slack.api.app_backend.SlackSignature.Generator("another-secret").generate(String.valueOf(now), b);
            return send(b, List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(now)), h("X-Slack-Signature", sig)));
        });
        // header spelling tricks: the value must match exactly, whatever the name's case
        attempt.apply("upper-case V0= prefix", (team, id) -> {
            String b = body(team, id, "help");
            return send(b, List.<String[]>of(h("x-slack-request-timestamp", String.valueOf(now)),
                    h("x-slack-signature", sign(now, b).replace("v0=", "V0="))));
        });
        attempt.apply("upper-case hex digest", (team, id) -> {
            String b = body(team, id, "help");
            return send(b, List.<String[]>of(h("X-SLACK-REQUEST-TIMESTAMP", String.valueOf(now)),
                    h("X-SLACK-SIGNATURE", "v0=" + sign(now, b).substring(3).toUpperCase(Locale.ROOT))));
        });
        attempt.apply("v1 scheme", (team, id) -> {
            String b = body(team, id, "help");
            return send(b, List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(now)), h("X-Slack-Signature", sign(now, b).replace("v0=", "v1="))));
        });
        attempt.apply("bare digest without scheme", (team, id) -> {
            String b = body(team, id, "help");
            return send(b, List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(now)), h("X-Slack-Signature", sign(now, b).substring(3))));
        });
        attempt.apply("signature with trailing space", (team, id) -> {
            String b = body(team, id, "help");
            return send(b, List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(now)), h("X-Slack-Signature", sign(now, b) + " x")));
        });
        attempt.apply("no signature", (team, id) -> send(body(team, id, "help"), List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(now)))));
        attempt.apply("no timestamp", (team, id) -> {
            String b = body(team, id, "help");
            return send(b, List.<String[]>of(h("X-Slack-Signature", sign(now, b))));
        });
        attempt.apply("no headers", (team, id) -> send(body(team, id, "help"), List.of()));
        attempt.apply("empty signature", (team, id) -> send(body(team, id, "help"),
                List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(now)), h("X-Slack-Signature", ""))));
        for (String ts : List.of("abc", "", "-1", "0", "1e10", "99999999999999999999", " " + now, now + ".5")) {
            attempt.apply("timestamp '" + ts + "'", (team, id) -> {
                String b = body(team, id, "help");
                return send(b, List.<String[]>of(h("X-Slack-Request-Timestamp", ts), h("X-Slack-Signature",
                        new com.slack.api.app_backend.SlackSignature.Generator(FakePlatforms.SIGNING_SECRET).generate(ts, b))));
            });
        }
        // Slack signs with its current time; a timestamp far in the future would extend the replay window
        attempt.apply("timestamp an hour ahead", (team, id) -> {
            String b = body(team, id, "help");
            long later = now + 3600;
            return send(b, List.<String[]>of(h("X-Slack-Request-Timestamp", String.valueOf(later)), h("X-Slack-Signature", sign(later, b))));
        });

        List<String> report = new ArrayList<>();
        for (Attempt a : attempts) {
            report.add(a.status() + "  " + a.name());
        }
        System.out.println("SlackAuthTest: " + attempts.size() + " forged/replayed requests\n  " + String.join("\n  ", report));
        for (Attempt a : attempts) {
            assertTrue(a.status() == 401 || a.status() == 400, a.name() + " answered " + a.status());
        }
        // nothing stored and nothing answered, for any of them
        for (Attempt a : attempts) {
            assertTrue(QuarkusTransaction.requiringNew().call(() -> workspaces.find(Platform.SLACK, a.team())).isEmpty(), a.name());
            assertEquals(List.of(), FakePlatforms.calls("POST", "/slack/response/" + a.responseId()), a.name());
        }
    }

    @Test
    void headerNamesAreCaseInsensitiveForAGenuineRequest() {
        // the other side of the coin: Slack's own request is not refused for how a proxy spelled the header names
        long now = Instant.now().getEpochSecond();
        for (String[] names : List.<String[]>of(new String[] {"x-slack-request-timestamp", "x-slack-signature"},
                new String[] {"X-SLACK-REQUEST-TIMESTAMP", "X-SLACK-SIGNATURE"})) {
            String team = SlackRequests.newTeam();
            String id = UUID.randomUUID().toString();
            String b = body(team, id, "help");
            assertEquals(200, send(b, List.<String[]>of(h(names[0], String.valueOf(now)), h(names[1], sign(now, b)))));
        }
    }
}
