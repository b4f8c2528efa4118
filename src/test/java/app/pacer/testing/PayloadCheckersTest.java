package app.pacer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two checkers the suite holds every sent payload to: they pass what is right and bite on what is not. */
class PayloadCheckersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static String card(String body) {
        return "{'type':'AdaptiveCard','version':'1.5','body':[" + body + "]}";
    }

    @Test
    void theSchemaIsThePinnedCopy() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(AdaptiveCardSchema.RESOURCE)) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
            assertEquals(AdaptiveCardSchema.SHA256, sha);
        }
        assertTrue(getClass().getResource("/adaptivecards/LICENSE.AdaptiveCards") != null, "its licence travels with it");
    }

    @Test
    void aValidCardPasses() throws IOException {
        JsonNode card = json(card("{'type':'TextBlock','text':'hi','wrap':true},"
                + "{'type':'Input.Number','id':'amount','label':'Amount','isRequired':true,'errorMessage':'Enter a number',"
                + "'value':30000,'min':0}"));
        assertEquals(List.of(), AdaptiveCardSchema.problems(card));
    }

    @Test
    void aNumberInputWithAStringValueBreaksTheSchema() throws IOException {
        List<String> problems = AdaptiveCardSchema.problems(json(card("{'type':'Input.Number','id':'amount','value':'30000'}")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("value") && p.contains("number")), problems::toString);
    }

    @Test
    void aRequiredInputNeedsAnErrorMessageAndALabel() throws IOException {
        List<String> problems = AdaptiveCardSchema.problems(json(card("{'type':'Input.Text','id':'name','isRequired':true}")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("RequiredInputsShouldHaveErrorMessage")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("RequiredInputsShouldHaveLabel")), problems::toString);
    }

    @Test
    void inputIdsAreUnique() throws IOException {
        List<String> problems = AdaptiveCardSchema.problems(json(card("{'type':'Input.Text','id':'a'},{'type':'Input.Date','id':'a'}")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("DuplicateId")), problems::toString);
    }

    @Test
    void unknownPropertiesAndTypesBreakTheSchema() throws IOException {
        assertTrue(!AdaptiveCardSchema.problems(json(card("{'type':'TextBlock','text':'x','colour':'red'}"))).isEmpty());
        assertTrue(!AdaptiveCardSchema.problems(json(card("{'type':'Paragraph','text':'x'}"))).isEmpty());
        assertTrue(!AdaptiveCardSchema.problems(json("{'type':'AdaptiveCard','version':'1.5','body':[],'teams':{}}")).isEmpty());
    }

    @Test
    void onlyTheMsteamsPropertyTeamsDocumentsIsAllowedOnTheCard() throws IOException {
        assertEquals(List.of(), AdaptiveCardSchema.problems(
                json("{'type':'AdaptiveCard','version':'1.5','body':[],'msteams':{'width':'Full','entities':[]}}")));
        assertTrue(!AdaptiveCardSchema.problems(
                json("{'type':'AdaptiveCard','version':'1.5','body':[],'msteams':{'width':'Half'}}")).isEmpty());
        assertTrue(!AdaptiveCardSchema.problems(
                json("{'type':'AdaptiveCard','version':'1.5','body':[],'msteams':{'colour':'x'}}")).isEmpty());
    }

    // --- Slack -----------------------------------------------------------------------------------------------

    private static List<String> slack(BlockKitLimits.Surface surface, String payload) throws IOException {
        return BlockKitLimits.problems(surface, json(payload));
    }

    @Test
    void theLimitsTableIsRead() {
        assertTrue(BlockKitLimits.LIMITS.size() > 40, BlockKitLimits.LIMITS::toString);
    }

    @Test
    void aMessageWithinTheLimitsPasses() throws IOException {
        assertEquals(List.of(), slack(BlockKitLimits.Surface.MESSAGE, "{'text':'hi','blocks':[{'type':'section',"
                + "'text':{'type':'mrkdwn','text':'hello'}},{'type':'actions','elements':[{'type':'button','action_id':'a',"
                + "'text':{'type':'plain_text','text':'Go'},'value':'x'}]}]}"));
    }

    @Test
    void overTheLimitsIsFound() throws IOException {
        String blocks = "{'type':'divider'},".repeat(51);
        assertTrue(slack(BlockKitLimits.Surface.MESSAGE, "{'blocks':[" + blocks.substring(0, blocks.length() - 1) + "]}")
                .stream().anyMatch(p -> p.startsWith("$.blocks: 51 items")));
        assertTrue(slack(BlockKitLimits.Surface.MESSAGE, "{'blocks':[{'type':'header','text':{'type':'plain_text','text':'"
                + "h".repeat(151) + "'}}]}").stream().anyMatch(p -> p.contains("$.blocks[0].text: 151")));
        assertTrue(slack(BlockKitLimits.Surface.MESSAGE, "{'blocks':[{'type':'section','text':{'type':'mrkdwn','text':''}}]}")
                .stream().anyMatch(p -> p.contains("min chars")));
        assertTrue(slack(BlockKitLimits.Surface.MODAL, "{'type':'modal','title':{'type':'plain_text','text':'"
                + "t".repeat(25) + "'},'blocks':[{'type':'input','block_id':'b','label':{'type':'plain_text','text':'L'},"
                + "'element':{'type':'static_select','action_id':'v','options':[{'text':{'type':'plain_text','text':'o'},"
                + "'value':'" + "v".repeat(76) + "'}]}}]}").size() == 2);
    }
}
