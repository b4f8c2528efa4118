package app.pacer.feedback;

import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.SlackTeam;
import app.pacer.testing.TeamsRequests;
import app.pacer.testing.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Customer feedback: scores typed by reps, the personal link and its page (also in a real browser), alerts, reports. */
@QuarkusTest
class FeedbackTest {

    private static final Pattern LINK = Pattern.compile("(/f/[0-9a-f]{32}\\.[A-Za-z0-9_-]{43})");

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static String text(JsonNode reply) {
        return reply.toString();
    }

    @Test
    void repsRecordScoresInRangeAndALowScoreAlertsTheirManager() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        command(t.id(), t.rep(), "lead add \"Acme Ltd\"");
        assertTrue(text(command(t.id(), t.rep(), "feedback 1 4 \"quick delivery\"")).contains("Recorded CSAT 4/5 for #1 Acme Ltd"));
        assertTrue(text(command(t.id(), t.rep(), "feedback 1 6")).contains("out of range: CSAT (1–5) scores go from 1 to 5"));
        assertTrue(text(command(t.id(), t.rep(), "feedback 1 11 type=nps")).contains("from 0 to 10"));
        assertTrue(text(command(t.id(), t.rep(), "feedback 1 x")).contains("whole number"));
        String notTheirs = text(command(t.id(), t.other(), "feedback 1 5"));
        assertTrue(notTheirs.contains("belongs to someone else"), "not their lead: " + notTheirs);
        String low = text(command(t.id(), t.rep(), "feedback #1 2 \"slow invoice\""));
        assertTrue(low.contains("low score") && low.contains("manager"), low);
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.CALLS.stream().anyMatch(c -> c.body().toString()
                .contains("Low score for") && c.body().toString().contains("slow invoice")));
        command(t.id(), t.rep(), "feedback 1 10 type=nps great");
        command(t.id(), t.rep(), "feedback 1 5 type=nps meh");
        String card = text(command(t.id(), t.rep(), "lead show 1"));
        assertTrue(card.contains("Customer feedback") && card.contains("CSAT 2/5 — slow invoice") && card.contains("NPS 5/10"), card);
        String report = text(command(t.id(), t.rep(), "feedback report"));
        assertTrue(report.contains("*CSAT (2 answers)*\\n3.0 / 5") && report.contains("*NPS (2 answers)*\\n0"), report);
        assertTrue(report.contains("#1 Acme Ltd · NPS 5/10 — meh") || report.contains("#1 Acme Ltd · CSAT 2/5 — slow invoice"), report);
        assertTrue(text(command(t.id(), t.rep(), "feedback report month team")).contains("Only managers"));
        assertTrue(text(command(t.id(), t.manager(), "feedback report month team")).contains("Responses*\\n4"));
        // the review snapshot carries the customer's scores
        command(t.id(), t.manager(), "review schedule " + t.mention(t.rep()) + " tomorrow");
        String review = text(command(t.id(), t.manager(), "review show 1"));
        assertTrue(review.contains("Customer feedback") && review.contains("*CSAT (2 answers)*\\n3.0 / 5"), review);
        // the workspace default
        assertTrue(text(command(t.id(), t.admin(), "feedback type nps")).contains("NPS"));
        assertTrue(text(command(t.id(), t.rep(), "feedback 1 9")).contains("NPS 9/10"));
    }

    @Test
    void linksAreSignedSingleUseExpiringAndThePageIsSafe() {
        SlackTeam t = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        command(t.id(), t.rep(), "lead add \"<script>alert(1)</script> Ltd\"");
        String path = link(t, 1);
        Response page = RestAssured.given().header("Accept-Language", "en-US,en;q=0.9").get(path);
        assertEquals(200, page.statusCode());
        String html = page.asString();
        assertTrue(html.contains("How satisfied are you") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Ltd"), html);
        assertFalse(html.contains("<script>"), "everything is escaped");
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'none'"));
        String cookie = page.cookie(FeedbackPage.COOKIE);
        String csrf = html.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        assertTrue(RestAssured.given().header("Accept-Language", "zh-CN,zh;q=0.9").get(path).asString().contains("您对"));

        // forged and altered tokens are simply not valid
        String forged = path.substring(0, path.length() - 2) + (path.endsWith("A") ? "BB" : "AA");
        assertTrue(RestAssured.given().get(forged).then().statusCode(404).extract().asString().contains("copied in full"));
        RestAssured.given().get("/f/" + "0".repeat(32) + "." + "A".repeat(43)).then().statusCode(404);
        RestAssured.given().get("/f/nonsense").then().statusCode(404);
        // no cookie, or a token from another page: refused, nothing stored
        RestAssured.given().formParams(Map.of("score", "5", "csrf", csrf, "lang", "en")).post(path).then().statusCode(403);
        RestAssured.given().cookie(FeedbackPage.COOKIE, cookie).formParams(Map.of("score", "5", "csrf", "x", "lang", "en"))
                .post(path).then().statusCode(403);
        // out of range: the form again, with the message and what was typed
        String again = RestAssured.given().cookie(FeedbackPage.COOKIE, cookie)
                .formParams(Map.of("score", "9", "csrf", csrf, "lang", "en", "comment", "kept <b>")).post(path)
                .then().statusCode(400).extract().asString();
        assertTrue(again.contains("Please choose a score") && again.contains("kept &lt;b&gt;"), again);
        assertFalse(text(command(t.id(), t.rep(), "lead show 1")).contains("Customer feedback"), "nothing stored yet");
        String thanks = RestAssured.given().cookie(FeedbackPage.COOKIE, cookie)
                .formParams(Map.of("score", "5", "csrf", csrf, "lang", "en", "comment", "Lovely")).post(path)
                .then().statusCode(200).extract().asString();
        assertTrue(thanks.contains("Thank you"), thanks);
        assertTrue(text(command(t.id(), t.rep(), "lead show 1")).contains("CSAT 5/5 — Lovely"));
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.CALLS.stream()
                .anyMatch(c -> c.body().toString().contains("answered your feedback link") && c.body().toString().contains("Lovely")));
        // used: a polite page, and a second post stores nothing
        assertTrue(RestAssured.given().get(path).then().statusCode(200).extract().asString().contains("already been used"));
        RestAssured.given().cookie(FeedbackPage.COOKIE, cookie).formParams(Map.of("score", "1", "csrf", csrf, "lang", "en"))
                .post(path).then().statusCode(200);
        assertFalse(text(command(t.id(), t.rep(), "lead show 1")).contains("CSAT 1/5"));

        // expired after 14 days
        String later = link(t, 1);
        clock.set(Instant.parse("2026-12-15T10:00:01Z"));
        assertTrue(RestAssured.given().get(later).then().statusCode(410).extract().asString().contains("expired"));

        // another workspace's link records against that workspace's lead only
        SlackTeam other = SlackTeam.withManager();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        command(other.id(), other.rep(), "lead add \"Other Co\"");
        String otherPath = link(other, 1);
        Response otherPage = RestAssured.given().get(otherPath);
        String otherCsrf = otherPage.asString().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        RestAssured.given().cookie(FeedbackPage.COOKIE, otherPage.cookie(FeedbackPage.COOKIE))
                .formParams(Map.of("score", "3", "csrf", otherCsrf, "lang", "en")).post(otherPath).then().statusCode(200);
        assertTrue(text(command(other.id(), other.rep(), "lead show 1")).contains("CSAT 3/5"));
        assertFalse(text(command(t.id(), t.rep(), "lead show 1")).contains("CSAT 3/5"));
        // a form token is bound to its own link
        RestAssured.given().cookie(FeedbackPage.COOKIE, cookie).formParams(Map.of("score", "3", "csrf", csrf, "lang", "en"))
                .post(link(t, 1)).then().statusCode(403);
    }

    @Test
    void aCustomerAnswersInHeadlessChromiumInChinese() {
        File chromium = new File("/usr/bin/chromium");
        File driverBinary = new File("/usr/bin/chromedriver");
        boolean required = System.getenv("PACER_REQUIRE_BROWSER") != null;
        if (!required) {
            Assumptions.assumeTrue(chromium.canExecute() && driverBinary.canExecute(),
                    "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        }
        SlackTeam t = SlackTeam.withManager();
        command(t.id(), t.rep(), "lead add 华信科技");
        String path = link(t, 1);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN", "--window-size=390,844");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary).build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get("http://localhost:" + RestAssured.port + path);
            String body = browser.findElement(By.tagName("body")).getText();
            assertTrue(body.contains("您对") && body.contains("华信科技"), body);
            // without choosing a score the browser itself asks (required), and nothing is sent
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            assertTrue(browser.getCurrentUrl().endsWith(path));
            browser.findElement(By.cssSelector("label[for=s4]")).click();
            browser.findElement(By.id("comment")).sendKeys("服务很好 <b>谢谢</b>");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.tagName("body")).getText().contains("谢谢！"));
            browser.get("http://localhost:" + RestAssured.port + path + "?lang=en");
            assertTrue(browser.findElement(By.tagName("body")).getText().contains("already been used"));
        } finally {
            browser.quit();
            service.stop();
        }
        String card = text(command(t.id(), t.rep(), "lead show 1"));
        assertTrue(card.contains("CSAT 4/5 — 服务很好 <b>谢谢</b>") || card.contains("CSAT 4/5 — 服务很好 &lt;b&gt;谢谢&lt;/b&gt;"), card);
    }

    @Test
    void onTeamsRepsRecordScoresAndGetLinksToo() {
        String tenant = "tenant-adventureworks";
        String rep = TeamsRequests.newUser();
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        assertTrue(teams(tenant, rep, "lead add \"Teams Customer\"").contains("Teams Customer"));
        assertTrue(teams(tenant, rep, "反馈 1 5 很好").contains("CSAT 5/5"));
        String link = teams(tenant, rep, "feedback link 1 type=nps");
        Matcher matcher = LINK.matcher(link);
        assertTrue(matcher.find(), link);
        assertTrue(RestAssured.given().get(matcher.group(1)).asString().contains("How likely are you to recommend"));
        assertTrue(teams(tenant, rep, "feedback 1 12 type=nps").contains("from 0 to 10"));
    }

    private static String teams(String tenant, String user, String text) {
        var activity = TeamsRequests.message(tenant, user, text);
        TeamsRequests.post(activity).then().statusCode(200);
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities/" + activity.path("id").asText();
        return await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty())
                .get(0).body().toString();
    }

    private static String link(SlackTeam t, int lead) {
        String reply = text(command(t.id(), t.rep(), "feedback link " + lead));
        Matcher matcher = LINK.matcher(reply);
        assertTrue(matcher.find(), reply);
        return matcher.group(1);
    }
}
