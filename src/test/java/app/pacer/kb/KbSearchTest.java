package app.pacer.kb;

import static app.pacer.testing.SlackRequests.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.testing.SlackRequests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Relevance on a fixed corpus: the starter articles plus a dozen of a typical sales team's, in Chinese,
 * English and both. Each query names the article that must be among the first three.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KbSearchTest {

    @Inject
    EntityManager em;

    @Inject
    KbService kb;

    @Inject
    KbSearch search;

    String team;
    String admin;
    Long workspace;

    /** title, tags, body. */
    static final List<String[]> CORPUS = List.of(
            new String[] {"产品定价策略", "定价, 报价", "我们的产品定价分为基础版、专业版和企业版三档。专业版按席位计价,年付享受八五折。报价前请先确认客户的团队规模和预算。"},
            new String[] {"客户满意度调查怎么做", "满意度, 调查, CSAT", "每季度向成交客户发送一次满意度调查,使用 1 到 5 分的 CSAT 量表。客户满意度低于 3 分时,客户成功经理需要在两个工作日内回访。"},
            new String[] {"CRM 使用指南", "CRM, 工具", "所有线索都要录入 CRM。使用 CRM 时,请在每次通话后更新阶段和下次跟进日期,并把重要邮件归档到客户记录下。"},
            new String[] {"Discount approval process", "pricing, discounts, approval", "Discounts above 15% need approval from your sales manager; above 25% from the VP of sales. Submit the deal in the CRM with the reason and the competitor's offer."},
            new String[] {"退款政策说明", "退款, 售后", "购买后 30 天内可无理由退款。超过 30 天的退款申请需要财务审批,按剩余月份比例退还。"},
            new String[] {"Onboarding new customers", "onboarding, customer success", "The first 30 days decide renewals. Schedule a kickoff call within a week of signing, agree on three success metrics, and check in every two weeks."},
            new String[] {"Competitor comparison: Acme vs us", "competitors, battlecard", "Acme is cheaper per seat but charges for integrations. Lead with total cost of ownership and our free onboarding."},
            new String[] {"Cold calling opening lines", "calls, scripts, prospecting", "Open with the reason for your call in one sentence, then ask permission: 'Did I catch you at a bad time?' Prospects who say yes to a short call book meetings twice as often."},
            new String[] {"年度合同续约流程", "续约, 合同", "合同到期前 90 天开始续约沟通。先回顾客户这一年的使用数据和满意度,再提出续约方案。"},
            new String[] {"Security questionnaire answers", "security, compliance, FAQ", "We encrypt data at rest and in transit, run yearly penetration tests and can sign a DPA. Send the standard answers before the customer's IT asks."},
            new String[] {"Demo checklist 演示清单", "demo, 演示", "Before every demo: confirm attendees, prepare their data, test screen sharing. 演示前确认参会人员,准备客户自己的数据,测试屏幕共享。"},
            new String[] {"How to write a proposal", "proposals, writing", "A proposal restates the customer's problem in their words, the outcome we promise, the price and the next step with a date."});

    /** Once per class, lazily: the HTTP endpoint is only ready once the first test runs. */
    synchronized void corpus() {
        if (workspace != null) {
            return;
        }
        team = SlackRequests.newTeam();
        admin = SlackRequests.newUser();
        command(team, admin, "kb"); // the first use seeds the starter articles
        workspace = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select w.id from Workspace w where w.externalId = ?1", Long.class).setParameter(1, team).getSingleResult());
        QuarkusTransaction.requiringNew().run(() -> {
            for (String[] a : CORPUS) {
                kb.create(workspace, null, a[0], a[2], a[1], null, Instant.now());
            }
        });
    }

    private List<String> titles(String query) {
        corpus();
        return QuarkusTransaction.requiringNew().call(() -> search.search(workspace, query, 0, 5).articles().stream()
                .map(Article::title).toList());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "pricing objections|Handling price objections",
            "price objection|Handling price objections",
            "objections|Handling price objections",
            "产品定价|产品定价策略",
            "定价|产品定价策略",
            "客户满意度|客户满意度调查怎么做",
            "满意度调查|客户满意度调查怎么做",
            "CRM 使用|CRM 使用指南",
            "crm|CRM 使用指南",
            "价格异议|如何应对价格异议",
            "SMART targets|Setting SMART targets",
            "smart 目标|如何设定 SMART 目标",
            "follow up etiquette|Follow-up etiquette",
            "跟进|客户跟进礼仪",
            "discount approvals|Discount approval process",
            "discount|Discount approval process",
            "退款|退款政策说明",
            "onboarding customers|Onboarding new customers",
            "acme competitor|Competitor comparison: Acme vs us",
            "cold calls|Cold calling opening lines",
            "续约|年度合同续约流程",
            "演示|Demo checklist 演示清单",
            "demo checklist|Demo checklist 演示清单",
            "securty questionnaire|Security questionnaire answers",
            "proposal writing|How to write a proposal",
            "obj|Handling price objections"})
    void expectedArticleIsInTheTopThree(String query, String expected) {
        List<String> found = titles(query);
        assertTrue(found.stream().limit(3).anyMatch(expected::equals), query + " → " + found);
    }

    @Test
    void titleMatchesRankAboveBodyMatches() {
        // "定价" is in the title of one article and in the body of the Chinese price-objection article
        assertEquals("产品定价策略", titles("定价").get(0));
        assertEquals("Discount approval process", titles("discount").get(0));
    }

    @Test
    void whenNotEveryWordIsFoundTheClosestComeFirst() {
        corpus();
        KbSearch.Result result = QuarkusTransaction.requiringNew().call(() -> search.search(workspace, "refund policy 退款", 0, 5));
        assertTrue(result.relaxed());
        assertEquals("退款政策说明", result.articles().get(0).title());
        assertTrue(titles("zebra unicorn xylophone").isEmpty());
    }

    @Test
    void searchTimeIsAPrometheusHistogram() {
        corpus();
        QuarkusTransaction.requiringNew().call(() -> search.search(workspace, "定价", 0, 5));
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("(?m)^pacer_kb_search_seconds_count(?:\\{[^}]*\\})? ([0-9.]+)")
                .matcher(metrics);
        assertTrue(count.find(), "no pacer_kb_search_seconds_count in /q/metrics");
        assertTrue(Double.parseDouble(count.group(1)) >= 1, count.group());
        assertTrue(metrics.contains("pacer_kb_search_seconds_bucket{le=\"0.001\""), "buckets from 1 ms");
    }

    @Test
    void searchesStayInTheirWorkspace() {
        String other = SlackRequests.newTeam();
        String reply = command(other, SlackRequests.newUser(), "kb 产品定价策略").toString();
        assertFalse(reply.contains("专业版") || reply.contains("三档"), reply);
    }

    @Test
    void resultsEndToEndHaveHighlightsTagsAgeAndAMoreButton() {
        corpus();
        String reply = command(team, admin, "kb 产品定价").toString();
        assertTrue(reply.contains("产品定价策略") && reply.contains("*产品定价*") && reply.contains("`定价`"), reply);
        assertTrue(reply.contains("updated today"), reply);
        String mixed = command(team, admin, "kb CRM 使用").toString();
        assertTrue(mixed.contains("CRM 使用指南"), mixed);
        // "customer" is everywhere: more than one page
        String many = command(team, admin, "kb customer").toString();
        assertTrue(many.contains("kb.more") && many.contains("More results"), many);
    }
}
