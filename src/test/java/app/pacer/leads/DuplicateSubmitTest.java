package app.pacer.leads;

import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.SlackTeam;
import app.pacer.testing.TeamsRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A double click on a form's submit button (and a retried delivery of it) stores one lead, not two. */
@QuarkusTest
class DuplicateSubmitTest {

    @Inject
    EntityManager em;

    @Test
    void aSlackModalSubmittedTwiceAtOnceAddsOneLeadAndAFormWithErrorsCanBeSentAgain() {
        SlackTeam t = SlackTeam.withManager();
        String responseId = UUID.randomUUID().toString();
        SlackRequests.slash(t.id(), t.rep(), "lead add", responseId).then().statusCode(200);
        JsonNode view = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", "/api/views.open").stream()
                .map(c -> SlackRequests.parse(c.body().path("view").asText()))
                .filter(v -> v.path("private_metadata").asText().contains(responseId)).toList(), l -> !l.isEmpty()).get(0);
        ObjectNode bad = SlackRequests.viewSubmission(t.id(), t.rep(), view, values ->
                values.putObject("name").putObject("v").put("type", "plain_text_input").put("value", ""));
        for (int i = 0; i < 2; i++) {
            String errors = SlackRequests.interaction(bad).then().statusCode(200).extract().asString();
            assertTrue(errors.contains("response_action"), "the same wrong form gets its errors every time: " + errors);
        }
        ObjectNode good = SlackRequests.viewSubmission(t.id(), t.rep(), view, values ->
                values.putObject("name").putObject("v").put("type", "plain_text_input").put("value", "Double Click Co"));
        CompletableFuture<?> a = CompletableFuture.runAsync(() -> SlackRequests.interaction(good).then().statusCode(200));
        CompletableFuture<?> b = CompletableFuture.runAsync(() -> SlackRequests.interaction(good).then().statusCode(200));
        CompletableFuture.allOf(a, b).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> command(t.id(), t.rep(), "lead list").toString().contains("Double Click Co"));
        assertEquals(1, leads(t.id(), "Double Click Co"));
    }

    @Test
    void aTeamsCardSubmittedTwiceAddsOneLead() throws Exception {
        String tenant = "tenant-duplicates";
        String user = TeamsRequests.newUser();
        var open = TeamsRequests.message(tenant, user, "lead add");
        TeamsRequests.post(open).then().statusCode(200);
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities/" + open.path("id").asText();
        JsonNode card = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty())
                .get(0).body();
        ObjectNode value = card.path("attachments").get(0).path("content").path("actions").get(0).path("data").deepCopy();
        value.put("name", "Teams Twice Co");
        String cardId = "1:card-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            var submit = TeamsRequests.message(tenant, user, null);
            submit.remove("text");
            submit.put("replyToId", cardId);
            submit.set("value", value);
            TeamsRequests.post(submit).then().statusCode(200);
        }
        Thread.sleep(1500);
        await().atMost(Duration.ofSeconds(10)).until(() -> leads(tenant, "Teams Twice Co") >= 1);
        Thread.sleep(500);
        assertEquals(1, leads(tenant, "Teams Twice Co"));
    }

    private long leads(String workspace, String name) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT count(*) FROM lead l JOIN workspace w ON w.id = l.workspace_id WHERE w.external_id = ?1 AND l.name = ?2""")
                .setParameter(1, workspace).setParameter(2, name).getSingleResult()).longValue());
    }

}
