package app.pacer.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.reply.Language;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart PNG: size, content, and Chinese drawn as Chinese rather than boxes. */
class TeamChartTest {

    private static final String CHINESE_TITLE = "本月累计进度";
    /** Rows of the image the title occupies (chart padding + title padding + a 20 pt line). */
    private static final int TITLE_BAND = 40;
    private static final LocalDate FROM = LocalDate.of(2026, 12, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);

    private static ChartFont font;
    private static TeamChart chart;

    @BeforeAll
    static void resolveFont() {
        font = ChartFont.resolve(Optional.ofNullable(System.getenv("PACER_CHART_FONT")));
        chart = new TeamChart(font);
    }

    /** CI (PACER_REQUIRE_CJK_FONT=1) must have a CJK font; a developer machine without one skips these checks. */
    private static void requireChineseFont() {
        boolean required = System.getenv("PACER_REQUIRE_CJK_FONT") != null && !System.getenv("PACER_REQUIRE_CJK_FONT").isBlank();
        if (required) {
            assertTrue(font.drawsChinese(), "no font that draws Chinese (install fonts-wqy-microhei or fonts-noto-cjk); using "
                    + font.source());
        } else {
            Assumptions.assumeTrue(font.drawsChinese(), "no CJK font installed here; set PACER_REQUIRE_CJK_FONT=1 to fail instead");
        }
    }

