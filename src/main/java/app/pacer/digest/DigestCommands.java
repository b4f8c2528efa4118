package app.pacer.digest;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Conversation;
import app.pacer.core.section.HomeSections;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.TimeArg;
import app.pacer.core.org.Member;
import app.pacer.core.org.Role;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code digest …} (the team's channel digest and standup round) and {@code dashboard} (your home, anywhere). */
@ApplicationScoped
public class DigestCommands implements CommandProvider {

    static final int MAX_ANSWER = 1000;

    enum Switch { ON, OFF }

    private final EntityManager em;
    private final DigestService digests;
    private final HomeSections home;

    public DigestCommands(EntityManager em, DigestService digests, HomeSections home) {
        this.em = em;
        this.digests = digests;
        this.home = home;
    }

    @Override
    public List<CommandSpec> commands() {
        var onOff = ArgTypes.choice("arg.on_off", Switch.class, Map.of("开", Switch.ON, "开启", Switch.ON, "关", Switch.OFF,
                "关闭", Switch.OFF, "yes", Switch.ON, "no", Switch.OFF));
        return List.of(
                CommandSpec.command("digest", "digest", "日报").handler(this::status),
                CommandSpec.command("digest.channel", "channel", "频道").role(Role.MANAGER)
                        .arg(ArgSpec.option("tz", ArgTypes.timeZone())).handler(this::channel),
                CommandSpec.command("digest.time", "time", "时间").role(Role.MANAGER)
                        .arg(ArgSpec.required("time", new TimeArg())).arg(ArgSpec.option("tz", ArgTypes.timeZone()))
                        .handler(this::time),
                CommandSpec.command("digest.off", "off", "关闭").role(Role.MANAGER).handler(i -> enable(i, false)),
                CommandSpec.command("digest.on", "on", "开启").role(Role.MANAGER).handler(i -> enable(i, true)),
                CommandSpec.command("digest.now", "now", "现在").role(Role.MANAGER).handler(i -> now(i, false)),
                CommandSpec.command("digest.week", "week", "周报").role(Role.MANAGER).handler(i -> now(i, true)),
                CommandSpec.command("digest.standup", "standup", "站会").role(Role.MANAGER)
                        .arg(ArgSpec.required("switch", onOff)).handler(this::standup),
                CommandSpec.command("digest.standup.answer", "answer").hidden().handler(this::standupForm),
                CommandSpec.command("digest.standup.save", "save").hidden()
                        .arg(ArgSpec.optional("yesterday", ArgTypes.text("arg.note")))
                        .arg(ArgSpec.option("today", ArgTypes.text("arg.note")))
                        .arg(ArgSpec.option("blockers", ArgTypes.text("arg.note")))
                        .handler(this::standupSave),
                CommandSpec.command("dashboard", "dashboard", "仪表盘", "看板", "home").handler(this::dashboard));
    }

    private DigestChannel require(Invocation invocation) {
        return digests.of(invocation.member().workspaceId())
                .orElseThrow(() -> new ArgError("error.digest.no_channel"));
    }

    private Reply status(Invocation invocation) {
        Messages m = invocation.messages();
        Optional<DigestChannel> channel = digests.of(invocation.member().workspaceId());
        if (channel.isEmpty()) {
            return Reply.text(m.get("digest.status.none"));
        }
        DigestChannel c = channel.get();
        return Reply.text(m.get(c.enabled() ? "digest.status.on" : "digest.status.off", c.time().toString(), c.zone().getId(),
                m.get(c.standup() ? "digest.standup.is_on" : "digest.standup.is_off")));
    }

    private Reply channel(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        Conversation here = invocation.conversation();
        if (here == null || here.kind() == Conversation.Kind.DIRECT || here.id() == null) {
            throw new ArgError("error.digest.in_channel");
        }
        ZoneId zone = invocation.arg("tz", ZoneId.class).orElse(actor.zone());
        Optional<DigestChannel> existing = digests.of(actor.workspaceId());
        DigestChannel channel;
        if (existing.isPresent()) {
            channel = existing.get();
            channel.moveTo(here.id(), zone, actor.language(), actor.id(), invocation.now());
        } else {
            channel = new DigestChannel(actor.workspaceId(), here.id(), zone, actor.language(), actor.id(), invocation.now());
            em.persist(channel);
        }
        return Reply.message(m.get("digest.channel.set", channel.time().toString(), zone.getId()), List.of(
                new Block.Text("✅ " + m.get("digest.channel.set", channel.time().toString(), zone.getId())),
                new Block.Context(m.get("digest.channel.hint"))));
    }

    private Reply time(Invocation invocation) {
        DigestChannel channel = require(invocation);
        LocalTime at = invocation.required("time", LocalTime.class);
        ZoneId zone = invocation.arg("tz", ZoneId.class).orElse(channel.zone());
        channel.at(at, zone, invocation.now());
        return Reply.text("✅ " + invocation.messages().get("digest.time.set", at.toString(), zone.getId()));
    }

    private Reply enable(Invocation invocation, boolean on) {
        DigestChannel channel = require(invocation);
        channel.enable(on, invocation.now());
        return Reply.text("✅ " + invocation.messages().get(on ? "digest.enabled" : "digest.disabled"));
    }

    private Reply now(Invocation invocation, boolean weekly) {
        DigestChannel channel = require(invocation);
        LocalDate today = invocation.now().atZone(channel.zone()).toLocalDate();
        digests.postNow(channel, today, invocation.now(), weekly);
        return Reply.text("✅ " + invocation.messages().get(weekly ? "digest.week.posted" : "digest.now.posted"));
    }

    private Reply standup(Invocation invocation) {
        DigestChannel channel = require(invocation);
        boolean on = invocation.required("switch", Switch.class) == Switch.ON;
        channel.standup(on, invocation.now());
        return Reply.text("✅ " + invocation.messages().get(on ? "digest.standup.on" : "digest.standup.off",
                channel.time().minus(DigestTick.STANDUP_LEAD).toString()));
    }

    private Form form(Invocation invocation) {
        Messages m = invocation.messages();
        return new Form(ActionRef.of("digest.standup.save"), m.get("standup.form.title"), m.get("form.save"), List.of(
                new Form.Input("yesterday", m.get("standup.field.yesterday"), Form.Input.Kind.MULTILINE, false, null, null, null),
                new Form.Input("today", m.get("standup.field.today"), Form.Input.Kind.MULTILINE, false, null, null, null),
                new Form.Input("blockers", m.get("standup.field.blockers"), Form.Input.Kind.MULTILINE, false, null, null, null)));
    }

    private Reply standupForm(Invocation invocation) {
        require(invocation);
        return new Reply.OpenForm(form(invocation));
    }

    private Reply standupSave(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        DigestChannel channel = require(invocation);
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        String[] values = new String[3];
        String[] names = {"yesterday", "today", "blockers"};
        for (int i = 0; i < names.length; i++) {
            String v = invocation.arg(names[i], String.class).map(String::strip).orElse("");
            if (v.length() > MAX_ANSWER) {
                errors.put(names[i], m.get("error.text.too_long", MAX_ANSWER));
            }
            values[i] = v.isEmpty() ? null : v;
        }
        if (errors.isEmpty() && values[0] == null && values[1] == null && values[2] == null) {
            errors.put("today", m.get("error.required_field"));
        }
        if (!errors.isEmpty()) {
            return new Reply.FormErrors(form(invocation).withValues(invocation.formValues()), errors);
        }
        LocalDate day = invocation.now().atZone(channel.zone()).toLocalDate();
        // a second submit (a double click, or a change of mind) replaces the first: one answer per member and day
        em.createNativeQuery("""
                INSERT INTO standup_answer (workspace_id, member_id, local_date, yesterday, today, blockers, created_at)
                VALUES (?1, ?2, ?3, CAST(?4 AS VARCHAR), CAST(?5 AS VARCHAR), CAST(?6 AS VARCHAR), ?7)
                ON CONFLICT (member_id, local_date) DO UPDATE SET yesterday = EXCLUDED.yesterday, today = EXCLUDED.today,
                    blockers = EXCLUDED.blockers""")
                .setParameter(1, actor.workspaceId()).setParameter(2, actor.id()).setParameter(3, day)
                .setParameter(4, values[0]).setParameter(5, values[1]).setParameter(6, values[2])
                .setParameter(7, java.time.OffsetDateTime.ofInstant(invocation.now(), java.time.ZoneOffset.UTC)).executeUpdate();
        return Reply.text("✅ " + m.get("standup.saved", channel.time().toString()));
    }

    private Reply dashboard(Invocation invocation) {
        Member member = invocation.member();
        Messages m = invocation.messages();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(m.get("dashboard.title", member.displayName())));
        blocks.addAll(home.blocks(member, invocation.today(), m));
        if (blocks.size() == 1) {
            blocks.add(new Block.Text(m.get("dashboard.empty")));
        }
        return Reply.message(m.get("dashboard.title", member.displayName()), blocks);
    }
}
