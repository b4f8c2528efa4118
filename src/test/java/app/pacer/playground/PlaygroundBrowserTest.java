package app.pacer.playground;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The playground as a newcomer uses it, in headless Chromium: help, a target, progress, the lead form, a button,
 * time travel to the morning nudge and the team digest in the channel, then the same in the Teams look.
 * Screenshots go to {@code target/playground-screenshots/}.
 */
@QuarkusTest
@TestProfile(PlaygroundProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaygroundBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "playground-screenshots");
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        File chromium = new File("/usr/bin/chromium");
        File driverBinary = new File("/usr/bin/chromedriver");
        if (System.getenv("PACER_REQUIRE_BROWSER") == null) {
            Assumptions.assumeTrue(chromium.canExecute() && driverBinary.canExecute(),
                    "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        }
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US",
                "--window-size=1180,760", "--hide-scrollbars");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary).build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1180, 760));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void slackLook() throws IOException {
        open("slack", "alex");
        type("help");
        WebElement help = botMessageContaining("What Pacer can do");
        assertTrue(help.findElements(By.cssSelector(".bk-section")).size() > 1, "help is rendered from Block Kit sections");
        shot("01-slack-help");

        type("target set deals 10 week");
        botMessageContaining("Target set");
        type("log 3 deals");
        botMessageContaining("Logged");
        type("progress");
        WebElement progress = botMessageContaining("▓");
        assertTrue(progress.getText().contains("30%"), progress.getText());
        shot("02-slack-target-log-progress");

        type("lead add");
        WebElement modal = waitFor(By.cssSelector("#modal-backdrop:not([hidden]) #modal"));
        assertTrue(modal.getText().contains("New lead"), modal.getText());
        modal.findElement(By.id("in-name")).sendKeys("Acme Robotics");
        modal.findElement(By.id("in-email")).sendKeys("not an email");
        shot("03-slack-lead-form");
        browser.findElement(By.id("modal-submit")).click();
        wait(Duration.ofSeconds(15)).until(d -> !d.findElement(By.cssSelector("#modal .bk-error")).getText().isEmpty()
                || d.findElements(By.cssSelector("#modal-body .bk-error")).stream().anyMatch(e -> !e.getText().isEmpty()));
        WebElement email = browser.findElement(By.id("in-email"));
        email.clear();
        email.sendKeys("buyer@acme.example");
        browser.findElement(By.id("modal-submit")).click();
        wait(Duration.ofSeconds(15)).until(d -> d.findElement(By.id("modal-backdrop")).getAttribute("hidden") != null);
        WebElement lead = botMessageContaining("Acme Robotics");
        shot("04-slack-lead-added");

        // a button on Pacer's reply comes back as a block_actions click
        int before = botMessages().size();
        List<WebElement> buttons = lead.findElements(By.cssSelector("button.bk-button"));
        if (buttons.isEmpty()) {
            type("lead show 1");
            buttons = botMessageContaining("Acme Robotics").findElements(By.cssSelector("button.bk-button"));
        }
        assertTrue(!buttons.isEmpty(), "the lead has buttons");
        buttons.get(0).click();
        wait(Duration.ofSeconds(15)).until(d -> botMessages().size() > before
                || d.findElement(By.id("modal-backdrop")).isDisplayed());
        shot("05-slack-button-clicked");
        if (browser.findElement(By.id("modal-backdrop")).isDisplayed()) {
            browser.findElement(By.id("modal-close")).click();
        }

        browser.findElement(By.id("time-travel")).click();
        waitFor(By.xpath("//div[contains(@class,'notice') and contains(., 'Time travel')]"));
        WebElement nudge = botMessageContaining("Good morning");
        assertTrue(nudge.getText().contains("Alex"), nudge.getText());
        scrollToBottom();
        shot("06-slack-time-travel-nudge");

        WebElement digest = digestInTheChannel();
        assertTrue(digest.getText().contains("The team"), digest.getText());
        waitFor(By.xpath("//div[@id='channel-feed']/div[contains(@class,'notice') and contains(., 'team digest of')]"));
        shot("07-slack-digest-in-channel");
        browser.findElement(By.id("open-dm")).click();
    }

    @Test
    @Order(2)
    void teamsLook() throws IOException {
        open("teams", "wei");
        type("帮助");
        WebElement help = botMessageContaining("Pacer");
        assertTrue(!help.findElements(By.cssSelector(".ac-card")).isEmpty(), "help is rendered from an Adaptive Card");
        type("log");
        WebElement form = wait(Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector(".ac-card")).stream()
                .filter(c -> !c.findElements(By.cssSelector("[data-input-id]")).isEmpty()).reduce((a, b) -> b).orElse(null));
        shot("08-teams-log-form");
        List<WebElement> inputs = form.findElements(By.cssSelector("[data-input-id]"));
        for (WebElement input : inputs) {
            String id = input.getAttribute("data-input-id");
            if (input.getTagName().equals("select") && input.getAttribute("value").isEmpty()) {
                input.findElements(By.tagName("option")).get(1).click();
            } else if ("amount".equals(id) || input.getAttribute("type").equals("number")) {
                input.clear();
                input.sendKeys("2");
            }
        }
        form.findElement(By.cssSelector("button.ac-button")).click();
        botMessageContaining("已记录");
        shot("09-teams-logged");

        browser.findElement(By.id("time-travel")).click();
        waitFor(By.xpath("//div[@id='feed']/div[contains(@class,'notice') and contains(., '时间穿越')]"));
        digestInTheChannel();
        shot("10-teams-digest-in-channel");
        browser.findElement(By.id("open-dm")).click();
    }

    @Test
    @Order(3)
    void readmeScreenshot() throws IOException {
        open("slack", "sam");
        type("target set calls 50 week");
        botMessageContaining("Target set");
        type("log 12 calls");
        botMessageContaining("Logged");
        type("progress");
        botMessageContaining("▓");
        scrollToBottom();
        shot("readme");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static void open(String platform, String member) {
        browser.get("http://localhost:" + RestAssured.port + "/playground?platform=" + platform + "&member=" + member + "&lang=en");
        wait(Duration.ofSeconds(60)).until(d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-live")));
    }

    private static void type(String text) {
        WebElement input = browser.findElement(By.id("text"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    private static List<WebElement> botMessages() {
        return browser.findElements(By.cssSelector("#feed .msg.bot"));
    }

    /**
     * After time travel, seen from the DM: the team channel's badge counts the digest that arrived there; opening
     * the channel shows it. Returns the digest.
     */
    private static WebElement digestInTheChannel() {
        wait(Duration.ofSeconds(30)).until(d -> d.findElement(By.cssSelector("#open-channel .badge")).isDisplayed());
        browser.findElement(By.id("open-channel")).click();
        WebElement digest = messageContaining("#channel-feed .msg.bot", "Team digest", Duration.ofSeconds(10));
        assertTrue(browser.findElement(By.id("feed")).getAttribute("hidden") != null, "the DM is hidden");
        assertTrue(browser.findElement(By.id("chat-title")).getText().toLowerCase().contains("sales"),
                browser.findElement(By.id("chat-title")).getText());
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(true);", digest);
        return digest;
    }

    /** The newest reply from Pacer containing {@code text}, waiting for it. */
    private static WebElement botMessageContaining(String text) {
        return messageContaining("#feed .msg.bot", text, Duration.ofSeconds(20));
    }

    private static WebElement messageContaining(String selector, String text, Duration timeout) {
        return wait(timeout).until(d -> {
            List<WebElement> messages = browser.findElements(By.cssSelector(selector));
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).getText().contains(text)) {
                    return messages.get(i);
                }
            }
            return null;
        });
    }

    private static WebElement waitFor(By by) {
        return wait(Duration.ofSeconds(20)).until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Waits until {@code condition} gives something other than null or false (Awaitility: no extra Selenium jar). */
    private static Waiting wait(Duration timeout) {
        return new Waiting(timeout);
    }

    private record Waiting(Duration timeout) {
        <T> T until(Function<WebDriver, T> condition) {
            return await().atMost(timeout).pollInterval(Duration.ofMillis(150)).ignoreExceptions()
                    .until(() -> condition.apply(browser), v -> v != null && !Boolean.FALSE.equals(v));
        }
    }

    private static void scrollToBottom() {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("const f=document.getElementById('feed');f.scrollTop=f.scrollHeight;");
    }

    private static void shot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