    private static ChartData month(String title) {
        List<Double> calls = new ArrayList<>();
        List<Double> revenue = new ArrayList<>();
        for (int day = 0; day < 31; day++) {
            // the first 17 days have data, the rest of the month is still ahead
            calls.add(day < 17 ? day * 7.0 : null);
            revenue.add(day < 17 ? day * 4.5 : null);
        }
        return new ChartData(title, FROM, TO, List.of(new ChartData.Line("Calls", calls), new ChartData.Line("Revenue", revenue)),
                List.of());
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "not a PNG ImageIO can read");
        return image;
    }

    private static int count(BufferedImage image, int fromRow, int toRow, java.util.function.IntPredicate rgb) {
        int n = 0;
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (rgb.test(image.getRGB(x, y) & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean dark(int rgb) {
        Color c = new Color(rgb);
        return (c.getRed() * 299 + c.getGreen() * 587 + c.getBlue() * 114) / 1000 < 128;
    }

    private static boolean near(int rgb, int expected) {
        Color a = new Color(rgb);
        Color b = new Color(expected);
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue()) < 40;
    }

    @Test
    void awtRunsHeadless() {
        assertNotNull(chart);
        assertTrue(GraphicsEnvironment.isHeadless(), "java.awt.headless must be in effect");
    }

    @Test
    void lineChartIsAn800By450PngWithTheLinesAndTheTargetLine() throws IOException {
        byte[] png = chart.png(month("December progress"), Language.EN);
        assertEquals(List.of((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G'),
                List.of(png[0], png[1], png[2], png[3]), "PNG signature");
        BufferedImage image = decode(png);
        assertEquals(TeamChart.WIDTH, image.getWidth());
        assertEquals(TeamChart.HEIGHT, image.getHeight());
        assertEquals(0xFFFFFF, image.getRGB(2, 2) & 0xFFFFFF, "white background");
        int total = image.getWidth() * image.getHeight();
        int ink = count(image, 0, image.getHeight(), rgb -> rgb != 0xFFFFFF);
        assertTrue(ink > total / 100, "not blank: " + ink + " non-white pixels");
        assertTrue(count(image, 0, image.getHeight(), rgb -> near(rgb, 0x0072B2)) > 200, "the first metric's line is drawn");
        assertTrue(count(image, 0, image.getHeight(), rgb -> near(rgb, 0xE69F00)) > 200, "the second metric's line is drawn");
        assertTrue(count(image, 0, image.getHeight(), rgb -> near(rgb, 0xC0392B)) > 100, "the 100% target line is drawn");
    }

    @Test
    void barChartPerRepWhenThereAreNoLines() throws IOException {
        ChartData data = new ChartData("Reps", FROM, TO, List.of(), List.of(new ChartData.Bar("Ann", 120),
                new ChartData.Bar("Bo", 64.5), new ChartData.Bar("李雷", 12), new ChartData.Bar("Bo", 0)));
        BufferedImage image = decode(chart.png(data, Language.EN));
        assertEquals(800, image.getWidth());
        assertEquals(450, image.getHeight());
        assertTrue(count(image, 0, image.getHeight(), rgb -> near(rgb, 0x0072B2)) > 3000, "bars are drawn");
        assertTrue(count(image, 0, image.getHeight(), rgb -> near(rgb, 0xC0392B)) > 50, "someone is past target: the line shows");
    }

    @Test
    void oddInputsStillGiveAChart() throws IOException {
        List<ChartData> odd = List.of(
                new ChartData(null, FROM, FROM, List.of(), List.of()),
                new ChartData("", FROM, TO, null, null),
                new ChartData("x", FROM, TO, List.of(new ChartData.Line("empty", List.of())), List.of()),
                new ChartData("x", FROM, TO, List.of(new ChartData.Line(null, Arrays.asList(null, Double.NaN, 1e6, -5.0))), List.of()),
                new ChartData("x", FROM, FROM.plusDays(1), List.of(new ChartData.Line("too many", List.of(1.0, 2.0, 3.0, 4.0))), List.of()),
                new ChartData("x", FROM, TO, List.of(), List.of(new ChartData.Bar(null, Double.POSITIVE_INFINITY), new ChartData.Bar("z", -3))));
        for (ChartData data : odd) {
            for (Language language : Language.values()) {
                BufferedImage image = decode(chart.png(data, language));
                assertEquals(800, image.getWidth(), data.toString());
            }
        }
        List<ChartData.Bar> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(new ChartData.Bar("Rep " + i, i));
        }
        assertEquals(450, decode(chart.png(new ChartData("Many", FROM, TO, List.of(), many), Language.ZH)).getHeight());
    }

    @Test
    void theResolvedFontDrawsChinese() {
        requireChineseFont();
        assertEquals(-1, font.font().canDisplayUpTo(CHINESE_TITLE), font.source());
        assertEquals(-1, font.font().canDisplayUpTo("Calls Revenue 0123456789%/"), "and Latin: " + font.source());
    }

    @Test
    void aChineseTitleIsDrawnAsChineseGlyphsNotBoxes() throws IOException {
        requireChineseFont();
        BufferedImage titled = decode(chart.png(month(CHINESE_TITLE), Language.ZH));
        BufferedImage untitled = decode(chart.png(month(null), Language.ZH));
        // the same characters in another order: missing glyphs would all be the same box, so both would look alike
        BufferedImage permuted = decode(chart.png(month("进度累计本月"), Language.ZH));

        int ink = count(titled, 0, TITLE_BAND, TeamChartTest::dark);
        int reference = referenceInk(CHINESE_TITLE);
        assertTrue(ink > 150, "the title is drawn: " + ink + " dark pixels");
        assertTrue(Math.abs(ink - reference) < reference / 3,
                "as much ink as the title drawn directly with the font: " + ink + " vs " + reference);
        assertTrue(differing(titled, untitled, TITLE_BAND) > 150, "the title band differs from an untitled chart");
        assertTrue(differing(titled, permuted, TITLE_BAND) > 150, "distinct characters draw distinct glyphs");
    }

    /** Dark pixels of {@code text} drawn with the chart font, as the chart's title is (20 pt bold, anti-aliased). */
    private static int referenceInk(String text) {
        BufferedImage image = new BufferedImage(800, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 800, 60);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0x222222));
        g.setFont(font.derive(Font.BOLD, 20f));
        g.drawString(text, 10, 40);
        g.dispose();
        return count(image, 0, 60, TeamChartTest::dark);
    }

    private static int differing(BufferedImage a, BufferedImage b, int rows) {
        int n = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void chineseAxisLabelsAndTargetComeFromTheMessages() throws IOException {
        requireChineseFont();
        // same data, two languages: the texts differ, so the pictures do
        BufferedImage en = decode(chart.png(month(null), Language.EN));
        BufferedImage zh = decode(chart.png(month(null), Language.ZH));
        assertTrue(differing(en, zh, en.getHeight()) > 200);
    }

    @Test
    void aConfiguredFontThatIsNotAFontFallsBackToTheUsualPlaces(@TempDir Path dir) throws IOException {
        Path bogus = Files.writeString(dir.resolve("not-a-font.ttf"), "hello");
        assertFalse(ChartFont.load(bogus.toFile()).isPresent());
        ChartFont resolved = ChartFont.resolve(Optional.of(bogus.toString()));
        assertEquals(font.source(), resolved.source(), "the same font as without configuration");
        assertFalse(ChartFont.load(new File(dir.toFile(), "missing.ttc")).isPresent());
    }

    @Test
    void aConfiguredCollectionIsUsed() {
        requireChineseFont();
        Optional<String> file = ChartFont.WELL_KNOWN.stream().filter(p -> new File(p).isFile()).findFirst();
        Assumptions.assumeTrue(file.isPresent(), "the CJK font here is not a file we know");
        ChartFont configured = ChartFont.resolve(file);
        assertTrue(configured.drawsChinese());
        assertTrue(configured.source().startsWith(file.get()), configured.source());
    }
}
