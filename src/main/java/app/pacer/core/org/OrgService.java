package app.pacer.core.org;

import app.pacer.core.command.ArgError;
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

    /**
     * The member behind an inbound request, created (and their workspace too) on first contact. Throws
     * {@link NotServed}, storing nothing, when their profile says they belong to another team (Slack Connect) or are a
     * guest the workspace does not allow.
     */
    @Transactional
    public Member resolve(Platform platform, String workspaceExternalId, String workspaceName, String userId,
            String displayName, ProfileSource profiles) {
        Workspace workspace = workspaces.findOrCreate(platform, workspaceExternalId, workspaceName);
        Optional<Member> existing = members.find(workspace.id(), userId);
        if (existing.isPresent()) {
            Member member = existing.get();
            if (stale(member)) {
                lookup(profiles, userId).ifPresent(profile -> {
                    admit(profile, workspace);
                    member.applyProfile(profile, clock.instant());
                });
            }
            if (member.guest() && !workspace.guestsAllowed()) {
                throw new NotServed(NotServed.Why.GUEST);
            }
            if (!member.contacted()) {
                member.markContacted(clock.instant());
            }
            return member;
        }
        // who they are is read before anything is written: a stranger must not become a member, let alone the admin
        Optional<Profile> profile = lookup(profiles, userId);
        profile.ifPresent(p -> admit(p, workspace));
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
        Member created = member;
        profile.ifPresent(p -> created.applyProfile(p, clock.instant()));
        members.persist(member);
        if (role == Role.ADMIN) {
            LOG.infof("First member of %s workspace %d is its admin", platform, workspace.id());
        }
        return member;
    }

    /** Refuses whom the workspace does not serve (the transaction rolls back: nothing of theirs is kept). */
    private static void admit(Profile profile, Workspace workspace) {
        if (strangerTo(profile, workspace.externalId())) {
            throw new NotServed(NotServed.Why.STRANGER);
        }
        if (profile.guest() && !workspace.guestsAllowed()) {
            throw new NotServed(NotServed.Why.GUEST);
        }
    }

    private static boolean strangerTo(Profile profile, String workspaceExternalId) {
        return profile.teamId() != null && !profile.teamId().equals(workspaceExternalId);
    }

    /** The member, when they are known, have talked to Pacer and their profile is fresh (nothing to write). */
    public Optional<Member> known(Platform platform, String workspaceExternalId, String userId) {
        // one query for both rows; the workspace stays in the session for the command (its currency, its week)
        return members.getEntityManager().createQuery("""
                select m, w from Member m, Workspace w
                where w.id = m.workspaceId and w.platform = ?1 and w.externalId = ?2 and m.platformUserId = ?3""", Object[].class)
                .setParameter(1, platform).setParameter(2, workspaceExternalId).setParameter(3, userId)
                .getResultList().stream().findFirst()
                // a guest goes the long way, where they are refused unless the workspace allows guests
                .filter(row -> !((Member) row[0]).guest() || ((Workspace) row[1]).guestsAllowed())
                .map(row -> (Member) row[0])
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
            Optional<Profile> profile = lookup(profiles, ref.userId());
            if (profile.isPresent() && strangerTo(profile.get(), workspaces.findById(workspaceId).externalId())) {
                // someone from another organisation in a shared channel: not a colleague to give targets or roles
                throw new ArgError("error.not_a_member", ref.displayName() == null ? ref.userId() : ref.displayName());
            }
            Member member = new Member(workspaceId, ref.userId(), Role.REP, clock.instant());
            member.nameIfUnknown(ref.displayName());
            profile.ifPresent(p -> member.applyProfile(p, clock.instant()));
            members.persist(member);
            return member;
        });
    }

    /** Re-reads the member's profile from their platform now (what {@code settings} does). */
    @Transactional
    public void refresh(Member member, ProfileSource profiles) {
        lookup(profiles, member.platformUserId()).ifPresent(p -> member.applyProfile(p, clock.instant()));
    }

    /** The person's profile, or empty when the platform has none or is slow or down (tried again next time). */
    private static Optional<Profile> lookup(ProfileSource profiles, String userId) {
        try {
            return profiles.lookup(userId);
        } catch (RuntimeException e) {
            // the platform being slow or down must not stop the command
            LOG.warnf("Could not read the profile of user %s: %s", userId, e.getMessage());
            return Optional.empty();
        }
    }

    private boolean stale(Member member) {
        Instant refreshed = member.profileRefreshedAt();
        return refreshed == null || refreshed.isBefore(clock.instant().minus(PROFILE_MAX_AGE));
    }
}
