package app.pacer.privacy;

import app.pacer.core.audit.AuditAction;
import app.pacer.core.audit.AuditLog;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.UserRef;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.OrgService;
import app.pacer.core.org.Role;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.core.section.MemberErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code member erase @person [to=@colleague] [confirm=yes]} (admins): a member who left becomes "former member
 * #N". What the team still works on goes to the colleague (their leads; required when there is any), their
 * private things are deleted by each feature ({@link MemberErasure}), and what counts for the team stays,
 * attributed to the former member. Asks first.
 */
@ApplicationScoped
public class MemberErase implements CommandProvider {

    /** How an erased member's platform id reads: no longer theirs, never matched by a platform again. */
    static final String ERASED_ID = "erased-";

    private final EntityManager em;
    private final OrgService org;
    private final MemberRepository members;
    private final AuditLog audit;
    private final List<MemberErasure> erasures;

    public MemberErase(EntityManager em, OrgService org, MemberRepository members, AuditLog audit,
            Instance<MemberErasure> erasures) {
        this.em = em;
        this.org = org;
        this.members = members;
        this.audit = audit;
        this.erasures = erasures.stream().sorted(Comparator.comparingInt(MemberErasure::order)).toList();
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("member", "member", "成员").role(Role.ADMIN)
                        .handler(i -> Reply.text(i.messages().get("member.hint"))),
                CommandSpec.command("member.erase", "erase", "清除").role(Role.ADMIN)
                        .arg(ArgSpec.required("person", ArgTypes.member()))
                        .arg(ArgSpec.option("to", ArgTypes.member()))
                        .arg(ArgSpec.option("confirm", ArgTypes.word("arg.yes")))
                        .handler(this::typed),
                // the confirmation button: members by id, which work the same on both platforms
                CommandSpec.command("member.erase_confirmed", "erase-confirmed").role(Role.ADMIN).hidden()
                        .arg(ArgSpec.required("member", ArgTypes.word("arg.member")))
                        .arg(ArgSpec.option("successor", ArgTypes.word("arg.member")))
                        .handler(this::confirmed));
    }

    private Reply typed(Invocation invocation) {
        Member actor = invocation.member();
        Member person = org.memberFor(actor.workspaceId(), invocation.required("person", UserRef.class), invocation.profiles());
        Optional<Member> successor = invocation.arg("to", UserRef.class)
                .map(ref -> org.memberFor(actor.workspaceId(), ref, invocation.profiles()));
        boolean confirmed = invocation.arg("confirm", String.class).map(c -> c.matches("(?i)yes|y|true|1|是")).orElse(false);
        return run(invocation, person, successor, confirmed);
    }

    private Reply confirmed(Invocation invocation) {
        Long ws = invocation.member().workspaceId();
        Member person = byId(ws, invocation.required("member", String.class));
        Optional<Member> successor = invocation.arg("successor", String.class).map(id -> byId(ws, id));
        return run(invocation, person, successor, true);
    }

    private Member byId(Long workspaceId, String id) {
        Member member = id.matches("\\d{1,18}") ? members.findById(Long.valueOf(id)) : null;
        if (member == null || !member.workspaceId().equals(workspaceId)) {
            throw new ArgError("error.member", id);
        }
        return member;
    }

    private Reply run(Invocation invocation, Member person, Optional<Member> successor, boolean confirmed) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        if (person.id().equals(actor.id())) {
            throw new ArgError("error.member.erase_self");
        }
        if (erased(person)) {
            throw new ArgError("error.member.erase_already", person.displayName());
        }
        long toHandOver = erasures.stream().mapToLong(e -> e.toHandOver(actor.workspaceId(), person.id())).sum();
        if (successor.isPresent() && (successor.get().id().equals(person.id()) || erased(successor.get()))) {
            throw new ArgError("error.member.erase_successor_invalid", successor.get().displayName());
        }
        if (toHandOver > 0 && successor.isEmpty()) {
            throw new ArgError("error.member.erase_successor", person.displayName(), toHandOver);
        }
        String handOver = toHandOver == 0 ? ""
                : m.get("member.erase.handover", toHandOver, Markdown.literal(successor.get().displayName()));
        if (!confirmed) {
            String question = m.get("member.erase.confirm", Markdown.literal(person.displayName()), person.id(), handOver);
            Map<String, String> args = new HashMap<>(Map.of("member", String.valueOf(person.id())));
            successor.ifPresent(s -> args.put("successor", String.valueOf(s.id())));
            return Reply.message(question, List.of(new Block.Text("🗑️ " + question),
                    new Block.Actions(List.of(new Button(m.get("member.erase.button"),
                            ActionRef.of("member.erase_confirmed", args), Button.Style.DANGER)))));
        }
        String name = person.displayName();
        MemberErasure.Erased erased = new MemberErasure.Erased(actor.workspaceId(), person.id(), person.platformUserId(),
                toHandOver == 0 ? null : successor.get().id(), actor.id(), invocation.now());
        erasures.forEach(e -> e.erase(erased));
        anonymise(person, invocation);
        audit.record(actor, AuditAction.MEMBER_ERASE, "member #" + person.id(), toHandOver == 0 ? null
                : toHandOver + " leads handed over", invocation.now());
        return Reply.text("✅ " + m.get("member.erase.done", name, person.id(), handOver));
    }

    static boolean erased(Member member) {
        return member.platformUserId().startsWith(ERASED_ID);
    }

    /** The member row stays (log entries, reviews and notes point to it) but says nothing of the person. */
    private void anonymise(Member person, Invocation invocation) {
        em.flush();
        em.detach(person);
        OffsetDateTime now = OffsetDateTime.ofInstant(invocation.now(), ZoneOffset.UTC);
        em.createNativeQuery("""
                UPDATE member SET display_name = ?1, platform_user_id = ?2, role = 'REP', platform_locale = NULL,
                    platform_time_zone = NULL, profile_refreshed_at = ?3, language = NULL, time_zone = NULL, work_week = NULL,
                    nudge_time = NULL, nudge_enabled = FALSE, nudged_on = NULL, quiet_on = NULL, contacted_at = NULL,
                    manager_id = NULL, home_opened_at = NULL, updated_at = ?3
                WHERE id = ?4 AND workspace_id = ?5""")
                .setParameter(1, "former member #" + person.id()).setParameter(2, ERASED_ID + person.id())
                .setParameter(3, now).setParameter(4, person.id()).setParameter(5, person.workspaceId()).executeUpdate();
        em.createNativeQuery("UPDATE member SET manager_id = NULL WHERE workspace_id = ?1 AND manager_id = ?2")
                .setParameter(1, person.workspaceId()).setParameter(2, person.id()).executeUpdate();
        em.createNativeQuery("DELETE FROM away WHERE workspace_id = ?1 AND member_id = ?2")
                .setParameter(1, person.workspaceId()).setParameter(2, person.id()).executeUpdate();
    }
}
