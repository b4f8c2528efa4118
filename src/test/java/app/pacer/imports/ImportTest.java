package app.pacer.imports;

import static app.pacer.testing.SlackRequests.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import app.pacer.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lead import end to end: the link from chat (Slack and Teams), the upload through the real endpoint, the mapping of
 * every CRM's export, the preview, the background import batch by batch, duplicates, undo, resuming after a stop,
 * and every kind of bad input answered on the page with nothing stored.
 */
@QuarkusTest
class ImportTest {

    private static final Pattern LINK = Pattern.compile("/imports/([0-9a-f]{64})");

    @Inject
    TestClock clock;

    @Inject
    Imports imports;

    @Inject
    ImportWorker worker;

    @Inject
    EntityManager em;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    record Team(String id, String admin, String rep) {
    }

    static Team team() {
        Team t = new Team(SlackRequests.newTeam(), SlackRequests.newUser(), SlackRequests.newUser());
        for (String user : List.of(t.admin(), t.rep())) {
            command(t.id(), user, "settings timezone UTC");
        }
        return t;
    }

    static String token(String reply) {
        Matcher m = LINK.matcher(reply);
        assertTrue(m.find(), reply);
        return m.group(1);
    }

    static String link(Team t, String user) {
        return token(command(t.id(), user, "lead import").toString());
    }

