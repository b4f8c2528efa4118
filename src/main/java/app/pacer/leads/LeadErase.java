package app.pacer.leads;

import app.pacer.core.audit.AuditAction;
import app.pacer.core.audit.AuditLog;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Role;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.targets.DealCredits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code lead erase <id> [confirm=yes]} (the owner's manager or an admin): the customer's personal data is erased
 * on request — name, company, email, phone, WeChat, notes, the history lines that quote them, the search index,
 * and what other features keep ({@link LeadErasure}: feedback comments). Value, stages, dates and scores stay, so
 * the team's numbers do not change. Asks first: the answer is a button (or {@code confirm=yes}).
 */
@ApplicationScoped
public class LeadErase implements CommandProvider {

    static final String ERASED_LINE = "(erased)";

    private final EntityManager em;
    private final LeadService leads;
    private final MemberRepository members;
    private final DealCredits credits;
    private final AuditLog audit;
    private final List<LeadErasure> erasures;

    public LeadErase(EntityManager em, LeadService leads, MemberRepository members, DealCredits credits, AuditLog audit,
            Instance<LeadErasure> erasures) {
        this.em = em;
        this.leads = leads;
        this.members = members;
        this.credits = credits;
        this.audit = audit;
        this.erasures = erasures.stream().toList();
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.command("lead.erase", "erase", "清除").role(Role.MANAGER)
                .arg(ArgSpec.required("lead", new LeadNumberArg()))
                .arg(ArgSpec.option("confirm", ArgTypes.word("arg.yes")))
                .handler(this::erase));
    }

    private Reply erase(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        int number = invocation.required("lead", Integer.class);
        Lead lead = em.createQuery("from Lead where workspaceId = ?1 and number = ?2", Lead.class)
                .setParameter(1, actor.workspaceId()).setParameter(2, number).getResultStream().findFirst()
                .orElseThrow(() -> new ArgError("error.lead.not_found", "#" + number));
        if (actor.role() != Role.ADMIN && !members.findById(lead.ownerId()).managerId().map(actor.id()::equals).orElse(false)) {
            throw new ArgError("error.lead.erase_not_manager", "#" + number);
        }
        boolean confirmed = invocation.arg("confirm", String.class).map(c -> c.matches("(?i)yes|y|true|1|是")).orElse(false);
        if (!confirmed) {
            String question = m.get("lead.erase.confirm", "#" + number + " " + lead.name());
            return Reply.message(question, List.of(new Block.Text("🗑️ " + question),
                    new Block.Actions(List.of(new Button(m.get("lead.erase.button"), ActionRef.of("lead.erase",
                            Map.of("lead", String.valueOf(number), "confirm", "yes")), Button.Style.DANGER))),
                    new Block.Context(m.get("lead.erase.typed", number))));
        }
        erase(lead, actor, invocation.now());
        audit.record(actor, AuditAction.LEAD_ERASE, "lead #" + number, null, invocation.now());
        return Reply.text("✅ " + m.get("lead.erase.done", "#" + number));
    }

    /** Erases the lead's personal data everywhere Pacer keeps it; what the team counts stays. */
    void erase(Lead lead, Member actor, Instant now) {
        List<String> personal = Stream.of(lead.name(), lead.company(), lead.email(), lead.phone(), lead.wechat(),
                        Contacts.normalisePhone(lead.phone()))
                .filter(s -> s != null && s.strip().length() >= 2).map(s -> s.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        em.createNativeQuery("DELETE FROM lead_note WHERE lead_id = ?1").setParameter(1, lead.id()).executeUpdate();
        // the history's lines are for people: those quoting the customer lose their text, the rest (stages, dates) stay
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("SELECT id, what FROM lead_event WHERE lead_id = ?1")
                .setParameter(1, lead.id()).getResultList();
        List<Long> quoting = new ArrayList<>();
        for (Object[] e : events) {
            String what = ((String) e[1]).toLowerCase(Locale.ROOT);
            if (personal.stream().anyMatch(what::contains)) {
                quoting.add(((Number) e[0]).longValue());
            }
        }
        if (!quoting.isEmpty()) {
            em.createNativeQuery("UPDATE lead_event SET what = ?1 WHERE id IN (?2)").setParameter(1, ERASED_LINE)
                    .setParameter(2, quoting).executeUpdate();
        }
        lead.erasePersonalData();
        lead.touch(now);
        em.flush();
        leads.reindex(lead);
        // a won deal's log entries are named after the lead: they keep their amounts under the new name
        credits.relabel(lead.id(), "#" + lead.number() + " " + lead.name());
        erasures.forEach(e -> e.erase(lead.ref(), now));
        leads.event(lead, actor, "personal data erased", now);
    }
}
