package app.pacer.leads;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.UserRef;
import app.pacer.core.org.Member;
import app.pacer.core.org.OrgService;
import app.pacer.core.org.Role;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Moving leads along: stage, note, next follow-up, owner, snooze, follow-up done; and the stages themselves. */
@ApplicationScoped
public class LeadEditCommands implements CommandProvider {

    private final LeadService leads;
    private final Stages stages;
    private final OrgService org;

    public LeadEditCommands(LeadService leads, Stages stages, OrgService org) {
        this.leads = leads;
        this.stages = stages;
        this.org = org;
    }

    @Override
    public List<CommandSpec> commands() {
        LeadNumberArg number = new LeadNumberArg();
        return List.of(
                CommandSpec.command("lead.stage", "stage", "阶段")
                        .arg(ArgSpec.required("lead", number)).arg(ArgSpec.required("stage", ArgTypes.word("arg.stage")))
                        .arg(ArgSpec.optional("reason", ArgTypes.text("arg.reason"))).handler(this::stage),
                CommandSpec.command("lead.note", "note", "备注")
                        .arg(ArgSpec.required("lead", number)).arg(ArgSpec.required("text", ArgTypes.text("arg.note")))
                        .form(i -> form(i, "lead.note", "lead.form.note_title", new Form.Input("text",
                                i.messages().get("lead.field.note"), Form.Input.Kind.MULTILINE, true, null, null, null)))
                        .handler(this::note),
                CommandSpec.command("lead.next", "next", "跟进")
                        .arg(ArgSpec.required("lead", number)).arg(ArgSpec.required("date", ArgTypes.date()))
                        .form(i -> form(i, "lead.next", "lead.form.next_title", new Form.Input("date",
                                i.messages().get("lead.field.next"), Form.Input.Kind.DATE, true, null, null, null)))
                        .handler(this::next),
                CommandSpec.command("lead.done", "done", "完成")
                        .arg(ArgSpec.required("lead", number)).arg(ArgSpec.optional("date", ArgTypes.date()))
                        .form(i -> form(i, "lead.done", "lead.form.done_title", new Form.Input("date",
                                i.messages().get("lead.field.next_or_empty"), Form.Input.Kind.DATE, false, null, null, null)))
                        .handler(this::done),
                CommandSpec.command("lead.close", "close", "预计成交")
                        .arg(ArgSpec.required("lead", number)).arg(ArgSpec.optional("date", ArgTypes.date()))
                        .form(i -> form(i, "lead.close", "lead.form.close_title", new Form.Input("date",
                                i.messages().get("lead.field.close_or_empty"), Form.Input.Kind.DATE, false, null, null, null)))
                        .handler(this::close),
                CommandSpec.command("lead.snooze", "snooze", "推迟")
                        .arg(ArgSpec.required("lead", number)).handler(this::snooze),
                CommandSpec.command("lead.assign", "assign", "分配").role(Role.MANAGER)
                        .arg(ArgSpec.required("lead", number)).arg(ArgSpec.required("to", ArgTypes.member()))
                        .handler(this::assign),
                CommandSpec.command("stage", "stage", "阶段", "stages").handler(this::stageList),
                CommandSpec.command("stage.add", "add", "添加").role(Role.ADMIN)
                        .arg(ArgSpec.required("key", ArgTypes.word("arg.stage_key")))
                        .arg(ArgSpec.required("english", ArgTypes.word("arg.name_en")))
                        .arg(ArgSpec.required("chinese", ArgTypes.word("arg.name_zh"))).handler(this::stageAdd),
                CommandSpec.command("stage.rename", "rename", "重命名").role(Role.ADMIN)
                        .arg(ArgSpec.required("stage", ArgTypes.word("arg.stage")))
                        .arg(ArgSpec.required("english", ArgTypes.word("arg.name_en")))
                        .arg(ArgSpec.required("chinese", ArgTypes.word("arg.name_zh"))).handler(this::stageRename));
    }

    /** A small form for one lead: the lead number travels as a fixed argument. */
    private static Form form(Invocation invocation, String command, String titleKey, Form.Input input) {
        String lead = invocation.arg("lead", Integer.class).map(String::valueOf)
                .orElseThrow(() -> new ArgError("error.missing_argument", new ArgError.Key("arg.lead")));
        return new Form(ActionRef.of(command, Map.of("lead", lead)), invocation.messages().get(titleKey, "#" + lead),
                invocation.messages().get("form.save"), List.of(input));
    }

    private Lead lead(Invocation invocation) {
        return leads.visible(invocation.member(), invocation.required("lead", Integer.class));
    }

    private Reply stage(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Lead lead = lead(invocation);
        Stage from = stages.byKey(actor.workspaceId(), lead.stageKey());
        Stage to = stages.require(actor.workspaceId(), invocation.required("stage", String.class), m.language());
        String reason = invocation.arg("reason", String.class).map(String::trim).filter(r -> !r.isEmpty()).orElse(null);
        if (to.kind() == Stage.Kind.LOST && reason == null) {
            throw new ArgError("error.lead.lost_reason");
        }
        if (reason != null && reason.length() > 500) {
            throw new ArgError("error.text.too_long", 500);
        }
        if (to.key().equals(from.key())) {
            return Reply.text(m.get("lead.stage.same", "#" + lead.number(), Markdown.literal(to.name(m.language()))));
        }
        leads.moveTo(lead, from, to, reason, actor, invocation.now());
        String extra = to.kind() == Stage.Kind.WON ? " 🎉 " + m.get("lead.won_logged") : "";
        return Reply.text("✅ " + m.get("lead.stage.moved", "#" + lead.number(), Markdown.literal(lead.name()),
                Markdown.literal(to.name(m.language()))) + extra);
    }

