package app.pacer.playground;

import app.pacer.config.PacerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Teams side of the playground: what the page does becomes a Bot Framework activity with an RS256 JWT
 * signed by the playground's own key (published at its own OpenID/JWKS endpoint, which Pacer is configured to
 * trust while the playground is on), posted to {@code /api/messages}; what Pacer sends to the fake Bot Connector
 * lands on the page.
 */
@Singleton
public class PlaygroundTeams {

    static final String PLATFORM = "teams";
    static final String TENANT = "playground-tenant";
    static final String ISSUER = "https://api.botframework.com";
    static final String KEY_ID = "pacer-playground";

    private final Playground playground;
    private final PlaygroundFeed feed;
    private final PacerConfig config;
    private final KeyPair key = rsa();
    /** The bearer token the fake token endpoint hands out and the fake connector expects. */
    private final String connectorToken = "playground-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final AtomicLong ids = new AtomicLong();
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w<])@([A-Za-z]+)\\b");

    public PlaygroundTeams(Playground playground, PlaygroundFeed feed, PacerConfig config) {
        this.playground = playground;
        this.feed = feed;
        this.config = config;
    }

    boolean enabled() {
        return config.teams().enabled();
    }

    String serviceUrl() {
        return playground.fakeUrl() + "/teams/";
    }

    /**
     * A message typed in the member's personal chat with Pacer, or in the team channel — where Teams only hands
     * the bot a message that @mentions it, so the page's text gets that mention in front. Returns the activity id.
     */
    String say(DemoMember member, Where where, String text, boolean hidden) {
        ObjectNode activity = activity(member, where);
        if (hidden) {
            feed.hide(activity.path("id").asText());
        }
        ArrayNode entities = activity.putArray("entities");
        entities.addObject().put("type", "clientInfo").put("locale", member.locale()).put("platform", "Web")
                .put("timezone", member.timeZone());
        String typed = mentions(text == null ? "" : text.strip(), entities);
        if (where == Where.CHANNEL) {
            // someone who typed the mention themselves gets it once
            typed = typed.replaceFirst("(?i)^@pacer\\b\\s*", "");
            String at = "<at>Pacer</at>";
            ObjectNode mention = entities.addObject().put("type", "mention").put("text", at);
            mention.putObject("mentioned").put("id", activity.path("recipient").path("id").asText()).put("name", "Pacer");
            typed = at + " " + typed;
        }
        activity.put("text", typed);
        activity.put("textFormat", "plain");
        post(activity);
        return activity.path("id").asText();
    }

    /** An {@code Action.Submit} on a card: {@code data} is the action's data merged with the card's input values. */
    void submit(DemoMember member, Where where, String cardActivityId, JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("no data");
        }
        ObjectNode activity = activity(member, where);
        activity.putArray("entities").addObject().put("type", "clientInfo").put("locale", member.locale())
                .put("platform", "Web").put("timezone", member.timeZone());
        if (cardActivityId != null && !cardActivityId.isBlank()) {
            activity.put("replyToId", cardActivityId);
        }
        activity.set("value", data);
        post(activity);
    }

    /** {@code @sam} → {@code <at>Sam Patel</at>} plus the mention entity Teams adds. */
    static String mentions(String text, ArrayNode entities) {
        Matcher matcher = HANDLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Optional<DemoMember> member = DemoMember.byKey(matcher.group(1));
            if (member.isPresent()) {
                String at = "<at>" + member.get().name() + "</at>";
                ObjectNode mention = entities.addObject().put("type", "mention").put("text", at);
                mention.putObject("mentioned").put("id", member.get().teamsUserId()).put("name", member.get().name());
                matcher.appendReplacement(out, Matcher.quoteReplacement(at));
            } else {
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
            }
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private ObjectNode activity(DemoMember member, Where where) {
        ObjectNode activity = PlaygroundFeed.JSON.createObjectNode();
        activity.put("type", "message");
        activity.put("id", "pg-in-" + ids.incrementAndGet());
        activity.put("timestamp", Instant.now().toString());
        activity.put("serviceUrl", serviceUrl());
        activity.put("channelId", "msteams");
        activity.put("locale", member.locale());
        activity.put("localTimezone", member.timeZone());
        activity.putObject("from").put("id", member.teamsUserId()).put("name", member.name())
                .put("aadObjectId", "00000000-0000-4000-8000-0000" + String.format("%08x", member.key().hashCode()));
        ObjectNode conversation = activity.putObject("conversation").put("tenantId", TENANT);
        activity.putObject("recipient").put("id", "28:" + config.teams().appId().orElse("")).put("name", "Pacer");
        ObjectNode channelData = activity.putObject("channelData");
        channelData.putObject("tenant").put("id", TENANT);
        if (where == Where.CHANNEL) {
            conversation.put("conversationType", "channel").put("isGroup", true).put("id", DemoChannel.TEAMS_ID)
                    .put("name", DemoChannel.TEAMS_NAME);
            channelData.putObject("team").put("id", DemoChannel.TEAMS_TEAM_ID).put("name", DemoChannel.TEAMS_TEAM_NAME);
            channelData.putObject("channel").put("id", DemoChannel.TEAMS_ID).put("name", DemoChannel.TEAMS_NAME);
        } else {
            conversation.put("conversationType", "personal").put("id", member.teamsConversationId());
        }
        return activity;
    }

    private void post(ObjectNode activity) {
        Playground.Answer answer = playground.post("/api/messages", activity.toString(), "application/json",
                Map.of("Authorization", "Bearer " + token()));
        if (answer.status() >= 300) {
            throw new IllegalStateException("Pacer answered the Teams activity with HTTP " + answer.status());
        }
    }

    /** What the Bot Framework signs: issuer, audience (the app id), the service URL, a validity window. */
    String token() {
        long now = Instant.now().getEpochSecond();
        ObjectNode header = PlaygroundFeed.JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", KEY_ID);
        ObjectNode claims = PlaygroundFeed.JSON.createObjectNode().put("iss", ISSUER)
                .put("aud", config.teams().appId().orElse("")).put("serviceurl", serviceUrl())
                .put("nbf", now - 300).put("iat", now - 300).put("exp", now + 3600);
        String signed = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.getPrivate());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the fake Bot Framework: OpenID metadata, keys, token endpoint, connector ------------------------------

    ObjectNode openidMetadata() {
        ObjectNode metadata = PlaygroundFeed.JSON.createObjectNode();
        metadata.put("issuer", ISSUER);
        metadata.put("authorization_endpoint", "https://invalid.botframework.com");
        metadata.put("jwks_uri", playground.fakeUrl() + "/teams/openid/keys");
        metadata.putArray("id_token_signing_alg_values_supported").add("RS256");
        metadata.putArray("token_endpoint_auth_methods_supported").add("private_key_jwt");
        return metadata;
    }

    ObjectNode keys() {
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        ObjectNode jwks = PlaygroundFeed.JSON.createObjectNode();
        ObjectNode jwk = jwks.putArray("keys").addObject();
        jwk.put("kty", "RSA").put("use", "sig").put("kid", KEY_ID).put("alg", "RS256")
                .put("n", b64(unsigned(publicKey.getModulus().toByteArray())))
                .put("e", b64(unsigned(publicKey.getPublicExponent().toByteArray())));
        jwk.putArray("endorsements").add("msteams");
        return jwks;
    }

    /** The client-credentials grant: the configured app id and password, or nothing. */
    Optional<ObjectNode> grant(Map<String, String> form) {
        boolean valid = "client_credentials".equals(form.get("grant_type"))
                && config.teams().appId().map(id -> id.equals(form.get("client_id"))).orElse(false)
                && config.teams().appPassword().map(p -> p.equals(form.get("client_secret"))).orElse(false);
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(PlaygroundFeed.JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", 3599)
                .put("ext_expires_in", 3599).put("access_token", connectorToken));
    }

    boolean authorized(String authorization) {
        return ("Bearer " + connectorToken).equals(authorization);
    }

    /** A card Pacer sent (a reply or a proactive message); returns its activity id, or empty for no such chat. */
    Optional<String> received(String conversationId, String replyToId, JsonNode activity) {
        String id = "pg-out-" + ids.incrementAndGet();
        return show(conversationId, "card", replyToId, card(id, activity)) ? Optional.of(id) : Optional.empty();
    }

    /**
     * The Bot Connector's create-conversation call for a 1:1 chat (one demo member, the tenant): the member's personal
     * chat, as Teams answers with the existing one; empty for anything else.
     */
    Optional<String> personalChat(JsonNode parameters) {
        JsonNode members = parameters.path("members");
        String tenant = parameters.path("tenantId").asText(parameters.path("channelData").path("tenant").path("id").asText(""));
        if (!members.isArray() || members.size() != 1 || parameters.path("isGroup").asBoolean(false) || !TENANT.equals(tenant)) {
            return Optional.empty();
        }
        return DemoMember.byTeamsUser(members.get(0).path("id").asText()).map(DemoMember::teamsConversationId);
    }

    /** A card Pacer replaced (a form shown again with its errors). */
    boolean updated(String conversationId, String activityId, JsonNode activity) {
        return show(conversationId, "update", null, card(activityId, activity));
    }

    /** Shows a card in the chat it went to: everyone in the team channel sees it, a personal chat its member. */
    private boolean show(String conversationId, String kind, String replyToId, ObjectNode card) {
        if (DemoChannel.TEAMS_ID.equals(conversationId)) {
            feed.add(PLATFORM, Where.CHANNEL, null, true, kind, replyToId, card);
            return true;
        }
        Optional<DemoMember> member = DemoMember.byTeamsConversation(conversationId);
        member.ifPresent(m -> feed.add(PLATFORM, m, kind, replyToId, card));
        return member.isPresent();
    }

    private static ObjectNode card(String id, JsonNode activity) {
        ObjectNode body = PlaygroundFeed.JSON.createObjectNode();
        body.put("id", id);
        body.put("text", activity.path("text").asText(""));
        body.put("summary", activity.path("summary").asText(""));
        JsonNode attachments = activity.path("attachments");
        ArrayNode cards = body.putArray("cards");
        for (JsonNode attachment : attachments) {
            if ("application/vnd.microsoft.card.adaptive".equals(attachment.path("contentType").asText())
                    && attachment.path("content").isObject()) {
                cards.add(attachment.get("content"));
            }
        }
        return body;
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
