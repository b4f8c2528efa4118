package app.pacer.bench;

import app.pacer.it.BenchSupport;
import app.pacer.it.PacerProcess;
import app.pacer.testing.FakePlatforms;
import com.slack.api.app_backend.SlackSignature;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * {@code lead import} of 100,000 rows from CSV and from XLSX, end to end through the page's endpoints: upload and
 * staging, then the background import, until the progress endpoint says done. Target: ≤ 30 s each on two cores,
 * memory flat (peak heap and RSS reported).
 */
class ImportBenchmark {

    static final int ROWS = Integer.getInteger("bench.importRows", 100_000);
    private static final Pattern LINK = Pattern.compile("/imports/([0-9a-f]{64})");

    @Test
    void csvAndXlsx() throws Exception {
        String jdbcUrl = BenchSupport.freshDatabase(BenchSupport.database(), "bench_import");
        Map<String, String> fake = new FakePlatforms().start();
        Map<String, String> env = BenchSupport.pacerEnv(jdbcUrl, fake, "off");
        Path dir = Files.createTempDirectory("pacer-import-bench");
        Path csv = dir.resolve("leads.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("name,company,email,phone,source,stage,value,next_follow_up,notes\n");
            for (int i = 1; i <= ROWS; i++) {
                w.write(row(i, "c").stream().reduce((a, b) -> a + "," + b).orElseThrow() + "\n");
            }
        }
        Path xlsx = dir.resolve("leads.xlsx");
        try (SXSSFWorkbook book = new SXSSFWorkbook(null, 500, false, true); OutputStream out = Files.newOutputStream(xlsx)) {
            var sheet = book.createSheet("Leads");
            var header = sheet.createRow(0);
            String[] names = {"Name", "Company", "Email", "Phone", "Lead Source", "Lead Status", "Annual Revenue", "Next follow-up", "Description"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int i = 1; i <= ROWS; i++) {
                var row = sheet.createRow(i);
                List<String> cells = row(i, "x");
                for (int c = 0; c < cells.size(); c++) {
                    row.createCell(c).setCellValue(cells.get(c));
                }
            }
            book.write(out);
            book.dispose();
        }
        StringBuilder rows = new StringBuilder();
        try (PacerProcess pacer = PacerProcess.start(env, "bench-import")) {
            String team = "TIMPORT" + System.nanoTime();
            for (Path file : List.of(csv, xlsx)) {
                String token = link(pacer.port(), team);
                long[] peakHeap = {0};
                long start = System.nanoTime();
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            peakHeap[0] = Math.max(peakHeap[0], heapUsed(pacer.port()));
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            // a missed sample
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                int status = upload(pacer.port(), token, file);
                double staged = (System.nanoTime() - start) / 1e9;
                if (status != 303) {
                    throw new IllegalStateException("upload answered " + status);
                }
                post(pacer.port(), "/imports/" + token + "/map", "action=import&duplicates=ADD");
                String progress;
                do {
                    Thread.sleep(250);
                    progress = get(pacer.port(), "/imports/" + token + "/progress");
                } while (!progress.contains("\"DONE\"") && (System.nanoTime() - start) / 1e9 < 600);
                double total = (System.nanoTime() - start) / 1e9;
                sampler.interrupt();
                long rss = peakRss(pacer.pid());
                rows.append(String.format(Locale.ROOT, "| lead import, %s (%.1f MB) | %,d rows | upload + staging %.1f s | total %.1f s | peak heap %d MB | peak RSS %d MB | %s |%n",
                        file.getFileName().toString().endsWith("xlsx") ? "XLSX" : "CSV", Files.size(file) / 1e6, ROWS, staged, total,
                        peakHeap[0] / (1024 * 1024), rss / 1024, progress.replace('|', '/')));
            }
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(xlsx);
            Files.deleteIfExists(dir);
        }
        Path report = Path.of("target", "bench", "report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "\n| import (end to end) | rows | staging | total | heap | RSS | result |\n| --- | --- | --- | --- | --- | --- | --- |\n"
                + rows, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(rows);
    }

    private static List<String> row(int i, String tag) {
        String[] stages = {"new", "contacted", "qualified", "proposal", "negotiation", "won", "lost"};
        List<String> cells = new ArrayList<>();
        cells.add((i % 3 == 0 ? "华信科技 " : "Acme Buyer ") + i);
        cells.add(i % 2 == 0 ? "上海华信科技有限公司" : "Acme Ltd " + (i % 97));
        cells.add(tag + "buyer" + i + "@example.com");
        cells.add("139" + String.format("%08d", i));
        cells.add(i % 2 == 0 ? "web" : "referral");
        cells.add(stages[i % stages.length]);
        cells.add(String.valueOf((i % 500) * 100));
        cells.add("2027-0" + (1 + i % 9) + "-1" + (i % 10));
        cells.add(i % 10 == 0 ? "called, wants a demo" : "");
        return cells;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static String link(int port, String team) throws Exception {
        String responseId = UUID.randomUUID().toString();
        String body = "team_id=" + team + "&team_domain=bench&channel_id=C0BENCH&channel_name=bench&user_id=U00000001"
                + "&user_name=rep1&command=%2Fpacer&text=" + URLEncoder.encode("lead import", StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode(FakePlatforms.responseUrl(responseId), StandardCharsets.UTF_8)
                + "&trigger_id=1.2.3";
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signature = new SlackSignature.Generator(FakePlatforms.SIGNING_SECRET).generate(timestamp, body);
        var answer = FakePlatforms.answerAt(responseId);
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = LINK.matcher(answer.get(30, java.util.concurrent.TimeUnit.SECONDS).body().toString());
        if (!m.find()) {
            throw new IllegalStateException("no import link");
        }
        return m.group(1);
    }

    private static int upload(int port, String token, Path file) throws Exception {
        String boundary = "----pacerbench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        var body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/imports/" + token + "/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void post(int port, String path, String form) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** jvm_memory_used_bytes summed over the heap's pools, from Pacer's metrics. */
    private static long heapUsed(int port) throws Exception {
        long sum = 0;
        for (String line : get(port, "/q/metrics").split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The process's peak resident set (VmHWM), in KB. */
    private static long peakRss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
