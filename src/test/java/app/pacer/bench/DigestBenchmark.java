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
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standup digest of a 500-member team with 1,000,000 log entries and 200,000 leads, built by
 * {@code digest now} (which builds it inside the command, then enqueues it), end to end. Target: under 300 ms.
 */
class DigestBenchmark {

    static final int MEMBERS = 500;
    static final int LOGS = Integer.getInteger("bench.logs", 1_000_000);
    static final int LEADS = Integer.getInteger("bench.leads", 200_000);
    static final int RUNS = 100;
    static final int WARM_UP = 30;

    @Test
    void buildTheDigest() throws Exception {
        String jdbcUrl = BenchSupport.database();
        Map<String, String> fake = new FakePlatforms().start();
        Map<String, String> env = BenchSupport.pacerEnv(jdbcUrl, fake, "off");
        try (PacerProcess pacer = PacerProcess.start(env, "bench-digest")) {
            String team = "TDIGEST" + System.nanoTime();
            long seeding = System.nanoTime();
            seed(jdbcUrl, team);
            double seeded = (System.nanoTime() - seeding) / 1e9;
            StringBuilder rows = new StringBuilder();
            for (String command : new String[] {"digest now", "digest week"}) {
                double[] stats = BenchSupport.measure(pacer.port(), team, "U00000001", command, RUNS, WARM_UP);
                rows.append(String.format(Locale.ROOT, "| %s | %,d members, %,d log entries, %,d leads (seeded in %.0f s) "
                        + "| p50 %.1f ms | p95 %.1f ms | max %.1f ms | %d runs |%n", command, MEMBERS, LOGS, LEADS, seeded,
                        stats[0], stats[1], stats[2], RUNS));
            }
            Path report = Path.of("target", "bench", "report.md");
            Files.createDirectories(report.getParent());
            Files.writeString(report, "\n| digest (built in the command, end to end) | data | p50 | p95 | max | runs |\n"
                    + "| --- | --- | --- | --- | --- | --- |\n" + rows, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.print(rows);
        }
    }

    private static void seed(String jdbcUrl, String team) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO workspace (platform, external_id, name, lead_seq, review_seq) VALUES ('SLACK', '" + team
                    + "', 'Bench', " + LEADS + ", 100)");
            s.execute("""
                    INSERT INTO member (workspace_id, platform_user_id, display_name, role, time_zone, profile_refreshed_at,
                                        contacted_at, created_at, updated_at, nudge_enabled)
                    SELECT w.id, 'U' || lpad(i::text, 8, '0'), 'Rep ' || i, CASE WHEN i = 1 THEN 'ADMIN' ELSE 'REP' END,
                           'UTC', now(), now(), now() - interval '1 year', now(), false
                    FROM workspace w, generate_series(1, %d) i WHERE w.external_id = '%s'""".formatted(MEMBERS, team));
            String ws = "(SELECT id FROM workspace WHERE external_id = '" + team + "')";
            String first = "(SELECT min(id) FROM member WHERE workspace_id = " + ws + ")";
            // every rep has this month's deals and calls targets; the team has a revenue target
            s.execute("""
                    INSERT INTO target (workspace_id, metric_key, period, period_start, member_id, amount, set_by, created_at)
                    SELECT m.workspace_id, k, 'MONTH', date_trunc('month', current_date)::date, m.id, 20 + m.id %% 10, %s, now()
                    FROM member m, unnest(ARRAY['deals', 'calls']) k WHERE m.workspace_id = %s""".formatted(first, ws));
            s.execute("""
                    INSERT INTO target (workspace_id, metric_key, period, period_start, member_id, amount, set_by, created_at)
                    VALUES (%s, 'revenue', 'MONTH', date_trunc('month', current_date)::date, NULL, 10000000, %s, now())"""
                    .formatted(ws, first));
            // a million entries over the last 90 days; the daily team totals the trigger keeps are summed once after
            // (a million single-row upserts took over 7 minutes here)
            s.execute("ALTER TABLE log_entry DISABLE TRIGGER log_team_daily_on_entry");
            s.execute("""
                    INSERT INTO log_entry (workspace_id, member_id, metric_key, amount, local_date, logged_by, created_at)
                    SELECT %s, %s + (i %% %d), (ARRAY['deals','calls','revenue','meetings'])[1 + i %% 4],
                           CASE WHEN i %% 4 = 2 THEN 100 + i %% 5000 ELSE 1 + i %% 3 END,
                           current_date - (i %% 90), %s, now()
                    FROM generate_series(1, %d) i""".formatted(ws, first, MEMBERS, first, LOGS));
            s.execute("ALTER TABLE log_entry ENABLE TRIGGER log_team_daily_on_entry");
            s.execute("""
                    INSERT INTO log_team_daily (workspace_id, metric_key, local_date, total)
                    SELECT workspace_id, metric_key, local_date, sum(amount) FROM log_entry WHERE workspace_id = %s
                    GROUP BY workspace_id, metric_key, local_date""".formatted(ws));
            s.execute("""
                    INSERT INTO lead (workspace_id, number, name, company, stage_key, value, next_follow_up, owner_id, customer_key,
                                      created_at, updated_at)
                    SELECT %s, i, 'Lead ' || i, 'Company ' || (i %% 5000),
                           (ARRAY['new','contacted','qualified','proposal','negotiation','won','lost'])[1 + i %% 7],
                           (i %% 500) * 100, current_date + ((i * 37) %% 120) - 15, %s + (i %% %d), 'company ' || (i %% 5000),
                           now() - ((i %% 400) || ' days')::interval, now()
                    FROM generate_series(1, %d) i""".formatted(ws, first, MEMBERS, LEADS));
            s.execute("""
                    INSERT INTO lead_event (workspace_id, lead_id, actor_id, at, what)
                    SELECT l.workspace_id, l.id, l.owner_id, now() - ((l.number %% 400) || ' days')::interval,
                           'stage: negotiation → ' || l.stage_key
                    FROM lead l WHERE l.workspace_id = %s AND l.stage_key IN ('won', 'lost')""".formatted(ws));
            s.execute("""
                    INSERT INTO lead_stage_change (workspace_id, lead_id, from_stage, to_stage, at, actor_id)
                    SELECT l.workspace_id, l.id, 'negotiation', l.stage_key, now() - ((l.number %% 400) || ' days')::interval,
                           l.owner_id
                    FROM lead l WHERE l.workspace_id = %s AND l.stage_key IN ('won', 'lost')""".formatted(ws));
            s.execute("""
                    INSERT INTO review (workspace_id, number, rep_id, manager_id, review_type, due_on, period_start, period_end,
                                        created_by, created_at)
                    SELECT %s, i, %s + i, %s, 'REVIEW', current_date + (i %% 10), current_date - 30, current_date - 1, %s, now()
                    FROM generate_series(1, 100) i""".formatted(ws, first, first, first));
            s.execute("""
                    INSERT INTO feedback (workspace_id, lead_id, owner_id, kind, score, comment, source, created_at)
                    SELECT l.workspace_id, l.id, l.owner_id, 'CSAT', 1 + l.number %% 5, 'comment ' || l.number, 'REP',
                           now() - ((l.number %% 48) || ' hours')::interval
                    FROM lead l WHERE l.workspace_id = %s AND l.number <= 2000""".formatted(ws));
            s.execute("""
                    INSERT INTO digest_channel (workspace_id, channel, time_zone, language, set_by, created_at, updated_at, standup)
                    VALUES (%s, 'C0BENCH', 'UTC', 'en', %s, now(), now(), true)""".formatted(ws, first));
            s.execute("VACUUM ANALYZE");
        }
    }
}
