package app.pacer.bench;

import app.pacer.core.search.SearchTokens;
import app.pacer.it.BenchSupport;
import app.pacer.it.PacerProcess;
import app.pacer.testing.FakePlatforms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code kb <query>} over 100,000 generated bilingual articles, end to end (signed slash command to the answer
 * at the response_url), and the time to load them with their search vectors and to build the GIN index.
 * Target: p95 search under 20 ms.
 */
class KbSearchBenchmark {

    static final int ARTICLES = Integer.getInteger("bench.articles", 100_000);
    static final int RUNS = 300;
    static final int WARM_UP = 100;
    static final long SEED = 20261201L;

    /** Sales vocabulary; the first words of each list are the most frequent (a Zipf-like draw). */
    static final String[] EN = ("customer price pricing value deal call meeting follow up email proposal contract renewal "
            + "discount objection objections budget decision maker demo trial onboarding support team quarter target "
            + "pipeline lead prospect competitor feature integration security invoice payment refund policy training "
            + "script question answer account manager approval region partner channel webinar case study reference "
            + "negotiation closing timeline risk churn upsell cross sell satisfaction survey feedback NPS CSAT CRM usage "
            + "report dashboard export import mobile app login password data privacy compliance contract term license "
            + "seat plan tier enterprise starter professional annual monthly quote order shipping delivery warranty "
            + "installation setup configuration troubleshooting error escalation ticket response time SLA uptime")
            .split(" ");
    static final String[] ZH = ("客户 价格 产品 定价 报价 成交 跟进 会议 电话 邮件 方案 合同 续约 折扣 异议 预算 决策人 演示 "
            + "试用 上线 支持 团队 季度 目标 线索 竞品 功能 集成 安全 发票 付款 退款 政策 培训 话术 问题 答案 客户经理 审批 "
            + "区域 渠道 案例 谈判 签约 风险 流失 增购 满意度 调查 反馈 使用 报表 数据 隐私 合规 席位 企业版 专业版 年付 "
            + "订单 发货 保修 安装 配置 故障 工单 响应 服务 CRM 系统 销售 经理 流程 说明 指南 常见 注意事项").split(" ");
    static final String[] TAGS = {"pricing", "objections", "onboarding", "renewal", "security", "faq", "scripts", "crm",
        "定价", "异议", "续约", "售后", "话术", "常见问题", "培训", "合同"};

