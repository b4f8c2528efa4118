package app.pacer.core.org;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.UserRef;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code settings …} (your language and time zone; the workspace's guest policy) and {@code role …} (who may do
 * what).
 */
@ApplicationScoped
public class OrgCommands implements CommandProvider {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /** {@code settings guests allow|deny}. */
    enum GuestPolicy {
        ALLOW, DENY
    }

    private final OrgService org;
    private final MemberRepository members;
    private final WorkspaceRepository workspaces;

    public OrgCommands(OrgService org, MemberRepository members, WorkspaceRepository workspaces) {
        this.org = org;
        this.members = members;
        this.workspaces = workspaces;
    }

    @Override
    public List<CommandSpec> commands() {
        var language = ArgTypes.choice("arg.language", Language.class, Map.of(
                "english", Language.EN, "英文", Language.EN, "英语", Language.EN,
                "chinese", Language.ZH, "中文", Language.ZH, "简体中文", Language.ZH, "zh-cn", Language.ZH));
        var role = ArgTypes.choice("arg.role", Role.class, Map.of(
                "销售", Role.REP, "代表", Role.REP, "经理", Role.MANAGER, "主管", Role.MANAGER, "管理员", Role.ADMIN));
        return List.of(
                CommandSpec.command("settings", "settings", "设置", "setting").handler(this::show),
                CommandSpec.command("settings.language", "language", "lang", "语言")
                        .arg(ArgSpec.required("language", language)).handler(this::language),
                CommandSpec.command("settings.timezone", "timezone", "tz", "时区")
                        .arg(ArgSpec.required("timezone", ArgTypes.timeZone())).handler(this::timeZone),
                CommandSpec.command("settings.edit", "edit", "修改")
                        .arg(ArgSpec.optional("language", language))
                        .arg(ArgSpec.optional("timezone", ArgTypes.timeZone()))
                        .form(this::settingsForm)
                        .handler(this::edit),
                CommandSpec.command("settings.guests", "guests", "访客", "guest").role(Role.ADMIN)
                        .arg(ArgSpec.required("policy", ArgTypes.choice("arg.guests", GuestPolicy.class, Map.of(
                                "允许", GuestPolicy.ALLOW, "拒绝", GuestPolicy.DENY, "yes", GuestPolicy.ALLOW,
                                "no", GuestPolicy.DENY))))
                        .handler(this::guests),
                CommandSpec.command("role", "role", "角色", "roles")
                        .arg(ArgSpec.optional("member", ArgTypes.member()))
                        .arg(ArgSpec.optional("role", role))
                        .handler(this::role));
    }

    private Reply show(Invocation invocation) {
        Member member = invocation.member();
        org.refresh(member, invocation.profiles());
        Messages m = invocation.messages();
        ZoneId zone = member.zone();
        return Reply.message(m.get("settings.title"), List.of(
                new Block.Header(m.get("settings.title")),
                new Block.Fields(List.of(
                        new Block.Field(m.get("settings.language"), m.get("language." + member.language().name().toLowerCase(Locale.ROOT))
                                + (member.languageChosen() ? "" : " " + m.get("settings.from_platform"))),
                        new Block.Field(m.get("settings.timezone"), zone.getId() + " (" + CLOCK.format(invocation.now().atZone(zone)) + ")"
                                + (member.timeZoneChosen() ? "" : " " + m.get("settings.from_platform"))),
                        new Block.Field(m.get("settings.role"), m.get("role." + member.role().name().toLowerCase(Locale.ROOT))))),
                new Block.Actions(List.of(Button.primary(m.get("settings.change"), ActionRef.of("settings.edit")))),
                new Block.Context(m.get("settings.hint"))));
    }

    private Reply language(Invocation invocation) {
        Language chosen = invocation.required("language", Language.class);
        invocation.member().chooseLanguage(chosen, invocation.now());
        // answer in the language just chosen
        return Reply.text("✅ " + Messages.of(chosen).get("settings.language.set", Messages.of(chosen).get("language." + chosen.name().toLowerCase(Locale.ROOT))));
    }

    private Reply timeZone(Invocation invocation) {
        ZoneId zone = invocation.required("timezone", ZoneId.class);
        invocation.member().chooseTimeZone(zone, invocation.now());
        return Reply.text("✅ " + invocation.messages().get("settings.timezone.set", zone.getId(),
                CLOCK.format(invocation.now().atZone(zone))));
    }

    private Reply guests(Invocation invocation) {
        boolean allow = invocation.required("policy", GuestPolicy.class) == GuestPolicy.ALLOW;
        workspaces.findById(invocation.member().workspaceId()).allowGuests(allow);
        return Reply.text("✅ " + invocation.messages().get(allow ? "settings.guests.allowed" : "settings.guests.denied"));
    }

    private Form settingsForm(Invocation invocation) {
        Messages m = invocation.messages();
        Member member = invocation.member();
        return new Form(ActionRef.of("settings.edit"), m.get("settings.form.title"), m.get("form.save"), List.of(
                new Form.Input("language", m.get("settings.language"), Form.Input.Kind.SELECT, true,
                        member.language().name().toLowerCase(Locale.ROOT), null, List.of(
                                new Form.Choice("en", m.get("language.en")), new Form.Choice("zh", m.get("language.zh")))),
                new Form.Input("timezone", m.get("settings.timezone"), Form.Input.Kind.TEXT, true,
                        member.zone().getId(), m.get("settings.timezone.hint"), List.of())));
    }

    private Reply edit(Invocation invocation) {
        Member member = invocation.member();
        invocation.arg("language", Language.class).ifPresent(l -> member.chooseLanguage(l, invocation.now()));
        invocation.arg("timezone", ZoneId.class).ifPresent(z -> member.chooseTimeZone(z, invocation.now()));
        Messages m = Messages.of(member.language());
        return Reply.text("✅ " + m.get("settings.saved", m.get("language." + member.language().name().toLowerCase(Locale.ROOT)),
                member.zone().getId()));
    }

    private Reply role(Invocation invocation) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        var who = invocation.arg("member", UserRef.class);
        var newRole = invocation.arg("role", Role.class);
        if (who.isEmpty() && newRole.isEmpty()) {
            return roster(actor, m);
        }
        if (who.isEmpty() || newRole.isEmpty()) {
            throw new ArgError("error.role.usage");
        }
        if (actor.role() != Role.ADMIN) {
            throw new ArgError("error.role_required", new ArgError.Key("role.admin"));
        }
        Member target = org.memberFor(actor.workspaceId(), who.get(), invocation.profiles());
        if (target.role() == Role.ADMIN && newRole.get() != Role.ADMIN
                && members.countWithRole(actor.workspaceId(), Role.ADMIN) <= 1) {
            throw new ArgError("error.role.last_admin");
        }
        target.assignRole(newRole.get(), invocation.now());
        return Reply.text("✅ " + m.get("role.set", Markdown.literal(target.displayName()),
                m.get("role." + newRole.get().name().toLowerCase(Locale.ROOT))));
    }

    private Reply roster(Member actor, Messages m) {
        List<String> lines = new ArrayList<>();
        for (Member member : members.inWorkspace(actor.workspaceId())) {
            lines.add(Markdown.bold(member.displayName()) + " — " + m.get("role." + member.role().name().toLowerCase(Locale.ROOT)));
        }
        return Reply.message(m.get("role.roster.title"), List.of(new Block.Header(m.get("role.roster.title")),
                new Block.Bullets(lines), new Block.Context(m.get("role.roster.hint"))));
    }
}
