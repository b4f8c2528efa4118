package app.pacer.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.deploy.NodeChecks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Teams app package that {@code ./mvnw package} builds ({@code target/pacer-teams-app.zip}): flat, with the app id
 * filled in, icons as Teams wants them, and manifest and zh-CN localization valid against Microsoft's schemas (checked
 * by {@code @microsoft/app-manifest}, which bundles them).
 */
class TeamsAppPackageIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static Map<String, byte[]> entries = new TreeMap<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void open() throws Exception {
        Path zip = Path.of(System.getProperty("checks.teams.package", "target/pacer-teams-app.zip"));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(file.entries())) {
                entries.put(e.getName(), file.getInputStream(e).readAllBytes());
            }
        }
    }

    @Test
    void flatWithManifestLocalizationAndIcons() throws Exception {
        assertEquals(java.util.Set.of("manifest.json", "zh-cn.json", "color.png", "outline.png"), entries.keySet());
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        String id = manifest.path("id").asText();
        assertTrue(id.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"), id);
        assertEquals(id, manifest.path("bots").get(0).path("botId").asText());
        assertFalse(new String(entries.get("manifest.json")).contains("{{"), "every placeholder filled in");
        assertTrue(manifest.path("manifestVersion").asText().matches("1\\.(1[7-9]|[2-9][0-9])"), "v1.17 or newer");
        JsonNode scopes = manifest.path("bots").get(0).path("scopes");
        assertEquals(java.util.Set.of("personal", "team", "groupChat"),
                java.util.Set.of(scopes.get(0).asText(), scopes.get(1).asText(), scopes.get(2).asText()));
        assertTrue(manifest.path("validDomains").size() > 0);
    }

    @Test
    void colorIconIs192SquareAndOutlineIs32WhiteOnTransparent() throws Exception {
        BufferedImage color = ImageIO.read(new ByteArrayInputStream(entries.get("color.png")));
        assertEquals(192, color.getWidth());
        assertEquals(192, color.getHeight());
        BufferedImage outline = ImageIO.read(new ByteArrayInputStream(entries.get("outline.png")));
        assertEquals(32, outline.getWidth());
        assertEquals(32, outline.getHeight());
        assertTrue(outline.getColorModel().hasAlpha(), "outline icon needs an alpha channel");
        int transparent = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int argb = outline.getRGB(x, y);
                if (argb >>> 24 == 0) {
                    transparent++;
                } else {
                    assertEquals(0xFFFFFF, argb & 0xFFFFFF, "outline pixel " + x + "," + y + " is not white");
                }
            }
        }
        assertTrue(transparent > 32 * 32 / 2, "outline icon: mostly transparent background");
    }

    @Test
    void validAgainstMicrosoftsSchemas() throws Exception {
        Path dir = unpack(entries);
        NodeChecks.Result result = NodeChecks.run("validate-teams-app.mjs", dir);
        assertTrue(result.ok(), result.output());
    }

    @Test
    void theSchemaCheckRejectsABrokenPackage() throws Exception {
        Map<String, byte[]> broken = new TreeMap<>(entries);
        ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get("manifest.json"));
        manifest.put("id", "{{PACER_TEAMS_APP_ID}}");
        broken.put("manifest.json", JSON.writeValueAsBytes(manifest));
        ObjectNode zh = (ObjectNode) JSON.readTree(entries.get("zh-cn.json"));
        zh.put("name.short", "很长的名字".repeat(7)); // 30 characters at most
        broken.put("zh-cn.json", JSON.writeValueAsBytes(zh));
        NodeChecks.Result result = NodeChecks.run("validate-teams-app.mjs", unpack(broken));
        assertFalse(result.ok(), result.output());
        assertTrue(result.output().contains("manifest.json: /id"), result.output());
        assertTrue(result.output().contains("zh-cn.json: /name.short"), result.output());
    }

    private Path unpack(Map<String, byte[]> files) throws Exception {
        Path dir = Files.createTempDirectory(temp, "teams-app");
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        return dir;
    }
}
