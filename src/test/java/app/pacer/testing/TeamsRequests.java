package app.pacer.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** Builds Teams activities and signs them as the Bot Framework does: an RS256 JWT from the channel's keys. */
public final class TeamsRequests {

    public static final ObjectMapper JSON = new ObjectMapper();

    private TeamsRequests() {
    }

    /** A valid token for this bot and this service URL. */
    public static String token() {
        return token(FakePlatforms.SIGNING_KEY, FakePlatforms.KEY_ID, FakePlatforms.TEAMS_APP_ID,
                FakePlatforms.serviceUrl(), Instant.now().plusSeconds(3600));
    }

    public static String token(KeyPair key, String keyId, String audience, String serviceUrl, Instant expires) {
        Algorithm algorithm = Algorithm.RSA256((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate());
        return JWT.create().withKeyId(keyId)
                .withIssuer("https://api.botframework.com")
                .withAudience(audience)
                .withClaim("serviceurl", serviceUrl)
                .withNotBefore(Date.from(Instant.now().minusSeconds(300)))
                .withIssuedAt(Date.from(Instant.now().minusSeconds(300)))
                .withExpiresAt(Date.from(expires))
                .sign(algorithm);
    }

    /** A message in the personal chat of {@code userId}, in {@code tenant}. */
    public static ObjectNode message(String tenant, String userId, String text) {
        ObjectNode activity = base("message", tenant, userId, "a:personal-" + userId, "personal");
        activity.put("text", text);
        activity.put("textFormat", "plain");
        activity.put("locale", "en-US");
        activity.put("localTimezone", "Europe/Berlin");
        ArrayNode entities = activity.putArray("entities");
        entities.addObject().put("type", "clientInfo").put("locale", "en-US").put("country", "US")
                .put("platform", "Web").put("timezone", "Europe/Berlin");
        return activity;
    }

    /** Adds an {@code <at>name</at>} mention of {@code userId} to a message, as Teams sends it. */
    public static ObjectNode mention(ObjectNode activity, String userId, String name) {
        ObjectNode mention = ((ArrayNode) activity.get("entities")).addObject();
        mention.put("type", "mention").put("text", "<at>" + name + "</at>");
        mention.putObject("mentioned").put("id", userId).put("name", name);
        return activity;
    }

    /**
     * A message that @mentions Pacer in a team channel ({@code "channel"}) or a group chat ({@code "groupChat"}),
     * as Teams sends it: the bot's {@code <at>} mention in the text and as an entity.
     */
    public static ObjectNode shared(String conversationType, String tenant, String userId, String conversationId, String text) {
        ObjectNode activity = base("message", tenant, userId, conversationId, conversationType);
        activity.put("text", "<at>Pacer</at> " + text);
        activity.put("textFormat", "plain");
        activity.put("locale", "en-US");
        activity.put("localTimezone", "Europe/Berlin");
        activity.putArray("entities");
        return mention(activity, "28:" + FakePlatforms.TEAMS_APP_ID, "Pacer");
    }

    public static ObjectNode base(String type, String tenant, String userId, String conversationId, String conversationType) {
        ObjectNode activity = JSON.createObjectNode();
        activity.put("type", type);
        activity.put("id", "1:" + UUID.randomUUID());
        activity.put("timestamp", Instant.now().toString());
        activity.put("serviceUrl", FakePlatforms.serviceUrl());
        activity.put("channelId", "msteams");
        activity.putObject("from").put("id", userId).put("name", "Name " + userId).put("aadObjectId", UUID.randomUUID().toString());
        ObjectNode conversation = activity.putObject("conversation");
        conversation.put("conversationType", conversationType).put("tenantId", tenant).put("id", conversationId);
        if (!"personal".equals(conversationType)) {
            conversation.put("isGroup", true);
        }
        activity.putObject("recipient").put("id", "28:" + FakePlatforms.TEAMS_APP_ID).put("name", "Pacer");
        activity.putObject("channelData").putObject("tenant").put("id", tenant);
        return activity;
    }

    public static Response post(ObjectNode activity) {
        return post(activity, "Bearer " + token());
    }

    public static Response post(ObjectNode activity, String authorization) {
        var request = given().contentType("application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.body(activity.toString()).when().post("/api/messages");
    }

    public static String newUser() {
        return "29:" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The answer Pacer posts to {@code user}'s personal chat in reply to {@code activity} (waits up to 15 s). */
    public static JsonNode reply(ObjectNode activity, String user) {
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities/" + activity.path("id").asText();
        return await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty()).get(0).body();
    }

    /** Clicks a card button carrying {@code command} and {@code args}; returns Pacer's reply. */
    public static JsonNode click(String tenant, String user, String command, Map<String, String> args) {
        var click = message(tenant, user, null);
        click.remove("text");
        click.put("replyToId", "1:card-" + UUID.randomUUID());
        ObjectNode pacer = click.putObject("value").putObject("pacer");
        pacer.put("c", command);
        ObjectNode a = pacer.putObject("a");
        args.forEach(a::put);
        post(click).then().statusCode(200);
        return reply(click, user);
    }

    /**
     * Submits {@code card}'s form with the values {@code fill} sets; returns Pacer's answer: a reply, or, for a form
     * with errors, the card updated in place.
     */
    public static String submit(String tenant, String user, JsonNode card, Consumer<ObjectNode> fill) {
        var submit = message(tenant, user, null);
        submit.remove("text");
        submit.put("replyToId", "1:card-" + UUID.randomUUID());
        ObjectNode value = card.path("attachments").get(0).path("content").path("actions").get(0).path("data").deepCopy();
        fill.accept(value);
        submit.set("value", value);
        post(submit).then().statusCode(200);
        String conversation = "/teams/v3/conversations/a:personal-" + user + "/activities/";
        return await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.CALLS.stream()
                .filter(c -> c.path().contains(conversation + submit.path("id").asText())
                        || c.path().contains(conversation + submit.path("replyToId").asText()))
                .toList(), l -> !l.isEmpty()).get(0).body().toString();
    }
}
