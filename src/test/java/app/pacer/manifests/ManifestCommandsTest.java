package app.pacer.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.command.CommandRegistry;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Tokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The manifests name exactly the commands the registry has (the full schema validation comes with packaging). */
@QuarkusTest
class ManifestCommandsTest {

    @Inject
    CommandRegistry registry;

    @Test
    void slackUsageHintListsEveryTopLevelCommand() throws Exception {
        String manifest = Files.readString(Path.of("manifests", "slack", "manifest.yml"));
        Matcher hint = Pattern.compile("usage_hint: (.+)").matcher(manifest);
        assertTrue(hint.find());
        Set<String> listed = Arrays.stream(hint.group(1).split("\\|")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
        Set<String> commands = registry.topLevel().stream().filter(c -> !c.hidden()).map(CommandSpec::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(commands, listed);
    }

    @Test
    void teamsCommandListsNameRealCommandsInBothLanguages() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(Files.readString(Path.of("manifests", "teams", "manifest.json")));
        JsonNode chinese = json.readTree(Files.readString(Path.of("manifests", "teams", "zh-cn.json")));
        JsonNode lists = manifest.path("bots").get(0).path("commandLists");
        for (int l = 0; l < lists.size(); l++) {
            JsonNode commands = lists.get(l).path("commands");
            assertTrue(commands.size() <= 10, "Teams allows 10 commands per list");
            for (int c = 0; c < commands.size(); c++) {
                String english = commands.get(c).path("title").asText();
                String zh = chinese.path("bots[0].commandLists[" + l + "].commands[" + c + "].title").asText();
                CommandSpec spec = registry.find(Tokenizer.tokenize(english)).orElseThrow(() -> new AssertionError(english));
                CommandSpec same = registry.find(Tokenizer.tokenize(zh)).orElseThrow(() -> new AssertionError(zh));
                assertEquals(spec.id(), same.id(), english + " / " + zh);
            }
        }
    }
}