    static byte[] resource(String name) {
        try (InputStream in = ImportTest.class.getResourceAsStream("/imports/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response upload(String token, String filename, byte[] content) {
        return RestAssured.given().redirects().follow(false)
                .multiPart("file", filename, content, filename.endsWith(".xlsx")
                        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv")
                .post("/imports/" + token + "/upload");
    }

    static String page(String token) {
        return RestAssured.given().get("/imports/" + token).then().statusCode(200).extract().asString();
    }

    static Response map(String token, Map<String, String> form) {
        return RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParams(form).post("/imports/" + token + "/map");
    }

    Imports.Job job(String token) {
        return QuarkusTransaction.requiringNew().call(() -> imports.byToken(token)).orElseThrow();
    }

    /** Uploads, checks the redirect to the mapping page, confirms with {@code duplicates}, runs the worker to the end. */
    Imports.Job importFile(String token, String filename, byte[] content, String duplicates) {
        assertEquals(303, upload(token, filename, content).statusCode(), () -> upload(token, filename, content).asString());
        assertEquals(303, map(token, Map.of("action", "import", "duplicates", duplicates)).statusCode());
        worker.runAll(Integer.MAX_VALUE);
        Imports.Job done = job(token);
        assertEquals(Imports.State.DONE, done.state());
        return done;
    }

    long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    long workspace(Team t) {
        return count("SELECT id FROM workspace WHERE external_id = ?1", t.id());
    }

    @Test
    void eachCrmsExportIsMappedByItsHeaders() {
        Team t = team();
        Map<String, List<Field>> expected = new LinkedHashMap<>();
        expected.put("pacer-export.csv", List.of(Field.IGNORE, Field.NAME, Field.COMPANY, Field.EMAIL, Field.PHONE, Field.WECHAT,
                Field.SOURCE, Field.STAGE, Field.VALUE, Field.NEXT, Field.OWNER, Field.LOST_REASON, Field.IGNORE, Field.IGNORE,
                Field.CLOSE, Field.IGNORE, Field.IGNORE, Field.NOTES));
        expected.put("zoho-leads.csv", List.of(Field.IGNORE, Field.OWNER, Field.COMPANY, Field.FIRST_NAME, Field.LAST_NAME,
                Field.EMAIL, Field.PHONE, Field.MOBILE, Field.SOURCE, Field.STAGE, Field.VALUE, Field.NOTES, Field.IGNORE));
        expected.put("hubspot-contacts.csv", List.of(Field.IGNORE, Field.FIRST_NAME, Field.LAST_NAME, Field.EMAIL, Field.PHONE,
                Field.COMPANY, Field.OWNER, Field.STAGE, Field.IGNORE, Field.IGNORE, Field.SOURCE));
        expected.put("pipedrive-persons.csv", List.of(Field.NAME, Field.COMPANY, Field.EMAIL, Field.PHONE, Field.OWNER,
                Field.IGNORE, Field.VALUE, Field.STAGE, Field.CLOSE));
        expected.put("salesforce-leads.csv", List.of(Field.OWNER, Field.FIRST_NAME, Field.LAST_NAME, Field.IGNORE,
                Field.COMPANY, Field.EMAIL, Field.PHONE, Field.MOBILE, Field.SOURCE, Field.STAGE, Field.IGNORE, Field.VALUE,
                Field.NOTES));
        expected.put("fxiaoke-leads-gb18030.csv", List.of(Field.NAME, Field.COMPANY, Field.MOBILE, Field.PHONE, Field.EMAIL,
                Field.WECHAT, Field.SOURCE, Field.STAGE, Field.OWNER, Field.NOTES, Field.IGNORE));
        Map<String, String> firstNames = Map.of("pacer-export.csv", "Acme Buyer", "zoho-leads.csv", "Ted Watson",
                "hubspot-contacts.csv", "Maria Johnson", "pipedrive-persons.csv", "Jane Doe", "salesforce-leads.csv",
                "Bertha Boxer", "fxiaoke-leads-gb18030.csv", "张伟");
        for (var e : expected.entrySet()) {
            String token = link(t, t.admin());
            assertEquals(303, upload(token, e.getKey(), resource(e.getKey())).statusCode(), e.getKey());
            Imports.Job job = job(token);
            assertEquals(e.getValue(), job.mapping(), e.getKey() + " " + job.headers());
            String html = page(token);
            assertTrue(html.contains(firstNames.get(e.getKey())), e.getKey() + ": " + html);
            // every row is clean apart from the unknown owner (a warning: the lead goes to the importer)
            assertTrue(html.contains("2 row(s): 0 with errors"), e.getKey() + ": " + html);
        }
        // Pacer's own export comes back with no mapping, stage names and notes included
        String token = link(t, t.admin());
        Imports.Job done = importFile(token, "pacer-export.csv", resource("pacer-export.csv"), "SKIP");
        assertEquals(2, done.added());
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND name = 'Acme Buyer' AND stage_key = 'qualified'"
                + " AND value = 50000 AND next_follow_up = DATE '2026-12-04' AND wechat = 'acmewx'", workspace(t)));
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND name = '华信科技' AND stage_key = 'qualified'",
                workspace(t)));
        assertEquals(1, count("SELECT count(*) FROM lead_note n JOIN lead l ON l.id = n.lead_id WHERE l.workspace_id = ?1"
                + " AND n.text LIKE '%wants a demo%'", workspace(t)));
        assertEquals(2, count("SELECT count(*) FROM lead_stage_change c JOIN lead l ON l.id = c.lead_id WHERE l.workspace_id = ?1"
                + " AND c.from_stage IS NULL", workspace(t)));
        // searchable like any lead
        assertTrue(command(t.id(), t.admin(), "lead find acme").toString().contains("Acme Buyer"));
    }

    @Test
    void gb18030FromChineseExcelIsReadWithoutMojibake() {
        Team t = team();
        String token = link(t, t.admin());
        Imports.Job done = importFile(token, "线索.csv", resource("fxiaoke-leads-gb18030.csv"), "SKIP");
        assertTrue(done.format().contains("GB18030"), done.format());
        assertEquals(2, done.added());
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND name = '张伟' AND company = '北京华信科技有限公司'"
                + " AND phone = '010-88886666' AND stage_key = 'contacted' AND source = '展会'", workspace(t)));
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND name = '李娜' AND phone = '13900139002'"
                + " AND stage_key = 'new'", workspace(t)));
        // UTF-8 with a BOM, semicolons: the same file as Excel elsewhere saves it
        String utf8 = "\uFEFF姓名;邮箱;金额\n王芳;wf@example.cn;1.2万\n";
        String second = link(t, t.admin());
        Imports.Job semi = importFile(second, "bom.csv", utf8.getBytes(StandardCharsets.UTF_8), "SKIP");
        assertTrue(semi.format().contains("UTF-8") && semi.format().contains(";"), semi.format());
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND name = '王芳' AND value = 12000", workspace(t)));
    }

    static byte[] xlsx(List<List<Object>> rows) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet("Leads");
            var dateStyle = book.createCellStyle();
            dateStyle.setDataFormat(book.createDataFormat().getFormat("m/d/yy"));
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    var cell = row.createCell(c);
                    if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else if (v instanceof java.time.LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(dateStyle);
                    } else {
                        cell.setCellValue(String.valueOf(v));
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void xlsxIsStreamedWithDatesAndFormulasKeptAsText() {
        Team t = team();
        byte[] file = xlsx(List.of(
                List.of("Name", "Email", "Value", "Next follow-up", "Company"),
                List.of("Excel Person", "xl@example.com", 3000, java.time.LocalDate.of(2026, 12, 24), "=HYPERLINK(\"http://evil.example\",\"x\")"),
                List.of("Second Person", "xl2@example.com", 12.5, "2026-12-31", "Plain Co")));
        Imports.Job done = importFile(link(t, t.admin()), "leads.xlsx", file, "SKIP");
        assertEquals("XLSX", done.format());
        assertEquals(2, done.added());
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND name = 'Excel Person' AND value = 3000"
                + " AND next_follow_up = DATE '2026-12-24' AND company = '=HYPERLINK(\"http://evil.example\",\"x\")'", workspace(t)));
    }

    @Test
    void previewShowsEveryProblemAndNothingIsStoredBeforeConfirming() {
        Team t = team();
        command(t.id(), t.admin(), "lead add Existing email=dup@example.com");
        String csv = "name,email,stage,value,next,phone\n"
                + "Good One,good@example.com,new,100,2026-12-01,\n"
                + "Bad Mail,not-an-email,new,,,\n"
                + "Bad Stage,bs@example.com,flying,,,\n"
                + "Bad Value,bv@example.com,,lots,,\n"
                + "Bad Date,bd@example.com,,,31.31.2026,\n"
                + "Dup,DUP@example.com,,,,\n"
                + "Long," + "x".repeat(10_000) + "@example.com,,,,\n"
                + "Long Name " + "n".repeat(10_000) + ",ln@example.com,,,,\n";
        String token = link(t, t.admin());
        assertEquals(303, upload(token, "problems.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode());
        String html = page(token);
        assertTrue(html.contains("doesn&#39;t look like an email") || html.contains("doesn't look like an email"), html);
        assertTrue(html.contains("unknown stage &quot;flying&quot;"), html);
        assertTrue(html.contains("value &quot;lots&quot; is not a number"), html);
        assertTrue(html.contains("date &quot;31.31.2026&quot; is in a format"), html);
        assertTrue(html.contains("same email or phone as lead #1"), html);
        assertTrue(html.contains("Name cut to 200 characters"), html);
        assertTrue(html.contains("8 row(s): 5 with errors"), html);
        // nothing written yet: only the lead added by hand
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1", workspace(t)));
        // the member changes a mapping: stage ignored, so "flying" is no longer a problem
        Map<String, String> form = new LinkedHashMap<>();
        form.put("col0", "name");
        form.put("col1", "email");
        form.put("col2", "ignore");
        form.put("col3", "value");
        form.put("col4", "next");
        form.put("col5", "phone");
        form.put("duplicates", "SKIP");
        form.put("action", "preview");
        assertEquals(303, map(token, form).statusCode());
        html = page(token);
        assertTrue(html.contains("8 row(s): 4 with errors") && !html.contains("flying&quot; (stages"), html);
        form.put("action", "import");
        map(token, form);
        worker.runAll(Integer.MAX_VALUE);
        Imports.Job done = job(token);
        assertEquals(3, done.added()); // Good One, Bad Stage (stage ignored), Long Name (cut)
        assertEquals(1, done.skipped());
        assertEquals(4, done.failed());
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND length(name) = 200", workspace(t)));
        // the failed rows' CSV says why, and the member was told in chat
        String failures = RestAssured.given().get("/imports/" + token + "/failures.csv").then().statusCode(200).extract().asString();
        assertTrue(failures.contains("Bad Mail") && failures.contains("not a number") && failures.contains("skipped"), failures);
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE idempotency_key = ?1", "import:" + done.id() + ":done"));
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE workspace_id = ?1 AND action = 'IMPORT'", workspace(t)));
        assertTrue(page(token).contains("finished: 3 added, 0 updated, 1 skipped, 4 failed"));
    }

    @Test
    void badFilesAreExplainedOnThePageAndNothingIsStored() throws Exception {
        Team t = team();
        String token = link(t, t.admin());
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("empty.csv", new byte[0]);
        bad.put("headers.csv", "name,email\n".getBytes(StandardCharsets.UTF_8));
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        binary[10] = 0;
        bad.put("photo.csv", binary);
        bad.put("old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0});
        bad.put("bomb.xlsx", zipBomb());
        bad.put("broken.xlsx", new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        Map<String, String> says = Map.of("empty.csv", "This file is empty", "headers.csv", "no leads under it",
                "photo.csv", "look like a spreadsheet", "old.xls", "old Excel .xls", "bomb.xlsx", "refused as unsafe",
                "broken.xlsx", "can&#39;t be read");
        for (var e : bad.entrySet()) {
            Response response = upload(token, e.getKey(), e.getValue());
            assertEquals(400, response.statusCode(), e.getKey() + ": " + response.asString());
            assertTrue(response.asString().contains(says.get(e.getKey())), e.getKey() + ": " + response.asString());
            assertEquals(Imports.State.NEW, job(token).state());
        }
        assertEquals(0, count("SELECT count(*) FROM lead_import_row WHERE workspace_id = ?1", workspace(t)));
        assertEquals(0, count("SELECT count(*) FROM lead WHERE workspace_id = ?1", workspace(t)));
        // unknown, expired, and anything after a token are plain 404s
        RestAssured.given().get("/imports/" + "0".repeat(64)).then().statusCode(404);
        assertEquals(404, upload("0".repeat(64), "a.csv", "name\nA\n".getBytes(StandardCharsets.UTF_8)).statusCode());
        RestAssured.given().get("/imports/" + "0".repeat(64) + "/progress").then().statusCode(404);
        clock.set(Instant.now().plus(Duration.ofMinutes(61)));
        RestAssured.given().get("/imports/" + token).then().statusCode(404);
        assertEquals(404, upload(token, "a.csv", "name\nA\n".getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    /** A real workbook whose sheet inflates a thousand-fold: the kind of file that takes a server down. */
    static byte[] zipBomb() throws IOException {
        byte[] real = xlsx(List.of(List.of("name"), List.of("A")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(real)); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    zip.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                            .getBytes(StandardCharsets.UTF_8));
                    byte[] spaces = new byte[1024 * 1024];
                    java.util.Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 64; i++) {
                        zip.write(spaces);
                    }
                    zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                } else {
                    zip.write(in.readAllBytes());
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void duplicatesAreSkippedUpdatedOrAddedAsChosenAndUndoTakesTheImportBack() {
        Team t = team();
        command(t.id(), t.admin(), "lead add \"Old Name\" email=same@example.com value=100");
        command(t.id(), t.admin(), "lead add Phoned phone=13800138000");
        String csv = "name,email,phone,value\nNew Name,SAME@example.com,,900\nBy Phone,,+86 138-0013-8000,\nFresh,fresh@example.com,,\n";
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        long ws = workspace(t);
        Imports.Job skipped = importFile(link(t, t.admin()), "d.csv", file, "SKIP");
        assertEquals(List.of(1, 0, 2), List.of(skipped.added(), skipped.updated(), skipped.skipped()));
        Imports.Job updated = importFile(link(t, t.admin()), "d.csv", file, "UPDATE");
        // "Fresh" came in with the first import, so it is a duplicate now too
        assertEquals(List.of(0, 3, 0), List.of(updated.added(), updated.updated(), updated.skipped()));
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND number = 1 AND name = 'New Name' AND value = 900", ws));
        Imports.Job added = importFile(link(t, t.admin()), "d.csv", file, "ADD");
        assertEquals(3, added.added());
        assertEquals(6, count("SELECT count(*) FROM lead WHERE workspace_id = ?1", ws));
        // undo the update: #1 is as it was; undo the add: its three leads are gone
        String undo = command(t.id(), t.admin(), "lead import undo " + updated.id()).toString();
        assertTrue(undo.contains("undone") && undo.contains("3 restored"), undo);
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND number = 1 AND name = 'Old Name' AND value = 100", ws));
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND number = 2 AND name = 'Phoned'", ws));
        assertTrue(command(t.id(), t.admin(), "lead import undo " + updated.id()).toString().contains("already been undone"));
        // someone else's import: a rep may not undo it; another workspace's is not found
        assertTrue(command(t.id(), t.rep(), "lead import undo " + added.id()).toString().contains("someone else"));
        assertTrue(command(SlackRequests.newTeam(), SlackRequests.newUser(), "lead import undo " + added.id()).toString()
                .contains("There is no import"));
        assertTrue(command(t.id(), t.admin(), "lead import undo " + added.id()).toString().contains("3 lead(s) removed"));
        assertEquals(3, count("SELECT count(*) FROM lead WHERE workspace_id = ?1", ws));
        assertEquals(2, count("SELECT count(*) FROM audit_event WHERE workspace_id = ?1 AND action = 'IMPORT_UNDO'", ws));
        // after 7 days it is too late
        clock.set(Instant.now().plus(Duration.ofDays(8)));
        assertTrue(command(t.id(), t.admin(), "lead import undo " + skipped.id()).toString().contains("more than 7 days"));
    }

    @Test
    void anImportStoppedAfterABatchResumesWhereItCommittedWithoutDuplicates() {
        Team t = team();
        StringBuilder csv = new StringBuilder("name,email\n");
        for (int i = 1; i <= 2500; i++) {
            csv.append("Person ").append(i).append(",p").append(i).append("@bulk.example\n");
        }
        String token = link(t, t.admin());
        assertEquals(303, upload(token, "bulk.csv", csv.toString().getBytes(StandardCharsets.UTF_8)).statusCode());
        map(token, Map.of("action", "import", "duplicates", "SKIP"));
        // the worker stops after one batch (a crash, a deploy): one batch committed, the import still running
        assertEquals(1, worker.runAll(1));
        Imports.Job stopped = job(token);
        assertEquals(Imports.State.RUNNING, stopped.state());
        assertEquals(1000, stopped.done());
        assertEquals(1000, count("SELECT count(*) FROM lead WHERE workspace_id = ?1", workspace(t)));
        String progress = RestAssured.given().get("/imports/" + token + "/progress").then().statusCode(200).extract().asString();
        assertTrue(progress.contains("\"done\":1000") && progress.contains("\"state\":\"RUNNING\""), progress);
        // not yet stale: nobody takes it over
        assertEquals(0, worker.runAll(Integer.MAX_VALUE));
        // its heartbeat goes stale: the next worker resumes after the committed batch
        clock.set(Instant.now().plus(ImportWorker.STALE).plusSeconds(5));
        worker.runAll(Integer.MAX_VALUE);
        Imports.Job done = job(token);
        assertEquals(Imports.State.DONE, done.state());
        assertEquals(2500, done.added());
        assertEquals(2500, count("SELECT count(DISTINCT email_norm) FROM lead WHERE workspace_id = ?1", workspace(t)));
        assertEquals(2500, count("SELECT count(*) FROM lead WHERE workspace_id = ?1", workspace(t)));
        assertEquals(2500, count("SELECT count(DISTINCT number) FROM lead WHERE workspace_id = ?1", workspace(t)));
    }

    @Test
    void expectedCloseIsStoredOnAddAndOnUpdateAndUndoPutsItBack() {
        Team t = team();
        command(t.id(), t.admin(), "lead add Closer email=closer@example.com close=2026-12-20");
        long ws = workspace(t);
        String csv = "name,email,expected close date\nCloser,closer@example.com,2027-01-15\nNew Closer,new@example.com,2027/2/1\n";
        Imports.Job done = importFile(link(t, t.admin()), "close.csv", csv.getBytes(StandardCharsets.UTF_8), "UPDATE");
        assertEquals(List.of(1, 1), List.of(done.added(), done.updated()));
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND name = 'Closer'"
                + " AND expected_close = DATE '2027-01-15'", ws));
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND name = 'New Closer'"
                + " AND expected_close = DATE '2027-02-01'", ws));
        // a row without a close date leaves the lead's as it is
        Imports.Job none = importFile(link(t, t.admin()), "none.csv", "name,email\nCloser,closer@example.com\n"
                .getBytes(StandardCharsets.UTF_8), "UPDATE");
        assertEquals(1, none.updated());
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND expected_close = DATE '2027-01-15'", ws));
        // undo restores the date from the before-image
        String undo = command(t.id(), t.admin(), "lead import undo " + done.id()).toString();
        assertTrue(undo.contains("1 restored"), undo);
        assertEquals(1, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND name = 'Closer'"
                + " AND expected_close = DATE '2026-12-20'", ws));
        assertEquals(0, count("SELECT count(*) FROM lead WHERE workspace_id = ?1 AND name = 'New Closer'", ws));
    }

    /** The leads of a workspace in number order, as the columns an export carries (values without trailing zeros). */
    List<List<String>> leadsOf(long workspaceId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("""
                    SELECT name, company, email, phone, wechat, source, stage_key, value, next_follow_up, expected_close,
                           lost_reason,
                           (SELECT string_agg(n.text, '|' ORDER BY n.id) FROM lead_note n WHERE n.lead_id = l.id)
                    FROM lead l WHERE workspace_id = ?1 ORDER BY number""").setParameter(1, workspaceId).getResultList();
            return rows.stream().map(r -> java.util.Arrays.stream((Object[]) r).map(v -> v == null ? ""
                    : v instanceof java.math.BigDecimal b ? b.stripTrailingZeros().toPlainString() : v.toString()).toList()).toList();
        });
    }

    @Test
    void pacersOwnExportImportsIntoAFreshWorkspaceAsItWas() throws IOException {
        Team from = team();
        String marker = "Roundtrip-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        command(from.id(), from.admin(), "lead add \"Acme Buyer\" company=" + marker + " email=buyer@acme.example"
                + " phone=\"+1 415 555 0101\" wechat=acmewx source=web value=50k close=2027-01-31");
        command(from.id(), from.admin(), "lead stage 1 qualified");
        command(from.id(), from.admin(), "lead note 1 called, wants a demo");
        command(from.id(), from.admin(), "lead note 1 demo booked for Friday");
        command(from.id(), from.admin(), "lead add 华信科技 company=华信科技有限公司 phone=\"+86 138 0013 8000\" value=12000");
        command(from.id(), from.admin(), "lead add \"-Dash Name\" company=\"=Formula Co\" email=dash@example.com close=2026-12-24");
        command(from.id(), from.admin(), "lead stage 3 lost went elsewhere");
        assertTrue(command(from.id(), from.admin(), "lead export").toString().contains("3 lead(s)"));
        byte[] csv = await().atMost(Duration.ofSeconds(10)).until(() -> FakePlatforms.UPLOADS.values().stream()
                .filter(b -> new String(b, StandardCharsets.UTF_8).contains(marker)).findFirst(), java.util.Optional::isPresent).get();
        List<org.apache.commons.csv.CSVRecord> exported = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).build().parse(new java.io.StringReader(new String(csv, StandardCharsets.UTF_8)
                        .substring(1))).getRecords();

        Team to = team();
        String token = link(to, to.admin());
        Imports.Job done = importFile(token, "pacer-leads.csv", csv, "SKIP"); // no mapping changed
        assertEquals(List.of(3, 0, 0), List.of(done.added(), done.skipped(), done.failed()));
        List<List<String>> before = leadsOf(workspace(from));
        List<List<String>> after = leadsOf(workspace(to));
        assertEquals(3, after.size());
        for (int i = 0; i < before.size(); i++) {
            // everything but the notes as it was; the notes come as one note, the export's field (dates and authors kept)
            assertEquals(before.get(i).subList(0, 11), after.get(i).subList(0, 11), "lead " + (i + 1));
            assertEquals(exported.get(i).get("notes"), after.get(i).get(11), "lead " + (i + 1));
        }
        assertTrue(after.get(0).get(11).contains("called, wants a demo") && after.get(0).get(11).contains("demo booked for Friday"),
                after.get(0).toString());
        assertEquals(List.of("Acme Buyer", marker, "buyer@acme.example", "+1 415 555 0101", "acmewx", "web", "qualified",
                "50000", "", "2027-01-31", ""), after.get(0).subList(0, 11));
        assertEquals(List.of("-Dash Name", "=Formula Co"), after.get(2).subList(0, 2), "the export's formula guard is taken off");
        assertEquals("went elsewhere", after.get(2).get(10));
    }

    @Test
    void teamsMembersGetTheSameLinkInTheirLanguage() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(2);
        String user = TeamsRequests.newUser();
        TeamsRequests.post(TeamsRequests.message(tenant, user, "settings language zh")).then().statusCode(200);
        var ask = TeamsRequests.message(tenant, user, "客户 导入");
        TeamsRequests.post(ask).then().statusCode(200);
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities/" + ask.path("id").asText();
        String reply = await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.calls("POST", path), l -> !l.isEmpty())
                .get(0).body().toString();
        String token = token(reply);
        String html = page(token);
        assertTrue(html.contains("导入客户") && html.contains("lang=\"zh-CN\""), html);
        assertFalse(html.contains("Import leads"), html);
    }

}
