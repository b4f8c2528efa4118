package app.pacer.feedback;

import app.pacer.core.org.Member;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.leads.LeadRef;
import app.pacer.leads.LeadCardSection;
import app.pacer.core.section.ReviewSnapshot;
import app.pacer.core.section.ReviewSnapshotSection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Customer scores where people look: on the lead's card, and in a review's snapshot. */
@ApplicationScoped
public class FeedbackSections implements LeadCardSection, ReviewSnapshotSection {

    private final FeedbackService feedback;
    private final FeedbackStats stats;

    public FeedbackSections(FeedbackService feedback, FeedbackStats stats) {
        this.feedback = feedback;
        this.stats = stats;
    }

    @Override
    public List<Block> blocks(LeadRef lead, Member viewer, Messages m) {
        List<FeedbackService.Score> scores = feedback.ofLead(lead, 3);
        if (scores.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (FeedbackService.Score s : scores) {
            LocalDate day = s.at().atZone(viewer.zone()).toLocalDate();
            lines.add(day + " · " + FeedbackService.score(s.kind(), s.score(), m) + (s.comment() == null ? "" : " — " + Markdown.literal(s.comment())));
        }
        return List.of(new Block.Text("**" + m.get("feedback.card.title") + "**"), new Block.Bullets(lines));
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Optional<ReviewSnapshot.Section> compute(Member rep, LocalDate from, LocalDate to, LocalDate today) {
        Instant start = from.atStartOfDay(rep.zone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(rep.zone()).toInstant();
        FeedbackStats.Summary summary = stats.summary(rep.workspaceId(), rep.id(), start, end);
        if (summary.responses() == 0) {
            return Optional.empty();
        }
        List<ReviewSnapshot.Fact> facts = new ArrayList<>();
        if (summary.csat() != null) {
            facts.add(new ReviewSnapshot.Fact("csat", ReviewSnapshot.text(m -> m.get("feedback.report.csat", summary.csatCount())),
                    ReviewSnapshot.text(m -> summary.csat() + " / 5"), null, null));
        }
        if (summary.nps() != null) {
            facts.add(new ReviewSnapshot.Fact("nps", ReviewSnapshot.text(m -> m.get("feedback.report.nps", summary.npsCount())),
                    ReviewSnapshot.text(m -> (summary.nps() > 0 ? "+" : "") + summary.nps()), null, null));
        }
        return Optional.of(new ReviewSnapshot.Section("feedback", ReviewSnapshot.text(m -> m.get("feedback.snapshot.title")), facts));
    }
}
