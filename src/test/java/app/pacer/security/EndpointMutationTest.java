package app.pacer.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.command.CommandRegistry;
import app.pacer.core.command.CommandSpec;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of real Slack and Teams payload shapes, correctly signed (Slack) or with a valid token
 * (Teams), through the real endpoints: never a 5xx, never a stack trace in an answer, and none of the
 * messages Pacer sends afterwards says "something went wrong". The seed is printed; -Dfuzz.seed replays.
 */
@QuarkusTest
class EndpointMutationTest {

    /** A fixed seed by default, so the build is repeatable; {@code -Dfuzz.seed=random} explores, {@code =<n>} replays. */
    static final long SEED = "random".equals(System.getProperty("fuzz.seed")) ? System.nanoTime()
            : Long.getLong("fuzz.seed", 20261201L);
    private static final int PER_ENDPOINT = 250;

    private static List<ObjectNode> slackJsonBases(String team, String user) {
        List<ObjectNode> bases = new ArrayList<>();
        ObjectNode actions = SlackRequests.JSON.createObjectNode();
        actions.put("type", "block_actions").put("trigger_id", "1.2.3").put("response_url", FakePlatforms.responseUrl("mut"));
        actions.putObject("team").put("id", team).put("domain", "acme");
        actions.putObject("user").put("id", user).put("name", "u").put("team_id", team);
        actions.putObject("channel").put("id", "C0SALES");
        actions.putArray("actions").addObject().put("type", "button").put("action_id", "pacer:help")
                .put("block_id", "b").put("value", "{\"c\":\"help\",\"a\":{}}").put("action_ts", "1700000000.1");
        bases.add(actions);
        ObjectNode submission = SlackRequests.viewSubmission(team, user,
                SlackRequests.JSON.createObjectNode().put("private_metadata", "{\"c\":\"settings.edit\",\"a\":{}}"),
                v -> v.putObject("language").putObject("v").put("type", "static_select")
                        .putObject("selected_option").put("value", "en"));
        bases.add(submission);
        ObjectNode event = SlackRequests.JSON.createObjectNode();
        event.put("token", "x").put("team_id", team).put("api_app_id", "A0PACER").put("type", "event_callback")
                .put("event_id", "EvMUT").put("event_time", 1700000000);
        event.putObject("event").put("type", "app_mention").put("user", user).put("text", "<@" + FakePlatforms.BOT_USER + "> help")
                .put("channel", "C0SALES").put("ts", "1700000000.000100");
        bases.add(event);
        ObjectNode dm = event.deepCopy();
        ((ObjectNode) dm.get("event")).put("type", "message").put("channel_type", "im").put("text", "progress");
        bases.add(dm);
        ObjectNode home = event.deepCopy();
        ((ObjectNode) home.get("event")).put("type", "app_home_opened").put("tab", "home");
        bases.add(home);
        bases.add(SlackRequests.JSON.createObjectNode().put("type", "url_verification").put("token", "x").put("challenge", "c"));
        return bases;
    }

