package app.pacer.bench;

import app.pacer.db.EmbeddedDatabase;
import app.pacer.it.PacerProcess;
import app.pacer.testing.FakePlatforms;
import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code progress team} and {@code leaderboard} for a team of 500 with 1,000,000 log entries, measured end to
 * end: a signed slash command in, until Pacer's answer reaches the response_url. Target: p95 under 50 ms.
 */
class ProgressBenchmark {

    static final int MEMBERS = 500;
    static final int ENTRIES = Integer.getInteger("bench.entries", 1_000_000);
    static final int RUNS = 300;
    static final int WARM_UP = 100;

    @Test
    void progressAndLeaderboard() throws Exception {
        String jdbcUrl = app.pacer.it.BenchSupport.database();
        Map<String, String> fake = new FakePlatforms().start();
        Map<String, String> env = app.pacer.it.BenchSupport.pacerEnv(jdbcUrl, fake, "off");
        List<String> plans = new ArrayList<>();
        try (PacerProcess pacer = PacerProcess.start(env, "bench-progress")) {
            String team = "TPROG" + System.nanoTime();
            seed(jdbcUrl, team);
            plans.addAll(plans(jdbcUrl));
            StringBuilder rows = new StringBuilder();
            for (String command : List.of("progress team month", "leaderboard deals month", "progress me month",
                    "progress team year", "leaderboard deals year")) {
                double[] stats = app.pacer.it.BenchSupport.measure(pacer.port(), team, "U00000001", command, RUNS, WARM_UP);
                rows.append(String.format(Locale.ROOT, "| %s | %,d members, %,d entries | p50 %.1f ms | p95 %.1f ms | max %.1f ms | %d runs |%n",
                        command, MEMBERS, ENTRIES, stats[0], stats[1], stats[2], RUNS));
            }
            Path report = Path.of("target", "bench", "report.md");
            Files.createDirectories(report.getParent());
            Files.writeString(report, "\n| command (end to end) | data | p50 | p95 | max | runs |\n| --- | --- | --- | --- | --- | --- |\n"
                    + rows + "\nQuery plans relied on:\n\n```\n" + String.join("\n", plans) + "\n```\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.print(rows);
        }
    }

    private static void seed(String jdbcUrl, String team) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO workspace (platform, external_id, name) VALUES ('SLACK', '" + team + "', 'Bench')");
            s.execute("""
                    INSERT INTO member (workspace_id, platform_user_id, display_name, role, time_zone, profile_refreshed_at,
                                        contacted_at, created_at, updated_at, nudge_enabled)
                    SELECT w.id, 'U' || lpad(i::text, 8, '0'), 'Rep ' || i, CASE WHEN i = 1 THEN 'ADMIN' ELSE 'REP' END,
                           'UTC', now(), now(), now() - interval '3 years', now(), false
                    FROM workspace w, generate_series(1, %d) i WHERE w.external_id = '%s'""".formatted(MEMBERS, team));
            s.execute("""
                    INSERT INTO log_entry (workspace_id, member_id, metric_key, amount, local_date, logged_by, created_at)
                    SELECT w.id, m.min_id + (i %% %d), (ARRAY['revenue','deals','customers','calls','meetings'])[1 + (i / 730) %% 5],
                           1 + (i %% 7), current_date - ((i::bigint * 7919) %% 730)::int, m.min_id + (i %% %d), now()
                    FROM workspace w,
                         LATERAL (SELECT min(id) AS min_id FROM member WHERE workspace_id = w.id) m,
                         generate_series(1, %d) i
                    WHERE w.external_id = '%s'""".formatted(MEMBERS, MEMBERS, ENTRIES, team));
            s.execute("""
                    INSERT INTO target (workspace_id, metric_key, period, period_start, member_id, amount, set_by)
                    SELECT w.id, k, 'MONTH', date_trunc('month', current_date)::date, NULL, 5000, m.id
                    FROM workspace w JOIN member m ON m.workspace_id = w.id AND m.role = 'ADMIN',
                         unnest(ARRAY['revenue','deals','calls']) k WHERE w.external_id = '%s'""".formatted(team));
            s.execute("""
                    INSERT INTO target (workspace_id, metric_key, period, period_start, member_id, amount, set_by)
                    SELECT w.id, 'deals', 'MONTH', date_trunc('month', current_date)::date, m.id, 20, m.id
                    FROM workspace w JOIN member m ON m.workspace_id = w.id WHERE w.external_id = '%s'""".formatted(team));
            // what autovacuum does in production: visibility map for index-only scans, statistics for the planner
            s.execute("VACUUM ANALYZE");
        }
    }

    private static List<String> plans(String jdbcUrl) throws Exception {
        List<String> lines = new ArrayList<>();
        String[] queries = {
            "SELECT metric_key, sum(total) FROM log_team_daily WHERE workspace_id = (SELECT max(id) FROM workspace) "
                    + "AND local_date BETWEEN date_trunc('year', current_date)::date AND current_date GROUP BY metric_key",
            "SELECT member_id, sum(amount) FROM log_entry WHERE workspace_id = (SELECT max(id) FROM workspace) AND metric_key = 'deals' "
                    + "AND local_date BETWEEN date_trunc('year', current_date)::date AND current_date AND undone_at IS NULL GROUP BY member_id"};
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            for (String q : queries) {
                lines.add("-- " + q);
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + q)) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
            }
        }
        return lines;
    }
}
