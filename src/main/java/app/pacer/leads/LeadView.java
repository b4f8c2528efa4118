package app.pacer.leads;

import app.pacer.core.org.Member;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.targets.Amounts;
import app.pacer.targets.Metric;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How leads look: a one-line summary for lists, and the full card with history and buttons. */
final class LeadView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private LeadView() {
    }

    static String line(Lead lead, Stage stage, String owner, LocalDate today, Messages m, String currency) {
        StringBuilder line = new StringBuilder("**#" + lead.number() + " " + Markdown.literal(lead.name()) + "**");
        if (lead.company() != null) {
            line.append(" (").append(Markdown.literal(lead.company())).append(')');
        }
        line.append(" · ").append(Markdown.literal(stage.name(m.language())));
        if (lead.value() != null) {
            line.append(" · ").append(Amounts.format(lead.value(), Metric.BUILTIN.get(0), m.language(), currency));
        }
        if (lead.nextFollowUp() != null) {
            boolean overdue = lead.nextFollowUp().isBefore(today) && !stage.closed();
            line.append(" · ").append(overdue ? "⏰ " + m.get("lead.overdue_since", lead.nextFollowUp().toString())
                    : m.get("lead.next_on", lead.nextFollowUp().toString()));
        }
        if (owner != null) {
            line.append(" · ").append(Markdown.literal(owner));
        }
        return line.toString();
    }

    static Reply.Message card(Lead lead, Stage stage, Optional<Stage> nextStage, String owner, List<LeadService.Note> notes,
            List<LeadService.HistoryLine> history, Member viewer, Messages m, String currency) {
        List<Block> blocks = new ArrayList<>();
        String title = "#" + lead.number() + " " + lead.name();
        blocks.add(new Block.Header(title));
        List<Block.Field> fields = new ArrayList<>();
        fields.add(new Block.Field(m.get("lead.field.stage"), Markdown.literal(stage.name(m.language()))
                + (lead.lostReason() != null ? " — " + Markdown.literal(lead.lostReason()) : "")));
        fields.add(new Block.Field(m.get("lead.field.owner"), Markdown.literal(owner)));
        add(fields, m.get("lead.field.company"), lead.company());
        add(fields, m.get("lead.field.email"), lead.email());
        add(fields, m.get("lead.field.phone"), lead.phone());
        add(fields, m.get("lead.field.wechat"), lead.wechat());
        add(fields, m.get("lead.field.source"), lead.source());
        if (lead.value() != null) {
            fields.add(new Block.Field(m.get("lead.field.value"), Amounts.format(lead.value(), Metric.BUILTIN.get(0), m.language(), currency)));
        }
        add(fields, m.get("lead.field.next"), lead.nextFollowUp() == null ? null : lead.nextFollowUp().toString());
        add(fields, m.get("lead.field.close"), lead.expectedClose() == null ? null : lead.expectedClose().toString());
        blocks.add(new Block.Fields(fields));
        ZoneId zone = viewer.zone();
        if (!notes.isEmpty()) {
            blocks.add(new Block.Text("**" + m.get("lead.notes") + "**"));
            blocks.add(new Block.Bullets(notes.stream().map(n -> when(n.at(), zone) + " " + Markdown.literal(n.author()) + ": "
                    + Markdown.literal(n.text())).toList()));
        }
        if (!history.isEmpty()) {
            blocks.add(new Block.Context(m.get("lead.history") + " " + String.join(" · ",
                    history.stream().map(h -> when(h.at(), zone) + " " + Markdown.literal(h.actor()) + " " + Markdown.literal(h.what()))
                            .toList())));
        }
        String number = String.valueOf(lead.number());
        List<Button> buttons = new ArrayList<>();
        nextStage.ifPresent(s -> buttons.add(Button.primary(m.get("lead.button.next_stage", s.name(m.language())),
                ActionRef.of("lead.stage", Map.of("lead", number, "stage", s.key())))));
        buttons.add(Button.of(m.get("lead.button.note"), ActionRef.of("lead.note", Map.of("lead", number))));
        buttons.add(Button.of(m.get("lead.button.next"), ActionRef.of("lead.next", Map.of("lead", number))));
        if (!stage.closed()) {
            buttons.add(Button.of(m.get("lead.button.snooze"), ActionRef.of("lead.snooze", Map.of("lead", number))));
        }
        blocks.add(new Block.Actions(buttons));
        return Reply.message(title, blocks);
    }

    private static String when(java.time.Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone));
    }

    private static void add(List<Block.Field> fields, String label, String value) {
        if (value != null && !value.isBlank()) {
            fields.add(new Block.Field(label, Markdown.literal(value)));
        }
    }
}