    /** One random change somewhere in the tree: a wrong type, a huge or strange string, a missing field, deep nesting. */
    static void mutate(JsonNode node, Random random, int depth) {
        if (!(node instanceof ObjectNode) && !(node instanceof ArrayNode)) {
            return;
        }
        List<String> keys = new ArrayList<>();
        if (node instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(keys::add);
        } else {
            for (int i = 0; i < node.size(); i++) {
                keys.add(String.valueOf(i));
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        String key = keys.get(random.nextInt(keys.size()));
        JsonNode child = node instanceof ObjectNode o ? o.get(key) : node.get(Integer.parseInt(key));
        if (child.isContainerNode() && random.nextInt(3) != 0 && depth < 6) {
            mutate(child, random, depth + 1);
            return;
        }
        JsonNode replacement = switch (random.nextInt(11)) {
            case 0 -> null;
            case 1 -> SlackRequests.JSON.getNodeFactory().numberNode(random.nextLong());
            case 2 -> SlackRequests.JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case 3 -> SlackRequests.JSON.getNodeFactory().nullNode();
            case 4 -> SlackRequests.JSON.getNodeFactory().textNode("x".repeat(random.nextInt(100_000)));
            case 5 -> SlackRequests.JSON.getNodeFactory().textNode(randomUnicode(random, 30));
            case 6 -> SlackRequests.JSON.createArrayNode().add(1).add("two");
            case 7 -> SlackRequests.JSON.createObjectNode().put("unexpected", true);
            case 8 -> deep(random.nextInt(900));
            case 9 -> SlackRequests.JSON.getNodeFactory().textNode("{\"c\":\"" + randomUnicode(random, 5) + "\",\"a\":[1]}");
            default -> SlackRequests.JSON.getNodeFactory().textNode("");
        };
        if (node instanceof ObjectNode o) {
            if (replacement == null) {
                o.remove(key);
            } else {
                o.set(key, replacement);
            }
        } else {
            ((ArrayNode) node).set(Integer.parseInt(key), replacement == null ? SlackRequests.JSON.nullNode() : replacement);
        }
    }

    static JsonNode deep(int depth) {
        ObjectNode root = SlackRequests.JSON.createObjectNode();
        ObjectNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.putObject("n");
        }
        return root;
    }

    /** Byte-level damage to a serialized body: truncation, a flipped byte, random bytes, duplication. */
    static byte[] damage(byte[] body, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
            case 1 -> {
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                yield copy;
            }
            case 2 -> {
                byte[] bytes = new byte[random.nextInt(2000)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 3 -> (new String(body, StandardCharsets.UTF_8) + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            default -> body;
        };
    }

    private static String describe(int status, String body) {
        return status + " " + (body.length() > 300 ? body.substring(0, 300) : body);
    }

    @Test
    void mutatedSlackPayloadsSignedCorrectlyNeverFail() {
        Random random = new Random(SEED);
        int callsBefore = FakePlatforms.CALLS.size();
        String team = SlackRequests.newTeam();
        String user = SlackRequests.newUser();
        SlackRequests.command(team, user, "settings timezone UTC");
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < PER_ENDPOINT; i++) {
            String body;
            String type;
            int kind = random.nextInt(3);
            List<ObjectNode> bases = slackJsonBases(team, user);
            ObjectNode payload = bases.get(random.nextInt(bases.size()));
            if (payload.has("event") && payload.get("event").isObject()) {
                payload.put("event_id", "EvMUT" + SEED + "x" + i);
            }
            for (int m = 0, n = 1 + random.nextInt(3); m < n; m++) {
                mutate(payload, random, 0);
            }
            if (kind == 0 && payload.path("type").asText().equals("event_callback") || payload.path("type").asText().equals("url_verification")) {
                body = payload.toString();
                type = "application/json";
            } else if (kind == 2) {
                // a slash command form with random fields dropped or changed
                Map<String, String> form = new LinkedHashMap<>();
                form.put("team_id", team);
                form.put("user_id", user);
                form.put("command", random.nextBoolean() ? "/pacer" : "/other");
                form.put("text", randomLine(registry(), random));
                form.put("response_url", FakePlatforms.responseUrl("mut-" + i));
                form.put("trigger_id", "1.2.3");
                form.put("channel_id", "C0SALES");
                Iterator<String> it = form.keySet().iterator();
                while (it.hasNext()) {
                    it.next();
                    if (random.nextInt(8) == 0) {
                        it.remove();
                    }
                }
                body = SlackRequests.formBody(form);
                type = "application/x-www-form-urlencoded";
            } else {
                body = "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
                type = "application/x-www-form-urlencoded";
            }
            if (random.nextInt(4) == 0) {
                body = new String(damage(body.getBytes(StandardCharsets.UTF_8), random), StandardCharsets.UTF_8);
            }
            Response response = SlackRequests.post(body, type, Instant.now().getEpochSecond(), SlackRequests.SIGN);
            String answer = response.asString();
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() >= 500 || answer.contains("Exception") || answer.contains("at app.pacer")) {
                problems.add(describe(response.statusCode(), answer) + " <- " + CommandFuzzTest.abbreviate(body));
            }
        }
        pause();
        List<String> failedReplies = internalErrorsSince(callsBefore);
        System.out.printf("EndpointMutationTest (seed %d): %d mutated, validly signed Slack requests; statuses %s; %d problems, %d failed replies%n",
                SEED, PER_ENDPOINT, statuses, problems.size(), failedReplies.size());
        problems.forEach(p -> System.out.println("  PROBLEM: " + p));
        failedReplies.forEach(p -> System.out.println("  FAILED REPLY: " + p));
        assertTrue(problems.isEmpty(), "seed " + SEED + ": " + problems);
        assertTrue(failedReplies.isEmpty(), "seed " + SEED + ": " + failedReplies);
    }

    @Test
    void mutatedTeamsActivitiesWithAValidTokenNeverFail() {
        Random random = new Random(SEED + 7);
        int callsBefore = FakePlatforms.CALLS.size();
        String tenant = FakePlatforms.SECURITY_TENANT;
        String user = TeamsRequests.newUser();
        String token = "Bearer " + TeamsRequests.token();
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < PER_ENDPOINT; i++) {
            ObjectNode activity = switch (random.nextInt(4)) {
                case 0 -> TeamsRequests.message(tenant, user, randomLine(registry(), random));
                case 1 -> {
                    ObjectNode update = TeamsRequests.base("conversationUpdate", tenant, user, "a:personal-" + user, "personal");
                    update.putArray("membersAdded").addObject().put("id", "28:" + FakePlatforms.TEAMS_APP_ID);
                    yield update;
                }
                case 2 -> {
                    ObjectNode submit = TeamsRequests.message(tenant, user, null);
                    submit.remove("text");
                    submit.put("replyToId", "1:card-" + i);
                    submit.putObject("value").put("language", "zh").put("timezone", "Asia/Tokyo")
                            .putObject("pacer").put("c", "settings.edit").put("f", true).putObject("a");
                    yield submit;
                }
                default -> TeamsRequests.mention(withEntities(TeamsRequests.base("message", tenant, user, "19:sales@thread.tacv2", "channel")
                        .put("text", "<at>Pacer</at> help")), "28:" + FakePlatforms.TEAMS_APP_ID, "Pacer");
            };
            for (int m = 0, n = 1 + random.nextInt(3); m < n; m++) {
                mutate(activity, random, 0);
            }
            // the token's serviceurl must match: keep it unless the mutation is the point
            if (random.nextInt(5) != 0) {
                activity.put("serviceUrl", FakePlatforms.serviceUrl());
            }
            byte[] body = activity.toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(4) == 0) {
                body = damage(body, random);
            }
            Response response = RestAssured.given().contentType("application/json").header("Authorization", token)
                    .body(body).post("/api/messages");
            String answer = response.asString();
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() >= 500 || answer.contains("Exception") || answer.contains("at app.pacer")) {
                problems.add(describe(response.statusCode(), answer) + " <- " + CommandFuzzTest.abbreviate(new String(body, StandardCharsets.UTF_8)));
            }
        }
        pause();
        List<String> failedReplies = internalErrorsSince(callsBefore);
        System.out.printf("EndpointMutationTest (seed %d): %d mutated Teams activities with a valid token; statuses %s; %d problems, %d failed replies%n",
                SEED + 7, PER_ENDPOINT, statuses, problems.size(), failedReplies.size());
        problems.forEach(p -> System.out.println("  PROBLEM: " + p));
        failedReplies.forEach(p -> System.out.println("  FAILED REPLY: " + p));
        assertTrue(problems.isEmpty(), "seed " + SEED + ": " + problems);
        assertTrue(failedReplies.isEmpty(), "seed " + SEED + ": " + failedReplies);
    }

    @jakarta.inject.Inject
    app.pacer.core.command.CommandRegistry registryBean;

    private app.pacer.core.command.CommandRegistry registry() {
        return registryBean;
    }

    private static ObjectNode withEntities(ObjectNode activity) {
        activity.putArray("entities");
        return activity;
    }

    private static void pause() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What Pacer sent to Slack or Teams since {@code from} that is an internal-error answer or shows a stack trace. */
    static List<String> internalErrorsSince(int from) {
        List<String> bad = new ArrayList<>();
        List<FakePlatforms.Call> calls = FakePlatforms.CALLS;
        for (int i = from; i < calls.size(); i++) {
            String body = calls.get(i).body().toString();
            if (body.contains("something went wrong") || body.contains("出了问题") || body.contains("at app.pacer.")
                    || body.contains("Exception")) {
                bad.add(calls.get(i).path() + " " + CommandFuzzTest.abbreviate(body));
            }
        }
        return bad;
    }

    /** A typed line for a random command of the registry (the property tests shrink theirs; mutations need a quick one): its path by random aliases, then random arguments. */
    static String randomLine(CommandRegistry registry, Random random) {
        List<CommandSpec> all = registry.all();
        CommandSpec spec = all.get(random.nextInt(all.size()));
        StringBuilder line = new StringBuilder();
        String id = "";
        for (String segment : spec.id().split("\\.")) {
            id = id.isEmpty() ? segment : id + "." + segment;
            CommandSpec part = registry.byId(id).orElseThrow();
            line.append(part.names().get(random.nextInt(part.names().size()))).append(' ');
        }
        int args = random.nextInt(6);
        for (int i = 0; i < args; i++) {
            line.append(randomArg(spec, random)).append(' ');
        }
        if (random.nextInt(10) == 0) {
            line.setLength(Math.max(0, line.length() - random.nextInt(4)));
        }
        return line.toString();
    }

    static String randomArg(CommandSpec spec, Random random) {
        return switch (random.nextInt(7)) {
            case 0, 1 -> CommandFuzzTest.PIECES.get(random.nextInt(CommandFuzzTest.PIECES.size()));
            case 2 -> spec.args().isEmpty() ? "key=value"
                    : spec.args().get(random.nextInt(spec.args().size())).name() + "=" + CommandFuzzTest.PIECES.get(random.nextInt(CommandFuzzTest.PIECES.size()));
            case 3 -> randomUnicode(random, 1 + random.nextInt(20));
            case 4 -> "x".repeat(1 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 300));
            case 5 -> "\"" + randomUnicode(random, random.nextInt(40)) + (random.nextBoolean() ? "\"" : "");
            default -> String.valueOf(random.nextInt(200) - 20);
        };
    }

    static String randomUnicode(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> 0x4E00 + random.nextInt(0x5000);
                case 2 -> random.nextInt(0x10FFFF);
                default -> random.nextInt(0x3000);
            };
            if (Character.isValidCodePoint(cp)) {
                s.appendCodePoint(cp);
            }
        }
        return s.toString();
    }
}
