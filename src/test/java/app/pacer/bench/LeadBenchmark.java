package app.pacer.bench;

import app.pacer.it.BenchSupport;
import app.pacer.it.PacerProcess;
import app.pacer.testing.FakePlatforms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code lead list team overdue} and {@code lead find} over 200,000 leads, end to end. Target: p95 under 50 ms. */
class LeadBenchmark {

    static final int MEMBERS = 500;
    static final int LEADS = Integer.getInteger("bench.leads", 200_000);
    static final int RUNS = 300;
    static final int WARM_UP = 100;
    /** Follow-ups are spread over 120 days, this many of them in the past: 15 puts 1 lead in 8 overdue. */
    static final int OVERDUE_DAYS = Integer.getInteger("bench.overdueDays", 15);

    @Test
    void listAndFind() throws Exception {
        String jdbcUrl = BenchSupport.database();
        Map<String, String> fake = new FakePlatforms().start();
        Map<String, String> env = app.pacer.it.BenchSupport.pacerEnv(jdbcUrl, fake, "off");
        try (PacerProcess pacer = PacerProcess.start(env, "bench-leads")) {
            String team = "TLEAD" + System.nanoTime();
            seed(jdbcUrl, team);
            StringBuilder rows = new StringBuilder();
            for (String command : List.of("lead list team overdue", "lead list overdue", "lead find acme", "lead find 华信",
                    "lead find 13800138123", "lead find 1380013")) {
                double[] stats = BenchSupport.measure(pacer.port(), team, "U00000001", command, RUNS, WARM_UP);
                rows.append(String.format(Locale.ROOT, "| %s | %,d leads (%d/120 of follow-ups overdue), %,d members | p50 %.1f ms | p95 %.1f ms | max %.1f ms | %d runs |%n",
                        command, LEADS, OVERDUE_DAYS, MEMBERS, stats[0], stats[1], stats[2], RUNS));
            }
            Path report = Path.of("target", "bench", "report.md");
            Files.createDirectories(report.getParent());
            Files.writeString(report, "\n| command (end to end) | data | p50 | p95 | max | runs |\n| --- | --- | --- | --- | --- | --- |\n"
                    + rows, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.print(rows);
        }
    }

    private static void seed(String jdbcUrl, String team) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO workspace (platform, external_id, name, lead_seq) VALUES ('SLACK', '" + team + "', 'Bench', " + LEADS + ")");
            s.execute("""
                    INSERT INTO member (workspace_id, platform_user_id, display_name, role, time_zone, profile_refreshed_at,
                                        contacted_at, created_at, updated_at, nudge_enabled)
                    SELECT w.id, 'U' || lpad(i::text, 8, '0'), 'Rep ' || i, CASE WHEN i = 1 THEN 'ADMIN' ELSE 'REP' END,
                           'UTC', now(), now(), now() - interval '1 year', now(), false
                    FROM workspace w, generate_series(1, %d) i WHERE w.external_id = '%s'""".formatted(MEMBERS, team));
            // names mix English words and Chinese company names; the search vector holds what SearchTokens makes
            s.execute("""
                    INSERT INTO lead (workspace_id, number, name, company, email, email_norm, phone, phone_norm, stage_key,
                                      value, next_follow_up, owner_id, customer_key, search, created_at, updated_at)
                    SELECT w.id, i, n.name, n.company, 'buyer' || i || '@example.com', 'buyer' || i || '@example.com',
                           '138' || lpad((i %% 100000000)::text, 8, '0'), '138' || lpad((i %% 100000000)::text, 8, '0'),
                           (ARRAY['new','contacted','qualified','proposal','negotiation','won','lost'])[1 + i %% 7],
                           (i %% 500) * 100, current_date + ((i * 37) %% 120) - OVERDUE_DAYS, m.min_id + (i %% %d), lower(n.company),
                           to_tsvector('simple', lower(n.name || ' ' || n.company || ' buyer' || i || ' example com 138'
                               || lpad((i %% 100000000)::text, 8, '0') || ' ' || n.bigrams)),
                           now(), now()
                    FROM workspace w,
                         LATERAL (SELECT min(id) AS min_id FROM member WHERE workspace_id = w.id) m,
                         generate_series(1, %d) i,
                         LATERAL (SELECT (ARRAY['Acme','Globex','Initech','Umbrella','Stark','Wayne','Hooli','Vandelay'])[1 + i %% 8]
                                         || ' ' || i AS name,
                                         (ARRAY['上海华信科技','北京星辰网络','深圳海天贸易','广州博雅教育'])[1 + i %% 4] AS company,
                                         (ARRAY['上海 海华 华信 信科 科技','北京 京星 星辰 辰网 网络','深圳 圳海 海天 天贸 贸易',
                                                '广州 州博 博雅 雅教 教育'])[1 + i %% 4] AS bigrams) n
                    WHERE w.external_id = '%s'""".replace("OVERDUE_DAYS", String.valueOf(OVERDUE_DAYS)).formatted(MEMBERS, LEADS, team));
            s.execute("VACUUM ANALYZE");
        }
    }
}
