package app.pacer.imports;

import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The import page as a member uses it, in headless Chromium: the link from {@code lead import} (a signed Slack
 * request), the upload of a sample CRM export, the mapping and the preview with a row's problem, one mapping
 * changed, confirm, the progress page refreshing itself to done, and the leads in Pacer. Then the page of a
 * member who speaks Chinese.
 */
@QuarkusTest
class ImportBrowserTest {

    private static WebDriver browser;
    private static ChromeDriverService service;

    @Inject
    ImportWorker worker;

    @Inject
    EntityManager em;

    @BeforeAll
    static void startBrowser() {
        File chromium = new File("/usr/bin/chromium");
        File driverBinary = new File("/usr/bin/chromedriver");
        if (System.getenv("PACER_REQUIRE_BROWSER") == null) {
            Assumptions.assumeTrue(chromium.canExecute() && driverBinary.canExecute(),
                    "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US",
                "--window-size=1180,900");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void aMemberUploadsMapsPreviewsAndImportsInTheBrowser() throws URISyntaxException {
        ImportTest.Team t = ImportTest.team();
        String token = ImportTest.link(t, t.rep());
        browser.get("http://localhost:" + RestAssured.port + "/imports/" + token);
        assertTrue(text("h1").contains("Import leads"), text("body"));

        // the file input takes a path on this machine: Pipedrive's sample, whose owner is nobody in this team
        browser.findElement(By.id("file")).sendKeys(sample("pipedrive-persons.csv").toString());
        browser.findElement(By.id("upload")).click();
        waitFor(By.id("mapping"));
        assertTrue(text(".file").contains("pipedrive-persons.csv"), text(".file"));
        // the mapping, guessed from Pipedrive's headers
        assertEquals("name", selected("col0"));
        assertEquals("company", selected("col1"));
        assertEquals("ignore", selected("col5")); // Person - Label
        assertEquals("close", selected("col8")); // Deal - Expected close date
        // the preview: both rows as they will be stored, the unknown owner a problem of row 1
        String preview = text("#preview");
        assertTrue(preview.contains("Jane Doe") && preview.contains("Bob Smith") && preview.contains("15000"), preview);
        assertTrue(text("#summary").contains("2 row(s): 0 with errors (not imported), 1 with warnings"), text("#summary"));
        String problems = text("#problems");
        assertTrue(problems.contains("Row 1") && problems.contains("owner \"Nobody Known\" not found"), problems);
        assertFalse(preview.contains("Hot lead"), preview);

        // the member makes Pipedrive's label the lead's note and looks again
        browser.findElement(By.cssSelector("#col5 option[value=notes]")).click();
        browser.findElement(By.id("refresh")).click();
        waitUntil(d -> text("#preview").contains("Hot lead"));
        assertEquals("notes", selected("col5"));
        assertEquals(0, leads(t, "Jane Doe"), "nothing is stored before confirming");

        browser.findElement(By.id("confirm")).click();
        waitFor(By.id("bar"));
        assertTrue(text("#state").contains("Importing"), text("body"));
        // the worker's tick is off in tests: run it; the page polls its progress and shows the result
        worker.runAll(Integer.MAX_VALUE);
        WebElement done = waitFor(By.id("done"));
        assertTrue(done.getText().contains("2 added, 0 updated, 0 skipped, 0 failed"), done.getText());

        String list = command(t.id(), t.rep(), "lead list").toString();
        assertTrue(list.contains("Jane Doe") && list.contains("Bob Smith"), list);
        assertEquals(1, leads(t, "Jane Doe"));
        long noted = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT count(*) FROM lead_note n JOIN lead l ON l.id = n.lead_id JOIN workspace w ON w.id = l.workspace_id
                WHERE w.external_id = ?1 AND l.name = 'Jane Doe' AND n.text = 'Hot lead'""")
                .setParameter(1, t.id()).getSingleResult()).longValue());
        assertEquals(1, noted, "the remapped column became the note");
    }

    @Test
    void aMemberWhoSpeaksChineseGetsThePageInChinese() throws URISyntaxException {
        ImportTest.Team t = ImportTest.team();
        command(t.id(), t.rep(), "settings language zh");
        String token = ImportTest.link(t, t.rep());
        browser.get("http://localhost:" + RestAssured.port + "/imports/" + token);
        browser.findElement(By.id("file")).sendKeys(sample("pipedrive-persons.csv").toString());
        assertEquals("上传并预览", browser.findElement(By.id("upload")).getText());
        browser.findElement(By.id("upload")).click();
        waitFor(By.id("mapping"));
        assertTrue(text("#mapping").contains("导入为"), text("#mapping"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static Path sample(String name) throws URISyntaxException {
        return Path.of(ImportBrowserTest.class.getResource("/imports/" + name).toURI()).toAbsolutePath();
    }

    private long leads(ImportTest.Team t, String name) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM lead l JOIN workspace w ON w.id = l.workspace_id WHERE w.external_id = ?1 AND l.name = ?2")
                .setParameter(1, t.id()).setParameter(2, name).getSingleResult()).longValue());
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static String selected(String id) {
        return browser.findElement(By.id(id)).getDomProperty("value");
    }

    private static WebElement waitFor(By by) {
        return waitUntil(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Waits until {@code condition} gives something other than null or false (Awaitility, as the other browser tests). */
    private static <T> T waitUntil(Function<WebDriver, T> condition) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(150)).ignoreExceptions()
                .until(() -> condition.apply(browser), v -> v != null && !Boolean.FALSE.equals(v));
    }
}