    private Reply note(Invocation invocation) {
        Lead lead = lead(invocation);
        String text = invocation.required("text", String.class).trim();
        if (text.isEmpty()) {
            throw new ArgError("error.required_field").on("text");
        }
        if (text.length() > 2000) {
            throw new ArgError("error.text.too_long", 2000).on("text");
        }
        leads.addNote(lead, invocation.member(), text, invocation.now());
        return Reply.text("✅ " + invocation.messages().get("lead.noted", "#" + lead.number()));
    }

    private Reply next(Invocation invocation) {
        Lead lead = lead(invocation);
        LocalDate date = invocation.required("date", LocalDate.class);
        return setNext(invocation, lead, Optional.of(date));
    }

    private Reply done(Invocation invocation) {
        return setNext(invocation, lead(invocation), invocation.arg("date", LocalDate.class));
    }

    private Reply setNext(Invocation invocation, Lead lead, Optional<LocalDate> date) {
        Messages m = invocation.messages();
        if (date.isPresent() && date.get().isBefore(invocation.today())) {
            throw new ArgError("error.lead.next_past", date.get().toString()).on("date");
        }
        lead.setNextFollowUp(date.orElse(null));
        lead.touch(invocation.now());
        leads.event(lead, invocation.member(), "next follow-up: " + date.map(LocalDate::toString).orElse("none"), invocation.now());
        return Reply.text("✅ " + date.map(d -> m.get("lead.next.set", "#" + lead.number(), d.toString()))
                .orElse(m.get("lead.next.cleared", "#" + lead.number())));
    }

    /** The expected close date; without a date it is cleared. Any date is taken: a deal may be late. */
    private Reply close(Invocation invocation) {
        Messages m = invocation.messages();
        Lead lead = lead(invocation);
        Optional<LocalDate> date = invocation.arg("date", LocalDate.class);
        lead.setExpectedClose(date.orElse(null));
        lead.touch(invocation.now());
        leads.event(lead, invocation.member(), "expected close: " + date.map(LocalDate::toString).orElse("none"), invocation.now());
        return Reply.text("✅ " + date.map(d -> m.get("lead.close.set", "#" + lead.number(), d.toString()))
                .orElse(m.get("lead.close.cleared", "#" + lead.number())));
    }

    private Reply snooze(Invocation invocation) {
        Lead lead = lead(invocation);
        LocalDate from = lead.nextFollowUp() == null || lead.nextFollowUp().isBefore(invocation.today())
                ? invocation.today() : lead.nextFollowUp();
        return setNext(invocation, lead, Optional.of(from.plusDays(1)));
    }

    private Reply assign(Invocation invocation) {
        Member actor = invocation.member();
        Lead lead = lead(invocation);
        Member owner = org.memberFor(actor.workspaceId(), invocation.required("to", UserRef.class), invocation.profiles());
        lead.setOwner(owner.id());
        lead.touch(invocation.now());
        leads.event(lead, actor, "owner: " + owner.displayName(), invocation.now());
        return Reply.text("✅ " + invocation.messages().get("lead.assigned", "#" + lead.number(), Markdown.literal(owner.displayName())));
    }

    private Reply stageList(Invocation invocation) {
        Messages m = invocation.messages();
        List<String> lines = stages.of(invocation.member().workspaceId()).stream()
                .map(s -> "`" + s.key() + "` — " + s.nameEn() + " / " + s.nameZh()
                        + (s.kind() == Stage.Kind.OPEN ? "" : " (" + m.get("lead.stage.kind." + s.kind().name().toLowerCase()) + ")"))
                .toList();
        return Reply.message(m.get("lead.stages.title"), List.of(new app.pacer.core.reply.Block.Header(m.get("lead.stages.title")),
                new app.pacer.core.reply.Block.Bullets(lines)));
    }

    /** Stage names are shown in lists and cards: 64 characters at most (the column's width). */
    static void checkNames(Invocation invocation) {
        for (String name : List.of("english", "chinese")) {
            if (invocation.required(name, String.class).length() > 64) {
                throw new ArgError("error.text.too_long", 64);
            }
        }
    }

    private Reply stageAdd(Invocation invocation) {
        checkNames(invocation);
        Long ws = invocation.member().workspaceId();
        String key = invocation.required("key", String.class).toLowerCase(java.util.Locale.ROOT);
        if (!key.matches("[a-z][a-z0-9_-]{1,31}")) {
            throw new ArgError("error.metric.key", key);
        }
        if (stages.of(ws).stream().anyMatch(s -> s.matches(key))) {
            throw new ArgError("error.stage.exists", key);
        }
        int position = stages.of(ws).stream().filter(s -> s.kind() == Stage.Kind.OPEN).mapToInt(Stage::position).max().orElse(50) + 1;
        stages.upsert(ws, key, invocation.required("english", String.class), invocation.required("chinese", String.class), position);
        return Reply.text("✅ " + invocation.messages().get("lead.stage.added", key));
    }

    private Reply stageRename(Invocation invocation) {
        checkNames(invocation);
        Long ws = invocation.member().workspaceId();
        Stage stage = stages.require(ws, invocation.required("stage", String.class), invocation.messages().language());
        stages.upsert(ws, stage.key(), invocation.required("english", String.class), invocation.required("chinese", String.class),
                stage.position());
        return Reply.text("✅ " + invocation.messages().get("lead.stage.renamed", stage.key()));
    }
}
