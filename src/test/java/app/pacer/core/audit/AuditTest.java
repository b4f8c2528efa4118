package app.pacer.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Platform;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.testing.SlackRequests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The audit log: what is recorded shows to admins only, in their language, and goes after a year. */
@QuarkusTest
class AuditTest {

    @Inject
    AuditLog log;

    @Inject
    MemberRepository members;

    @Inject
    WorkspaceRepository workspaces;

    private Member member(String team, String user) {
        return QuarkusTransaction.requiringNew().call(() -> members.find(workspaces.find(Platform.SLACK, team).orElseThrow().id(),
                user).orElseThrow());
    }

    @Test
    void adminsSeeWhoDidWhatAndOldEntriesGo() {
        String team = SlackRequests.newTeam();
        String admin = SlackRequests.newUser();
        String rep = SlackRequests.newUser();
        SlackRequests.command(team, admin, "settings timezone UTC");
        SlackRequests.command(team, rep, "settings timezone UTC");
        assertTrue(SlackRequests.command(team, admin, "audit").toString().contains("Nothing imported, exported or erased"));

        Member who = member(team, admin);
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            log.record(who, AuditAction.EXPORT, "leads (team)", "42 leads", now);
            log.record(who, AuditAction.LEAD_ERASE, "lead #7", null, now.minus(Duration.ofDays(400)));
        });
        String listing = SlackRequests.command(team, admin, "audit").toString();
        assertTrue(listing.contains("exported leads (team) — 42 leads"), listing);
        assertFalse(listing.contains("lead #7"), "older than a year is not shown: " + listing);

        String refused = SlackRequests.command(team, rep, "audit").toString();
        assertFalse(refused.contains("42 leads"), refused);

        SlackRequests.command(team, admin, "settings language zh");
        assertTrue(SlackRequests.command(team, admin, "审计").toString().contains("导出了 leads (team)"));

        assertTrue(QuarkusTransaction.requiringNew().call(() -> log.purge(now)) >= 1);
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> log.entries(who.workspaceId(), Instant.EPOCH, 10)).size());
    }
}
