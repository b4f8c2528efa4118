package app.pacer.core.org;

import app.pacer.core.command.UserRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Workspaces and members: created on first contact, the first member of a workspace becoming its admin;
 * profiles (name, locale, time zone) cached here and refreshed from the platform at most daily.
 */
@ApplicationScoped
public class OrgService {

    private static final Logger LOG = Logger.getLogger(OrgService.class);
    static final Duration PROFILE_MAX_AGE = Duration.ofDays(1);

    private final WorkspaceRepository workspaces;
    private final MemberRepository members;
    private final Clock clock;

    public OrgService(WorkspaceRepository workspaces, MemberRepository members, Clock clock) {
        this.workspaces = workspaces;
        this.members = members;
        this.clock = clock;
    }

    /** The member behind an inbound request, created (and their workspace too) on first contact. */
    @Transactional
    public Member resolve(Platform platform, String workspaceExternalId, String workspaceName, String userId,
            String displayName, ProfileSource profiles) {
        Workspace workspace = workspaces.findOrCreate(platform, workspaceExternalId, workspaceName);
        Optional<Member> existing = members.find(workspace.id(), userId);
        if (existing.isPresent()) {
            Member member = existing.get();
            if (stale(member)) {
                refresh(member, profiles);
            }
            if (!member.contacted()) {
                member.markContacted(clock.instant());
            }
            return member;
        }
        // the row lock makes "no member yet → admin" hold when two first requests race
        workspaces.lock(workspace.id());
        Role role = members.anyIn(workspace.id()) ? Role.REP : Role.ADMIN;
        Member member = members.find(workspace.id(), userId).orElse(null);
        if (member != null) {
            return member;
        }
        member = new Member(workspace.id(), userId, role, clock.instant());
        member.markContacted(clock.instant());
        member.nameIfUnknown(displayName);
        refresh(member, profiles);
        members.persist(member);
        if (role == Role.ADMIN) {
            LOG.infof("First member of %s workspace %d is its admin", platform, workspace.id());
        }
        return member;
    }

    /** The member, when they are known, have talked to Pacer and their profile is fresh (nothing to write). */
    public Optional<Member> known(Platform platform, String workspaceExternalId, String userId) {
        // one query for both rows; the workspace stays in the session for the command (its currency, its week)
        return members.getEntityManager().createQuery("""
                select m, w from Member m, Workspace w
                where w.id = m.workspaceId and w.platform = ?1 and w.externalId = ?2 and m.platformUserId = ?3""", Object[].class)
                .setParameter(1, platform).setParameter(2, workspaceExternalId).setParameter(3, userId)
                .getResultList().stream().findFirst().map(row -> (Member) row[0])
                .filter(m -> m.contacted() && !stale(m));
    }

    /** The member a command names, created as a rep when they have not used Pacer yet. */
    @Transactional
    public Member memberFor(Long workspaceId, UserRef ref, ProfileSource profiles) {
        Optional<Member> known = members.find(workspaceId, ref.userId());
        if (known.isPresent()) {
            return known.get();
        }
        // the same lock as first contact: a mention and the person's own first message may race
        workspaces.lock(workspaceId);
        return members.find(workspaceId, ref.userId()).orElseGet(() -> {
            Member member = new Member(workspaceId, ref.userId(), Role.REP, clock.instant());
            member.nameIfUnknown(ref.displayName());
            refresh(member, profiles);
            members.persist(member);
            return member;
        });
    }

    /** Re-reads the member's profile from their platform now (what {@code settings} does). */
    @Transactional
    public void refresh(Member member, ProfileSource profiles) {
        try {
            profiles.lookup(member.platformUserId()).ifPresent(p -> member.applyProfile(p, clock.instant()));
        } catch (RuntimeException e) {
            // the platform being slow or down must not stop the command; try again next time
            LOG.warnf("Could not refresh the profile of member %s: %s", member.id(), e.getMessage());
        }
    }

    private boolean stale(Member member) {
        Instant refreshed = member.profileRefreshedAt();
        return refreshed == null || refreshed.isBefore(clock.instant().minus(PROFILE_MAX_AGE));
    }
}
