package app.pacer.leads;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.Token;
import app.pacer.core.command.Tokenizer;
import app.pacer.core.command.UserRef;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.OrgService;
import app.pacer.core.org.Role;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Paging;
import app.pacer.core.reply.Reply;
import app.pacer.core.search.SearchTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code lead add|list|show|find}: recording leads in seconds and finding them again. */
@ApplicationScoped
public class LeadCommands implements CommandProvider {

    static final int PAGE = 10;
    static final int FIND_SCAN = 300;
    static final List<String> SOURCES = List.of("web", "referral", "event", "cold call", "social", "partner", "other");

    private final EntityManager em;
    private final LeadService leads;
    private final Stages stages;
    private final OrgService org;
    private final MemberRepository members;
    private final WorkspaceRepository workspaces;
    private final List<LeadCardSection> cardSections;

    public LeadCommands(EntityManager em, LeadService leads, Stages stages, OrgService org, MemberRepository members,
            WorkspaceRepository workspaces, jakarta.enterprise.inject.Instance<LeadCardSection> cardSections) {
        this.cardSections = cardSections.stream().toList();
        this.em = em;
        this.leads = leads;
        this.stages = stages;
        this.org = org;
        this.members = members;
        this.workspaces = workspaces;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("lead", "lead", "客户", "leads").handler(i -> list(i, "")),
                CommandSpec.command("lead.add", "add", "添加", "新增")
                        .arg(ArgSpec.optional("name", ArgTypes.text("arg.lead_name")))
                        .arg(ArgSpec.option("company", ArgTypes.word("arg.company")))
                        .arg(ArgSpec.option("email", ContactArg.email()))
                        .arg(ArgSpec.option("phone", ContactArg.phone()))
                        .arg(ArgSpec.option("wechat", ArgTypes.word("arg.wechat")))
                        .arg(ArgSpec.option("source", ArgTypes.word("arg.source")))
                        .arg(ArgSpec.option("value", ArgTypes.amountOrZero()))
                        .arg(ArgSpec.option("stage", ArgTypes.word("arg.stage")))
                        .arg(ArgSpec.option("next", ArgTypes.date()))
                        .arg(ArgSpec.option("close", ArgTypes.date()))
                        .arg(ArgSpec.option("note", ArgTypes.text("arg.note")))
                        .arg(ArgSpec.option("force", ArgTypes.word("arg.yes")))
                        .form(this::addForm)
                        .handler(this::add),
                CommandSpec.command("lead.list", "list", "列表")
                        .arg(ArgSpec.optional("filters", ArgTypes.text("arg.lead_filters")))
                        .handler(i -> list(i, i.arg("filters", String.class).orElse(""))),
                CommandSpec.command("lead.show", "show", "查看")
                        .arg(ArgSpec.required("lead", new LeadNumberArg())).handler(this::show),
                CommandSpec.command("lead.find", "find", "查找", "search")
                        .arg(ArgSpec.required("text", ArgTypes.text("arg.search"))).handler(this::find));
    }

    private Form addForm(Invocation invocation) {
        Messages m = invocation.messages();
        List<Form.Choice> stageChoices = stages.of(invocation.member().workspaceId()).stream()
                .filter(s -> s.kind() == Stage.Kind.OPEN).map(s -> new Form.Choice(s.key(), s.name(m.language()))).toList();
        List<Form.Choice> sources = SOURCES.stream().map(s -> new Form.Choice(s, m.get("lead.source." + s.replace(' ', '_')))).toList();
        return new Form(ActionRef.of("lead.add"), m.get("lead.form.title"), m.get("form.save"), List.of(
                new Form.Input("name", m.get("lead.field.name"), Form.Input.Kind.TEXT, true, null, m.get("lead.form.name_hint"), null),
                new Form.Input("company", m.get("lead.field.company"), Form.Input.Kind.TEXT, false, null, null, null),
                new Form.Input("email", m.get("lead.field.email"), Form.Input.Kind.TEXT, false, null, null, null),
                new Form.Input("phone", m.get("lead.field.phone"), Form.Input.Kind.TEXT, false, null, null, null),
                new Form.Input("wechat", m.get("lead.field.wechat"), Form.Input.Kind.TEXT, false, null, null, null),
                new Form.Input("source", m.get("lead.field.source"), Form.Input.Kind.SELECT, false, null, null, sources),
                new Form.Input("stage", m.get("lead.field.stage"), Form.Input.Kind.SELECT, false, "new", null, stageChoices),
                new Form.Input("value", m.get("lead.field.value"), Form.Input.Kind.NUMBER, false, null, null, null),
                new Form.Input("next", m.get("lead.field.next"), Form.Input.Kind.DATE, false, null, null, null),
                new Form.Input("close", m.get("lead.field.close"), Form.Input.Kind.DATE, false, null, null, null),
                new Form.Input("note", m.get("lead.field.note"), Form.Input.Kind.MULTILINE, false, null, null, null)));
    }

    private Reply add(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        String name = invocation.arg("name", String.class).map(String::trim).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new ArgError("error.lead.name").on("name"));
        if (name.length() > 200) {
            throw new ArgError("error.text.too_long", 200).on("name");
        }
        Stage stage = invocation.arg("stage", String.class).map(s -> stages.require(actor.workspaceId(), s, m.language()))
                .orElse(Stage.BUILTIN.get(0));
        if (stage.closed()) {
            throw new ArgError("error.lead.new_closed").on("stage");
        }
        Optional<LocalDate> next = invocation.arg("next", LocalDate.class);
        if (next.isPresent() && next.get().isBefore(invocation.today())) {
            throw new ArgError("error.lead.next_past", next.get().toString()).on("next");
        }
        Optional<String> email = invocation.arg("email", String.class);
        Optional<String> phone = invocation.arg("phone", String.class);
        boolean force = invocation.arg("force", String.class).map(f -> f.matches("(?i)yes|y|true|1|是")).orElse(false);
        if (!force) {
            Optional<Lead> duplicate = leads.duplicate(actor.workspaceId(), email.orElse(null), phone.orElse(null));
            if (duplicate.isPresent()) {
                Lead d = duplicate.get();
                String field = email.isPresent() && Contacts.normaliseEmail(email.get()).equals(Contacts.normaliseEmail(d.email()))
                        ? "email" : "phone";
                // name the other lead only to whoever may open it: a rep learns nothing of a colleague's customer
                throw (LeadService.mayEdit(actor, d) ? new ArgError("error.lead.duplicate", "#" + d.number(), d.name())
                        : new ArgError("error.lead.duplicate_elsewhere")).on(field);
            }
        }
        Lead lead = new Lead(actor.workspaceId(), leads.nextNumber(actor.workspaceId()), name, actor.id(), stage.key(), invocation.now());
        invocation.arg("company", String.class).map(String::trim).filter(s -> !s.isEmpty()).ifPresent(lead::setCompany);
        email.ifPresent(lead::setEmail);
        phone.ifPresent(lead::setPhone);
        invocation.arg("wechat", String.class).map(String::trim).filter(s -> !s.isEmpty()).ifPresent(lead::setWechat);
        invocation.arg("source", String.class).map(String::trim).filter(s -> !s.isEmpty()).ifPresent(lead::setSource);
        invocation.arg("value", BigDecimal.class).ifPresent(lead::setValue);
        next.ifPresent(lead::setNextFollowUp);
        invocation.arg("close", LocalDate.class).ifPresent(lead::setExpectedClose);
        leads.persistNew(lead, actor, invocation.now());
        invocation.arg("note", String.class).map(String::trim).filter(s -> !s.isEmpty())
                .ifPresent(note -> leads.addNote(lead, actor, note.length() > 2000 ? note.substring(0, 2000) : note, invocation.now()));
        String currency = workspaces.findById(actor.workspaceId()).currency();
        return Reply.message(m.get("lead.added", "#" + lead.number(), lead.name()), List.of(
                new Block.Text("✅ " + m.get("lead.added", "#" + lead.number(), Markdown.literal(lead.name()))),
                new Block.Context(LeadView.line(lead, stage, null, invocation.today(), m, currency)),
                new Block.Actions(List.of(Button.of(m.get("lead.button.show"), ActionRef.of("lead.show",
                        Map.of("lead", String.valueOf(lead.number()))))))));
    }

    /** Filters, in any order: a stage, {@code mine}/{@code @person}/{@code team}, {@code overdue}, {@code page=N}. */
    private Reply list(Invocation invocation, String filters) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Stage stage = null;
        Long owner = actor.id();
        boolean overdue = false;
        int page = 1;
        for (Token token : Tokenizer.tokenize(filters)) {
            String t = token.text().toLowerCase(Locale.ROOT);
            if (token.isOption() && token.key().equals("page") && t.matches("\\d{1,4}")) {
                page = Integer.parseInt(t);
            } else if (t.equals("overdue") || t.equals("逾期")) {
                overdue = true;
            } else if (t.equals("team") || t.equals("团队") || t.equals("all")) {
                if (!actor.role().atLeast(Role.MANAGER)) {
                    throw new ArgError("error.lead.team_only_managers");
                }
                owner = null;
            } else if (t.equals("mine") || t.equals("me") || t.equals("我的") || t.equals("我")) {
                owner = actor.id();
            } else if (token.isMention()) {
                UserRef ref = ArgTypes.member().parse(token.text(), new app.pacer.core.command.ParseContext(
                        invocation.today(), actor.zone(), actor.platformUserId(), Map.of()));
                Member who = org.memberFor(actor.workspaceId(), ref, invocation.profiles());
                if (!who.id().equals(actor.id()) && !actor.role().atLeast(Role.MANAGER)) {
                    throw new ArgError("error.lead.team_only_managers");
                }
                owner = who.id();
            } else {
                stage = stages.require(actor.workspaceId(), token.text(), m.language());
            }
        }
        String where = "l.workspaceId = :ws" + (owner == null ? "" : " and l.ownerId = :owner")
                + (stage == null ? "" : " and l.stageKey = :stage")
                // won and lost are the only closed stages (custom ones are open): literals match the partial index
                + (overdue ? " and l.nextFollowUp < :today and l.stageKey not in ('won', 'lost')" : "");
        TypedQuery<Long> count = em.createQuery("select count(l) from Lead l where " + where, Long.class);
        TypedQuery<Lead> query = em.createQuery("from Lead l where " + where
                // the indexes' own order: a page is read straight off the index, however many leads match
                + " order by l.nextFollowUp asc nulls last, l.number asc", Lead.class);
        for (TypedQuery<?> q : List.of(count, query)) {
            q.setParameter("ws", actor.workspaceId());
            if (owner != null) {
                q.setParameter("owner", owner);
            }
            if (stage != null) {
                q.setParameter("stage", stage.key());
            }
            if (overdue) {
                q.setParameter("today", invocation.today());
            }
        }
        Map<Long, Long> overdueByOwner = overdue && owner == null && stage == null
                ? overdueCounts(actor.workspaceId(), invocation.today()) : null;
        // the team's overdue total is the sum of the per-rep counts: one index-only scan instead of two
        long total = overdueByOwner != null ? overdueByOwner.values().stream().mapToLong(Long::longValue).sum()
                : count.getSingleResult();
        int pages = (int) Math.max(1, (total + PAGE - 1) / PAGE);
        page = Math.min(Math.max(page, 1), pages);
        List<Lead> found = query.setFirstResult((page - 1) * PAGE).setMaxResults(PAGE).getResultList();
        String title = m.get(overdue ? "lead.list.overdue_title" : "lead.list.title", total);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(title));
        if (found.isEmpty()) {
            blocks.add(new Block.Text(m.get("lead.list.none")));
        } else {
            blocks.add(new Block.Bullets(lines(found, invocation, owner == null)));
        }
        if (overdueByOwner != null && !overdueByOwner.isEmpty()) {
            List<Map.Entry<Long, Long>> top = overdueByOwner.entrySet().stream()
                    .sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(20).toList();
            Map<Long, String> owners = names(top.stream().map(Map.Entry::getKey).toList());
            blocks.add(new Block.Context(m.get("lead.overdue_by_owner", String.join(", ",
                    top.stream().map(e -> Markdown.literal(owners.get(e.getKey())) + " " + e.getValue()).toList()))));
        }
        String base = filters.replaceAll("(?i)page=\\S+", "").trim();
        blocks.addAll(Paging.controls(m, page, pages,
                n -> ActionRef.of("lead.list", Map.of("filters", (base + " page=" + n).trim()))));
        return Reply.message(title, blocks);
    }

    private List<String> lines(List<Lead> found, Invocation invocation, boolean withOwner) {
        Messages m = invocation.messages();
        Long ws = invocation.member().workspaceId();
        String currency = workspaces.findById(ws).currency();
        Map<String, Stage> byKey = new HashMap<>();
        stages.of(ws).forEach(s -> byKey.put(s.key(), s));
        Map<Long, String> names = withOwner ? names(found.stream().map(Lead::ownerId).toList()) : Map.of();
        List<String> lines = new ArrayList<>();
        for (Lead lead : found) {
            Stage stage = byKey.getOrDefault(lead.stageKey(), stages.byKey(ws, lead.stageKey()));
            lines.add(LeadView.line(lead, stage, withOwner ? names.get(lead.ownerId()) : null, invocation.today(), m, currency));
        }
        return lines;
    }

    /** Display names of several members in one query. */
    private Map<Long, String> names(List<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            members.list("id in ?1", ids.stream().distinct().toList()).forEach(mm -> names.put(mm.id(), mm.displayName()));
        }
        return names;
    }

    /**
     * The same, for a query whose last word is a prefix. PostgreSQL cannot estimate how rare a prefix is
     * ({@code 13800138123:*}): guessing 1 % of all leads, it walks the whole table, or a workspace's index in
     * order, expecting 300 matches early; one phone number took 140-570 ms at 400,000 leads, growing with every
     * workspace. Bitmap scans only (the GIN index and the workspace's) cost what the matches cost: 13-33 ms there.
     * Whole words are estimated well and are left to the planner. A failed search rolls the transaction back, and
     * the settings with it.
     */
    private List<Number> prefixSearch(Member actor, String tsquery, boolean all) {
        planWith("off");
        List<Number> ids = search(actor, tsquery, all);
        planWith("on");
        return ids;
    }

    private void planWith(String tableAndIndexScans) {
        em.createNativeQuery("SELECT set_config('enable_seqscan', ?1, true), set_config('enable_indexscan', ?1, true)")
                .setParameter(1, tableAndIndexScans).getResultList();
    }

    /**
     * Matching lead ids, newest first. The GIN index finds the matches; at most a few hundred are then ordered,
     * so a word that matches half the workspace costs no more than a rare one.
     */
    private List<Number> search(Member actor, String tsquery, boolean all) {
        jakarta.persistence.Query search = em.createNativeQuery(
                "SELECT id FROM (SELECT id, number FROM lead WHERE workspace_id = ?1 AND search @@ to_tsquery('simple', ?2)"
                + (all ? "" : " AND owner_id = ?3") + " LIMIT " + FIND_SCAN + ") found ORDER BY number DESC LIMIT " + (PAGE + 1))
                .setParameter(1, actor.workspaceId()).setParameter(2, tsquery);
        if (!all) {
            search.setParameter(3, actor.id());
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = search.getResultList();
        return ids;
    }

    /** Overdue follow-ups per owner (open leads only), from the partial index alone. */
    private Map<Long, Long> overdueCounts(Long workspaceId, LocalDate today) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT owner_id, count(*) FROM lead
                WHERE workspace_id = ?1 AND next_follow_up < ?2 AND stage_key NOT IN ('won', 'lost')
                GROUP BY owner_id""").setParameter(1, workspaceId).setParameter(2, today).getResultList();
        Map<Long, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        return counts;
    }

    private Reply show(Invocation invocation) {
        Member actor = invocation.member();
        Lead lead = leads.visible(actor, invocation.required("lead", Integer.class));
        Stage stage = stages.byKey(actor.workspaceId(), lead.stageKey());
        Reply.Message card = LeadView.card(lead, stage, stages.next(actor.workspaceId(), stage),
                members.findById(lead.ownerId()).displayName(), leads.notes(lead, 3), leads.history(lead, 5), actor,
                invocation.messages(), workspaces.findById(actor.workspaceId()).currency());
        List<Block> blocks = new ArrayList<>(card.blocks());
        for (LeadCardSection section : cardSections) {
            // above the buttons, which come last
            blocks.addAll(blocks.size() - 1, section.blocks(lead.ref(), actor, invocation.messages()));
        }
        return new Reply.Message(card.summary(), blocks, card.visibility());
    }

    private Reply find(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        String text = invocation.required("text", String.class);
        String tsquery = SearchTokens.query(text);
        if (tsquery == null) {
            throw new ArgError("error.lead.find_empty");
        }
        boolean all = actor.role().atLeast(Role.MANAGER);
        // whole words first (cheap in the GIN index); the last word as a prefix only when that finds too little
        List<Number> ids = search(actor, SearchTokens.query(text, false), all);
        if (ids.size() < PAGE) {
            List<Number> more = prefixSearch(actor, tsquery, all);
            if (more.size() > ids.size()) {
                ids = more;
            }
        }
        List<Lead> found = ids.stream().limit(PAGE).map(id -> em.find(Lead.class, id.longValue())).toList();
        String title = m.get("lead.find.title", text); // a header: plain text
        if (found.isEmpty()) {
            return Reply.text(m.get("lead.find.none", Markdown.literal(text)));
        }
        List<Block> blocks = new ArrayList<>(List.of(new Block.Header(title), new Block.Bullets(lines(found, invocation, all))));
        if (ids.size() > PAGE) {
            blocks.add(new Block.Context(m.get("lead.find.more")));
        }
        return Reply.message(title, blocks);
    }
}
