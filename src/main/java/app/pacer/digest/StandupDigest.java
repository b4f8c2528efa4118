package app.pacer.digest;

import app.pacer.core.org.Member;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.section.DigestDay;
import app.pacer.core.section.DigestSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** In channels that run a standup round: today's answers, in the order given, and who has not answered. */
@ApplicationScoped
public class StandupDigest implements DigestSection {

    private final EntityManager em;

    public StandupDigest(EntityManager em) {
        this.em = em;
    }

    @Override
    public int order() {
        return 70;
    }

    private record Answer(String yesterday, String today, String blockers) {
    }

    @Override
    public List<Block> blocks(DigestDay day, Messages m) {
        if (!day.standup()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT member_id, yesterday, today, blockers FROM standup_answer WHERE workspace_id = ?1 AND local_date = ?2
                ORDER BY created_at""").setParameter(1, day.workspaceId()).setParameter(2, day.today()).getResultList();
        Map<Long, Answer> byMember = new LinkedHashMap<>();
        rows.forEach(a -> byMember.put(((Number) a[0]).longValue(), new Answer((String) a[1], (String) a[2], (String) a[3])));
        List<Member> asked = day.people().stream().filter(Member::contacted).toList();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("**" + m.get("digest.standup", byMember.size(), asked.size()) + "**"));
        for (Member p : asked) {
            Answer a = byMember.get(p.id());
            if (a == null) {
                continue;
            }
            StringBuilder text = new StringBuilder(Markdown.bold(p.displayName()));
            append(text, m.get("standup.field.yesterday"), a.yesterday());
            append(text, m.get("standup.field.today"), a.today());
            append(text, "🚧 " + m.get("standup.field.blockers"), a.blockers());
            blocks.add(new Block.Text(text.toString()));
        }
        List<String> silent = asked.stream().filter(p -> !byMember.containsKey(p.id())).map(Member::displayName).toList();
        if (!silent.isEmpty()) {
            blocks.add(new Block.Context(m.get("digest.standup.silent", DigestDay.names(silent, m))));
        }
        return blocks;
    }

    private static void append(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append("\n").append(label).append(": ").append(Markdown.literal(value));
        }
    }
}