    @Test
    void searchOneHundredThousandArticles() throws Exception {
        String jdbcUrl = BenchSupport.database();
        Map<String, String> fake = new FakePlatforms().start();
        Map<String, String> env = BenchSupport.pacerEnv(jdbcUrl, fake, "off");
        env.put("PACER_KB_STALE_TICK", "off");
        try (PacerProcess pacer = PacerProcess.start(env, "bench-kb")) {
            String team = "TKB" + System.nanoTime();
            double[] build = seed(jdbcUrl, team);
            StringBuilder rows = new StringBuilder();
            for (String command : List.of("kb pricing objections", "kb 产品定价", "kb 客户满意度", "kb CRM 使用",
                    "kb warranty for schools", "kb 报销")) {
                BenchSupport.measure(pacer.port(), team, "U00000001", command, 0, WARM_UP);
                var before = BenchSupport.histogram(pacer.port(), "pacer_kb_search_seconds");
                double[] stats = BenchSupport.measure(pacer.port(), team, "U00000001", command, RUNS, 0);
                var after = BenchSupport.histogram(pacer.port(), "pacer_kb_search_seconds");
                rows.append(String.format(Locale.ROOT, "| %s | %,d articles | ≤ %.1f ms | ≤ %.1f ms | p50 %.1f ms | p95 %.1f ms | max %.1f ms | %d runs |%n",
                        command, ARTICLES, BenchSupport.quantileBound(before, after, 0.5), BenchSupport.quantileBound(before, after, 0.95),
                        stats[0], stats[1], stats[2], RUNS));
            }
            String plan = plan(jdbcUrl, team);
            String buildLine = String.format(Locale.ROOT, "Knowledge base: %,d articles (avg %.0f characters) loaded with their search "
                    + "vectors in %.1f s (tokenising in Java %.1f s); GIN indexes built in %.1f s; index sizes %s.%n",
                    ARTICLES, build[3], build[0], build[1], build[2], indexSize(jdbcUrl));
            Path report = Path.of("target", "bench", "report.md");
            Files.createDirectories(report.getParent());
            Files.writeString(report, "\n" + buildLine + "\n| command | data | search p50 | search p95 | end to end p50 | end to end p95 | end to end max | runs |\n"
                    + "| --- | --- | --- | --- | --- | --- | --- | --- |\n" + rows + "\nQuery plans (kb pricing objections: title and tags, then body):\n\n```\n"
                    + plan + "```\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.print(buildLine + rows + plan);
        }
    }

    private static String word(Random random, String[] words) {
        // min of two uniform draws: earlier words are more frequent
        return words[Math.min(random.nextInt(words.length), random.nextInt(words.length))];
    }

    private static String text(Random random, String[] words, int n, boolean chinese) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(word(random, words));
            if (!chinese || random.nextInt(3) == 0) {
                s.append(random.nextInt(12) == 0 ? ". " : " ");
            }
        }
        return s.toString().strip();
    }

    /** @return load seconds, tokenising seconds, index build seconds, average body length */
    private static double[] seed(String jdbcUrl, String team) throws Exception {
        Random random = new Random(SEED);
        long tokenizing = 0;
        long bodyChars = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement()) {
            // an earlier run's articles would sit in the same indexes: each run measures 100,000, not 100,000 more
            s.execute("DELETE FROM kb_article WHERE workspace_id IN (SELECT id FROM workspace WHERE external_id LIKE 'TKB%')");
            s.execute("INSERT INTO workspace (platform, external_id, name) VALUES ('SLACK', '" + team + "', 'Bench')");
            s.execute("""
                    INSERT INTO member (workspace_id, platform_user_id, display_name, role, time_zone, profile_refreshed_at,
                                        contacted_at, created_at, updated_at, nudge_enabled)
                    SELECT w.id, 'U00000001', 'Admin', 'ADMIN', 'UTC', now(), now(), now(), now(), false
                    FROM workspace w WHERE w.external_id = '%s'""".formatted(team));
            s.execute("INSERT INTO kb_settings (workspace_id, seq, seeded_at) SELECT id, %d, now() FROM workspace WHERE external_id = '%s'"
                    .formatted(ARTICLES, team));
            long ws;
            try (ResultSet r = s.executeQuery("SELECT id FROM workspace WHERE external_id = '" + team + "'")) {
                r.next();
                ws = r.getLong(1);
            }
            s.execute("DROP INDEX IF EXISTS ix_kb_article_search");
            s.execute("DROP INDEX IF EXISTS ix_kb_article_head");
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO kb_article (workspace_id, number, title, body, tags, language, helpful, unhelpful, search, head,
                                            created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, setweight(to_tsvector('simple', ?), 'A')
                            || setweight(to_tsvector('simple', ?), 'B') || setweight(to_tsvector('simple', ?), 'C'),
                            setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B'), ?, ?)""")) {
                Instant now = Instant.now();
                for (int i = 1; i <= ARTICLES; i++) {
                    int kind = random.nextInt(5); // 0-1 English, 2-3 Chinese, 4 both
                    boolean en = kind < 2 || kind == 4;
                    boolean zh = kind >= 2;
                    String title = en && (!zh || random.nextBoolean()) ? text(random, EN, 3 + random.nextInt(5), false)
                            : text(random, ZH, 3 + random.nextInt(4), true);
                    String body = (en ? text(random, EN, 60 + random.nextInt(200), false) : "") + (en && zh ? "\n\n" : "")
                            + (zh ? text(random, ZH, 60 + random.nextInt(200), true) : "");
                    String tags = TAGS[random.nextInt(TAGS.length)] + ", " + TAGS[random.nextInt(TAGS.length)];
                    bodyChars += body.length();
                    long t0 = System.nanoTime();
                    String titleIndex = String.join(" ", SearchTokens.stems(title));
                    String tagIndex = String.join(" ", SearchTokens.stems(tags));
                    String bodyIndex = String.join(" ", SearchTokens.stems(body));
                    tokenizing += System.nanoTime() - t0;
                    Instant created = now.minusSeconds(random.nextInt(400) * 86_400L);
                    insert.setLong(1, ws);
                    insert.setInt(2, i);
                    insert.setString(3, title.length() > 200 ? title.substring(0, 200) : title);
                    insert.setString(4, body);
                    insert.setString(5, tags);
                    insert.setString(6, kind < 2 ? "en" : kind < 4 ? "zh" : "both");
                    insert.setInt(7, random.nextInt(4) == 0 ? random.nextInt(10) : 0);
                    insert.setInt(8, random.nextInt(8) == 0 ? random.nextInt(5) : 0);
                    insert.setString(9, titleIndex);
                    insert.setString(10, tagIndex);
                    insert.setString(11, bodyIndex);
                    insert.setString(12, titleIndex);
                    insert.setString(13, tagIndex);
                    insert.setTimestamp(14, Timestamp.from(created));
                    insert.setTimestamp(15, Timestamp.from(created));
                    insert.addBatch();
                    if (i % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            double load = (System.nanoTime() - start) / 1e9;
            c.setAutoCommit(true);
            long indexStart = System.nanoTime();
            s.execute("CREATE INDEX ix_kb_article_search ON kb_article USING GIN (search)");
            s.execute("CREATE INDEX ix_kb_article_head ON kb_article USING GIN (head)");
            double index = (System.nanoTime() - indexStart) / 1e9;
            s.execute("VACUUM ANALYZE kb_article");
            return new double[] {load, tokenizing / 1e9, index, (double) bodyChars / ARTICLES};
        }
    }

    private static String indexSize(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_size_pretty(pg_relation_size('ix_kb_article_search')) || ' (search), ' || pg_size_pretty(pg_relation_size('ix_kb_article_head')) || ' (title and tags)'")) {
            r.next();
            return r.getString(1);
        }
    }

    /** The plans of the strict query's two stages as KbSearch runs them: title and tags, then body. */
    private static String plan(String jdbcUrl, String team) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement st = c.createStatement()) {
            for (String stage : List.of("""
                    SELECT c.id FROM (SELECT id, head, helpful, unhelpful FROM kb_article
                                      WHERE workspace_id = WS AND head @@ to_tsquery('simple', 'pric & objection') LIMIT 300) c
                    ORDER BY ts_rank(c.head, to_tsquery('simple', 'pric & objection'), 1)
                             * (1 + 0.1 * tanh((c.helpful - c.unhelpful) / 5.0)) DESC, c.id DESC LIMIT 6""", """
                    SELECT c.id FROM (SELECT id, search, helpful, unhelpful FROM kb_article
                                      WHERE workspace_id = WS AND search @@ to_tsquery('simple', 'pric & objection')
                                        AND NOT head @@ to_tsquery('simple', 'pric & objection') LIMIT 200) c
                    ORDER BY ts_rank(c.search, to_tsquery('simple', 'pric & objection'), 1)
                             * (1 + 0.1 * tanh((c.helpful - c.unhelpful) / 5.0)) DESC, c.id DESC LIMIT 6""")) {
                String ws = "(SELECT id FROM workspace WHERE external_id = '" + team + "')";
                try (ResultSet r = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + stage.replace("WS", ws))) {
                    while (r.next()) {
                        lines.add(r.getString(1));
                    }
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
