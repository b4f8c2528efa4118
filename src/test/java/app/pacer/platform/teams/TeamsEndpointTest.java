package app.pacer.platform.teams;

import static app.pacer.testing.TeamsRequests.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Platform;
import app.pacer.core.org.Role;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.TeamsRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Teams end to end: JWT-signed activities into /api/messages, replies captured by the fake Bot Connector. */
@QuarkusTest
class TeamsEndpointTest {

    static final String TENANT = FakePlatforms.ALLOWED_TENANTS.get(0);

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    MemberRepository members;

    @Inject
    EntityManager em;

    /** Posts the activity and returns the first card Pacer sent back into its conversation. */
    static JsonNode send(ObjectNode activity) {
        TeamsRequests.post(activity).then().statusCode(200);
        String path = "/teams/v3/conversations/" + activity.path("conversation").path("id").asText()
                + "/activities/" + activity.path("id").asText();
        FakePlatforms.Call reply = await().atMost(Duration.ofSeconds(15))
                .until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty()).get(0);
        JsonNode attachment = reply.body().path("attachments").get(0);
        assertEquals(AdaptiveCardRenderer.CONTENT_TYPE, attachment.path("contentType").asText());
        return attachment.path("content");
    }

    static ObjectNode message(String user, String text) {
        return TeamsRequests.message(TENANT, user, text);
    }

    @Test
    void helpIsAnAdaptiveCardWithTheSameContentAsSlack() {
        JsonNode card = send(message(TeamsRequests.newUser(), "help"));
        assertEquals("AdaptiveCard", card.path("type").asText());
        assertEquals("1.5", card.path("version").asText());
        assertEquals("What Pacer can do", card.path("body").get(0).path("text").asText());
        assertTrue(card.toString().contains("settings language <en|zh>"), card.toString());
        assertTrue(card.toString().contains("Read Pacer in English or Simplified Chinese"));
    }

    @Test
    void botMentionIsStrippedInChannels() {
        String user = TeamsRequests.newUser();
        ObjectNode activity = TeamsRequests.base("message", TENANT, user, "19:sales@thread.tacv2;messageid=1", "channel");
        activity.put("text", "<at>Pacer (.*)</at> 帮助");
        ObjectNode mention = activity.putArray("entities").addObject();
        mention.put("type", "mention").put("text", "<at>Pacer (.*)</at>");
        mention.putObject("mentioned").put("id", "28:" + FakePlatforms.TEAMS_APP_ID).put("name", "Pacer (.*)");
        // help is for the asker alone: the channel gets a pointer, the personal chat the answer (issue 27, item 2)
        JsonNode pointer = send(activity);
        assertTrue(pointer.toString().contains("private chat"), pointer.toString());
        FakePlatforms.Call answer = await().atMost(Duration.ofSeconds(15)).until(
                () -> FakePlatforms.calls("POST", "/teams/v3/conversations/a:personal-" + user + "/activities"),
                l -> !l.isEmpty()).get(0);
        JsonNode card = answer.body().path("attachments").get(0).path("content");
        assertEquals("What Pacer can do", card.path("body").get(0).path("text").asText());
    }

    @Test
    void rolesAreAssignedByMentionAndLanguageSwitches() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(1);
        forgetWorkspace(tenant);
        String admin = TeamsRequests.newUser();
        String mei = TeamsRequests.newUser();
        ObjectNode activity = TeamsRequests.message(tenant, admin, "role <at>Mei Lin</at> manager");
        ObjectNode mention = ((com.fasterxml.jackson.databind.node.ArrayNode) activity.get("entities")).addObject();
        mention.put("type", "mention").put("text", "<at>Mei Lin</at>");
        mention.putObject("mentioned").put("id", mei).put("name", "Mei Lin");
        JsonNode card = send(activity);
        assertTrue(card.toString().contains("Mei Lin is now a **manager**"), card.toString());
        assertEquals(Role.ADMIN, member(tenant, admin).role());
        assertEquals(Role.MANAGER, member(tenant, mei).role());
        assertEquals("Europe/Berlin", member(tenant, admin).zone().getId());

        JsonNode chinese = send(TeamsRequests.message(tenant, admin, "settings language zh"));
        assertTrue(chinese.toString().contains("简体中文"), chinese.toString());
        JsonNode help = send(TeamsRequests.message(tenant, admin, "help"));
        assertEquals("Pacer 能做什么", help.path("body").get(0).path("text").asText());
    }

    @Test
    void installStoresTheConversationReferenceAndGreets() {
        String user = TeamsRequests.newUser();
        String conversation = "a:personal-" + user;
        ObjectNode update = TeamsRequests.base("conversationUpdate", TENANT, user, conversation, "personal");
        update.putArray("membersAdded").addObject().put("id", "28:" + FakePlatforms.TEAMS_APP_ID);
        TeamsRequests.post(update).then().statusCode(200);
        FakePlatforms.Call greeting = await().atMost(Duration.ofSeconds(15)).until(
                () -> FakePlatforms.calls("POST", "/teams/v3/conversations/" + conversation + "/activities/"),
                l -> !l.isEmpty()).get(0);
        assertTrue(greeting.body().toString().contains("I'm Pacer"), greeting.body().toString());
        Long ws = workspace(TENANT);
        Optional<TeamsConversation> stored = QuarkusTransaction.requiringNew().call(() -> conversations.find(ws, conversation));
        assertTrue(stored.isPresent());
        assertEquals("personal", stored.get().conversationType());
        assertEquals(FakePlatforms.serviceUrl(), stored.get().serviceUrl());
        assertTrue(stored.get().referenceJson().contains(conversation));
    }

    @Inject
    TeamsConversations conversations;

    @Test
    void cardFormShowsErrorsOnTheCardAndSavesWhenValid() {
        String user = TeamsRequests.newUser();
        JsonNode form = send(message(user, "settings edit"));
        assertTrue(form.toString().contains("Input.ChoiceSet"), form.toString());
        JsonNode submitData = form.path("actions").get(0).path("data");
        assertTrue(submitData.path("pacer").path("f").asBoolean());

        ObjectNode invalid = submission(user, submitData, "zh", "Nowhere/Atlantis");
        TeamsRequests.post(invalid).then().statusCode(200);
        String updatePath = "/teams/v3/conversations/a:personal-" + user + "/activities/" + invalid.path("replyToId").asText();
        FakePlatforms.Call update = await().atMost(Duration.ofSeconds(15))
                .until(() -> FakePlatforms.calls("PUT", updatePath), l -> !l.isEmpty()).get(0);
        assertTrue(update.body().toString().contains("Attention"), update.body().toString());
        assertTrue(update.body().toString().contains("Nowhere/Atlantis"));
        assertFalse(member(TENANT, user).timeZoneChosen(), "nothing half-stored");

        JsonNode saved = send(submission(user, submitData, "en", "Asia/Tokyo"));
        assertTrue(saved.toString().contains("Asia/Tokyo"), saved.toString());
        assertEquals("Asia/Tokyo", member(TENANT, user).zone().getId());
    }

    @Test
    void connectorTokenIsFetchedOnceAndReused() {
        send(message(TeamsRequests.newUser(), "help"));
        int before = FakePlatforms.TOKEN_REQUESTS.get();
        send(message(TeamsRequests.newUser(), "help"));
        send(message(TeamsRequests.newUser(), "settings"));
        assertEquals(before, FakePlatforms.TOKEN_REQUESTS.get());
        assertTrue(before >= 1);
    }

    @Test
    void everyBadTokenIsRefusedWithNothingStored() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(2);
        forgetWorkspace(tenant);
        ObjectNode activity = TeamsRequests.message(tenant, TeamsRequests.newUser(), "help");
        var otherKey = FakePlatforms.rsaForTests();
        List<String> refused = List.of(
                "",
                "Bearer not-a-jwt",
                "Bearer " + TeamsRequests.token(otherKey, FakePlatforms.KEY_ID, FakePlatforms.TEAMS_APP_ID,
                        FakePlatforms.serviceUrl(), Instant.now().plusSeconds(600)),
                "Bearer " + TeamsRequests.token(FakePlatforms.SIGNING_KEY, FakePlatforms.KEY_ID, FakePlatforms.TEAMS_APP_ID,
                        FakePlatforms.serviceUrl(), Instant.now().minusSeconds(600)),
                "Bearer " + TeamsRequests.token(FakePlatforms.SIGNING_KEY, FakePlatforms.KEY_ID, "another-bot-app-id",
                        FakePlatforms.serviceUrl(), Instant.now().plusSeconds(600)),
                "Bearer " + TeamsRequests.token(FakePlatforms.SIGNING_KEY, FakePlatforms.KEY_ID, FakePlatforms.TEAMS_APP_ID,
                        "https://evil.example/", Instant.now().plusSeconds(600)));
        for (String authorization : refused) {
            TeamsRequests.post(activity, authorization.isEmpty() ? null : authorization).then().statusCode(401);
        }
        ObjectNode stranger = TeamsRequests.message("tenant-unknown", TeamsRequests.newUser(), "help");
        TeamsRequests.post(stranger).then().statusCode(401);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> workspaces.find(Platform.TEAMS, tenant)).isEmpty());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> workspaces.find(Platform.TEAMS, "tenant-unknown")).isEmpty());
    }

    @Test
    void malformedActivityIsABadRequestNotAnError() {
        io.restassured.RestAssured.given().contentType("application/json").header("Authorization", "Bearer " + TeamsRequests.token())
                .body("{not json").when().post("/api/messages").then().statusCode(400);
    }

    private ObjectNode submission(String user, JsonNode data, String language, String zone) {
        ObjectNode activity = message(user, null);
        activity.remove("text");
        activity.put("replyToId", "1:card-" + System.nanoTime());
        ObjectNode value = data.deepCopy();
        value.put("language", language).put("timezone", zone);
        activity.set("value", value);
        return activity;
    }

    private void forgetWorkspace(String tenant) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "DELETE FROM workspace WHERE platform = 'TEAMS' AND external_id = ?1").setParameter(1, tenant).executeUpdate());
    }

    private Long workspace(String tenant) {
        return QuarkusTransaction.requiringNew().call(() -> workspaces.find(Platform.TEAMS, tenant).orElseThrow().id());
    }

    private Member member(String tenant, String user) {
        Long ws = workspace(tenant);
        return QuarkusTransaction.requiringNew().call(() -> members.find(ws, user).orElseThrow());
    }
}
