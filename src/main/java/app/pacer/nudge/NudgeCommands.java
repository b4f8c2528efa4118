package app.pacer.nudge;

import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.command.TimeArg;
import app.pacer.core.org.Member;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.core.time.BusinessCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalTime;
import java.util.List;

/** {@code nudge …}: your own morning nudge. */
@ApplicationScoped
public class NudgeCommands implements CommandProvider {

    private final NudgeService nudges;
    private final BusinessCalendar calendar;

    public NudgeCommands(NudgeService nudges, BusinessCalendar calendar) {
        this.nudges = nudges;
        this.calendar = calendar;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("nudge", "nudge", "提醒").handler(this::status),
                CommandSpec.command("nudge.time", "time", "时间")
                        .arg(ArgSpec.required("time", new TimeArg())).handler(this::time),
                CommandSpec.command("nudge.off", "off", "关闭").handler(i -> enable(i, false)),
                CommandSpec.command("nudge.on", "on", "开启").handler(i -> enable(i, true)),
                CommandSpec.command("nudge.preview", "preview", "预览").handler(this::preview),
                CommandSpec.command("nudge.snooze", "snooze", "稍后").handler(this::snooze));
    }

    private Reply status(Invocation invocation) {
        Member member = invocation.member();
        Messages m = invocation.messages();
        return Reply.text(member.nudgeEnabled()
                ? m.get("nudge.status.on", member.nudgeTime().toString(), member.zone().getId())
                : m.get("nudge.status.off"));
    }

    private Reply time(Invocation invocation) {
        Member member = invocation.member();
        LocalTime time = invocation.required("time", LocalTime.class);
        member.setNudge(time, invocation.now());
        member.enableNudge(true, invocation.now());
        return Reply.text("✅ " + invocation.messages().get("nudge.time.set", time.toString(), member.zone().getId()));
    }

    private Reply enable(Invocation invocation, boolean on) {
        invocation.member().enableNudge(on, invocation.now());
        Messages m = invocation.messages();
        return Reply.text("✅ " + (on ? m.get("nudge.on", invocation.member().nudgeTime().toString()) : m.get("nudge.off")));
    }

    private Reply preview(Invocation invocation) {
        Member member = invocation.member();
        return nudges.build(member, invocation.today(), calendar.forMember(member));
    }

    private Reply snooze(Invocation invocation) {
        invocation.member().beQuietOn(invocation.today(), invocation.now());
        return Reply.text("😴 " + invocation.messages().get("nudge.snoozed"));
    }
}
