package app.pacer.targets;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Progress lines as blocks: a bar per target with its pacing, or a line of totals. */
public final class ProgressView {

    private final Messages m;
    private final String currency;

    public ProgressView(Messages messages, String currency) {
        this.m = messages;
        this.currency = currency;
    }

    public List<Block> blocks(List<ProgressService.Line> lines) {
        List<Block> blocks = new ArrayList<>();
        List<String> totals = new ArrayList<>();
        for (ProgressService.Line line : lines) {
            if (line.pacing() == null) {
                totals.add(m.get("progress.total", name(line), period(line), amount(line.done(), line.metric())));
            } else {
                blocks.add(new Block.Progress(Markdown.plain(label(line)), line.done(), line.pacing().target(), caption(line)));
            }
        }
        if (!totals.isEmpty()) {
            blocks.add(new Block.Bullets(totals));
        }
        return blocks;
    }

    /** "Deals · this month" (with "team" for the team's figures). */
    public String label(ProgressService.Line line) {
        String label = name(line) + " · " + period(line);
        return line.team() ? label + " · " + m.get("progress.team") : label;
    }

    /** "12 of 30 · expected by today 13.6 · 1.6 behind · 1.5 a day over 12 working days" */
    public String caption(ProgressService.Line line) {
        Pacing p = line.pacing();
        Metric metric = line.metric();
        List<String> parts = new ArrayList<>();
        parts.add(m.get("progress.of", amount(p.done(), metric), amount(p.target(), metric)));
        if (p.reached()) {
            parts.add(m.get("progress.reached"));
            return String.join(" · ", parts);
        }
        int cmp = p.ahead().signum();
        if (cmp > 0) {
            parts.add(m.get("progress.ahead", amount(p.ahead(), metric)));
        } else if (cmp < 0) {
            parts.add(m.get("progress.behind", amount(p.ahead().negate(), metric)));
        } else {
            parts.add(m.get("progress.on_pace"));
        }
        if (p.daysLeft() > 0) {
            parts.add(m.get("progress.needed", amount(p.dailyNeeded(), metric), p.daysLeft(),
                    amount(p.remaining(), metric), date(line)));
        } else {
            parts.add(m.get("progress.missed", amount(p.remaining(), metric)));
        }
        return String.join(" · ", parts);
    }

    public String amount(BigDecimal value, Metric metric) {
        return Amounts.format(value, metric, m.language(), currency);
    }

    private String name(ProgressService.Line line) {
        return Markdown.bold(line.metric().name(m.language()));
    }

    private String period(ProgressService.Line line) {
        return m.get("period." + line.period().name().toLowerCase(Locale.ROOT));
    }

    private String date(ProgressService.Line line) {
        return DateTimeFormatter.ofPattern(m.language() == Language.ZH ? "M月d日" : "EEE d MMM", m.language().locale())
                .format(line.end());
    }
}
