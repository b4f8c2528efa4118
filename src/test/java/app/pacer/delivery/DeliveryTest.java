package app.pacer.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Platform;
import app.pacer.core.org.Role;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Reply;
import app.pacer.testing.FakePlatforms;
import app.pacer.testing.SlackRequests;
import app.pacer.testing.TeamsRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox against a misbehaving fake Slack and Bot Connector, and with two workers on one database. */
@QuarkusTest
class DeliveryTest {

    @Inject
    Outbox outbox;

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    MemberRepository members;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    DeliveryConfig config;

    @Inject
    Clock clock;

    @Inject
    Instance<PlatformDelivery> deliveries;

    @Inject
    MeterRegistry metrics;

    @AfterEach
    void noFaultsLeft() {
        FakePlatforms.SLACK_FAULTS.clear();
        FakePlatforms.TEAMS_FAULTS.clear();
    }

    /** Enqueues one DM per new Slack member of a new workspace; returns the keys. */
    private List<String> enqueueSlack(int count, String userPrefix) {
        String team = SlackRequests.newTeam();
        List<String> keys = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            Long ws = workspaces.findOrCreate(Platform.SLACK, team, "Acme").id();
            for (int i = 0; i < count; i++) {
                Member member = new Member(ws, userPrefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(),
                        i == 0 ? Role.ADMIN : Role.REP, Instant.now());
                member.markContacted(Instant.now());
                members.persist(member);
                String key = "test:" + UUID.randomUUID();
                keys.add(key);
                outbox.toMember(member, Reply.text("Hello " + i), key, clock.instant(), clock.instant().plusSeconds(3600));
            }
        });
        return keys;
    }

    private String state(String key) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT state FROM outbox WHERE idempotency_key = ?1").setParameter(1, key).getSingleResult());
    }

    @Test
    void rateLimitsServerErrorsTimeoutsAndLostAnswersStillDeliverEachMessageExactlyOnce() {
        FakePlatforms.SLACK_FAULTS.addAll(List.of("429", "500", "timeout", "post-then-500", "500", "429", "post-then-500"));
        List<String> keys = enqueueSlack(12, "U");
        await().atMost(Duration.ofSeconds(60)).until(() -> keys.stream().allMatch(k -> "SENT".equals(state(k))));
        for (String key : keys) {
            assertEquals(1, FakePlatforms.postsWithKey(key), "exactly once: " + key);
        }
        assertTrue(FakePlatforms.SLACK_FAULTS.isEmpty(), "every fault was met");
    }

    @Test
    void permanentErrorsFailAtOnceAndAdminsCanSeeThem() {
        List<String> keys = enqueueSlack(1, "UGONE");
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(state(keys.get(0))));
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT attempts, last_error, workspace_id FROM outbox WHERE idempotency_key = ?1")
                .setParameter(1, keys.get(0)).getSingleResult());
        assertEquals(1, ((Number) row[0]).intValue(), "no retry storm");
        assertTrue(row[1].toString().contains("user_not_found"));
        String team = QuarkusTransaction.requiringNew().call(() -> workspaces.findById(((Number) row[2]).longValue()).externalId());
        String admin = QuarkusTransaction.requiringNew().call(() -> members.list("workspaceId", ((Number) row[2]).longValue()).get(0).platformUserId());
        String listing = SlackRequests.command(team, admin, "delivery failures").toString();
        assertTrue(listing.contains(keys.get(0)) && listing.contains("user_not_found"), listing);
    }

    @Test
    void teamsProactiveSendsRetry429AndGatewayErrorsAndFailOnForbidden() {
        String tenant = FakePlatforms.ALLOWED_TENANTS.get(1);
        String user = TeamsRequests.newUser();
        TeamsRequests.post(TeamsRequests.message(tenant, user, "help")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !FakePlatforms.calls("POST", "a:personal-" + user + "/activities/").isEmpty());
        Member member = QuarkusTransaction.requiringNew().call(() ->
                members.find(workspaces.find(Platform.TEAMS, tenant).orElseThrow().id(), user).orElseThrow());
        String path = "/teams/v3/conversations/a:personal-" + user + "/activities";

        FakePlatforms.TEAMS_FAULTS.addAll(List.of("429", "502", "504"));
        String key = "test:" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() ->
                outbox.toMember(member, Reply.text("Proactive hello"), key, clock.instant(), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(state(key)));
        long delivered = FakePlatforms.CALLS.stream().filter(c -> c.method().equals("POST") && c.path().equals(path)
                && c.body().toString().contains("Proactive hello")).count();
        assertEquals(4, delivered, "three refused attempts, then one delivery");

        FakePlatforms.TEAMS_FAULTS.add("403");
        String forbidden = "test:" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() ->
                outbox.toMember(member, Reply.text("Not allowed"), forbidden, clock.instant(), null));
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(state(forbidden)));
    }

    @Test
    void enqueueingTheSameKeyTwiceIsANoOp() {
        String key = "test:" + UUID.randomUUID();
        String team = SlackRequests.newTeam();
        Outbox.Result[] results = QuarkusTransaction.requiringNew().call(() -> {
            Long ws = workspaces.findOrCreate(Platform.SLACK, team, "Acme").id();
            Member member = new Member(ws, "U" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), Role.ADMIN, Instant.now());
            member.markContacted(Instant.now());
            members.persist(member);
            return new Outbox.Result[] {
                outbox.toMember(member, Reply.text("once"), key, clock.instant(), null),
                outbox.toMember(member, Reply.text("twice"), key, clock.instant(), null)};
        });
        assertEquals(Outbox.Result.ENQUEUED, results[0]);
        assertEquals(Outbox.Result.DUPLICATE, results[1]);
        await().atMost(Duration.ofSeconds(15)).until(() -> FakePlatforms.postsWithKey(key) == 1);
    }

    @Test
    void twoWorkersOnOneDatabaseSendEachMessageOnce() {
        DeliveryWorker second = new DeliveryWorker(dataSource, config, clock, deliveries, metrics);
        second.start();
        try {
            List<String> keys = enqueueSlack(300, "U");
            await().atMost(Duration.ofSeconds(90)).until(() -> keys.stream().allMatch(k -> "SENT".equals(state(k))));
            for (String key : keys) {
                assertEquals(1, FakePlatforms.postsWithKey(key), "exactly once: " + key);
            }
            long workers = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "SELECT count(DISTINCT claimed_by) FROM outbox WHERE idempotency_key IN (:keys)")
                    .setParameter("keys", keys).getSingleResult()).longValue());
            assertEquals(2, workers, "both workers took part");
        } finally {
            second.stop();
        }
    }
}
