package app.pacer.kb;

import app.pacer.core.command.ArgError;
import app.pacer.core.org.Member;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Markdown;
import app.pacer.core.search.SearchTokens;
import app.pacer.core.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Articles: numbering, writing, the search index, votes, and the questions nobody could answer. */
@ApplicationScoped
public class KbService {

    private static final Pattern URL = Pattern.compile("(?:https?://|mailto:|www\\.)\\S+");

    private final EntityManager em;

    public KbService(EntityManager em) {
        this.em = em;
    }

    /** The workspace's KB settings (created on first use). */
    public record Settings(boolean open, boolean seeded) {
    }

    public Settings settings(Long workspaceId) {
        em.createNativeQuery("INSERT INTO kb_settings (workspace_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, workspaceId).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("SELECT open, seeded_at IS NOT NULL FROM kb_settings WHERE workspace_id = ?1")
                .setParameter(1, workspaceId).getSingleResult();
        return new Settings((Boolean) row[0], (Boolean) row[1]);
    }

    public void setOpen(Long workspaceId, boolean open) {
        settings(workspaceId);
        em.createNativeQuery("UPDATE kb_settings SET open = ?1 WHERE workspace_id = ?2").setParameter(1, open)
                .setParameter(2, workspaceId).executeUpdate();
    }

    /** True for exactly one caller per workspace: the one that seeds it (the row lock serialises the rest). */
    boolean claimSeeding(Long workspaceId, Instant now) {
        List<?> seeded = em.createNativeQuery("SELECT seeded_at IS NOT NULL FROM kb_settings WHERE workspace_id = ?1")
                .setParameter(1, workspaceId).getResultList();
        if (!seeded.isEmpty() && (Boolean) seeded.get(0)) {
            return false; // the usual case: one cheap read
        }
        settings(workspaceId);
        return em.createNativeQuery("UPDATE kb_settings SET seeded_at = ?1 WHERE workspace_id = ?2 AND seeded_at IS NULL")
                .setParameter(1, utc(now)).setParameter(2, workspaceId).executeUpdate() == 1;
    }

    /** Managers and admins write; reps too when the workspace opened the KB ({@code kb settings open=yes}). */
    public boolean mayAdd(Member member) {
        return member.role().atLeast(Role.MANAGER) || settings(member.workspaceId()).open();
    }

    /** Managers and admins edit (and mark verified) any article; authors their own. */
    public static boolean mayEdit(Member member, Article article) {
        return member.role().atLeast(Role.MANAGER) || member.id().equals(article.authorId());
    }

    public Article require(Long workspaceId, int number) {
        return find(workspaceId, number).orElseThrow(() -> new ArgError("error.kb.not_found", "#" + number));
    }

    public Optional<Article> find(Long workspaceId, int number) {
        return em.createQuery("from Article where workspaceId = ?1 and number = ?2", Article.class)
                .setParameter(1, workspaceId).setParameter(2, number).getResultStream().findFirst();
    }

    public Optional<Article> bySource(Long workspaceId, String sourceKey) {
        return em.createQuery("from Article where workspaceId = ?1 and sourceKey = ?2", Article.class)
                .setParameter(1, workspaceId).setParameter(2, sourceKey).getResultStream().findFirst();
    }

    public long count(Long workspaceId) {
        return em.createQuery("select count(a) from Article a where a.workspaceId = ?1", Long.class)
                .setParameter(1, workspaceId).getSingleResult();
    }

    public List<Article> recent(Long workspaceId, int limit) {
        return em.createQuery("from Article where workspaceId = ?1 order by updatedAt desc, number desc", Article.class)
                .setParameter(1, workspaceId).setMaxResults(limit).getResultList();
    }

    /** A new article; {@code language} null detects it from the text. */
    public Article create(Long workspaceId, Long authorId, String title, String body, String tags, String language, Instant now) {
        settings(workspaceId);
        int number = ((Number) em.createNativeQuery("UPDATE kb_settings SET seq = seq + 1 WHERE workspace_id = ?1 RETURNING seq")
                .setParameter(1, workspaceId).getSingleResult()).intValue();
        Article article = new Article(workspaceId, number, authorId, now);
        article.setContent(title, body, tags, language != null ? language : detectLanguage(title + "\n" + body), now);
        em.persist(article);
        em.flush();
        reindex(article);
        return article;
    }

    public void update(Article article, String title, String body, String tags, String language, Instant now) {
        article.setContent(title, body, tags, language != null ? language : detectLanguage(title + "\n" + body), now);
        em.flush();
        reindex(article);
    }

    public void remove(Article article) {
        em.remove(article);
    }

    public void verify(Article article, Member by, Instant now) {
        article.verify(by.id(), now);
    }

    /** Title (weight A), tags (B) and body (C), as the same stems and bigrams queries are made of. */
    public void reindex(Article article) {
        em.createNativeQuery("""
                UPDATE kb_article SET search = setweight(to_tsvector('simple', ?1), 'A')
                    || setweight(to_tsvector('simple', ?2), 'B') || setweight(to_tsvector('simple', ?3), 'C'),
                    head = setweight(to_tsvector('simple', ?1), 'A') || setweight(to_tsvector('simple', ?2), 'B')
                WHERE id = ?4""")
                .setParameter(1, indexText(article.title())).setParameter(2, indexText(article.tags()))
                .setParameter(3, indexText(URL.matcher(Markdown.plain(article.body())).replaceAll(" ")))
                .setParameter(4, article.id()).executeUpdate();
    }

    static String indexText(String text) {
        return String.join(" ", SearchTokens.stems(text));
    }

    /** {@code zh}, {@code en} or {@code both}, from the share of Chinese characters against Latin words. */
    static String detectLanguage(String text) {
        long han = text.codePoints().filter(SearchTokens::isHan).count();
        long latin = text.codePoints().filter(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')).count();
        if (han == 0) {
            return "en";
        }
        // about five letters make an English word, which carries about as much as two Chinese characters
        double hanShare = han / (han + latin * 0.4);
        return hanShare >= 0.85 ? "zh" : hanShare <= 0.15 ? "en" : "both";
    }

    /** Records a vote (a member's later vote replaces their earlier one); counts stay on the article. */
    public void vote(Article article, Member member, boolean helpful, String query, Instant now) {
        em.lock(article, LockModeType.PESSIMISTIC_WRITE);
        @SuppressWarnings("unchecked")
        List<Boolean> before = em.createNativeQuery("SELECT helpful FROM kb_vote WHERE article_id = ?1 AND member_id = ?2")
                .setParameter(1, article.id()).setParameter(2, member.id()).getResultList();
        if (before.isEmpty()) {
            em.createNativeQuery("INSERT INTO kb_vote (article_id, member_id, helpful, at) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, article.id()).setParameter(2, member.id()).setParameter(3, helpful)
                    .setParameter(4, utc(now)).executeUpdate();
            article.addVotes(helpful ? 1 : 0, helpful ? 0 : 1);
        } else if (before.get(0) != helpful) {
            em.createNativeQuery("UPDATE kb_vote SET helpful = ?1, at = ?2 WHERE article_id = ?3 AND member_id = ?4")
                    .setParameter(1, helpful).setParameter(2, utc(now)).setParameter(3, article.id())
                    .setParameter(4, member.id()).executeUpdate();
            article.addVotes(helpful ? 1 : -1, helpful ? -1 : 1);
        }
        if (!helpful && (before.isEmpty() || before.get(0))) {
            recordMiss(member, query != null && !query.isBlank() ? query : article.title(), "unhelpful", now);
        }
    }

    /** A question the knowledge base could not answer: {@code none} (no result) or {@code unhelpful}. */
    public void recordMiss(Member member, String query, String reason, Instant now) {
        String q = query.strip();
        if (q.length() > 200) {
            q = q.substring(0, 200);
        }
        em.createNativeQuery("""
                INSERT INTO kb_miss (workspace_id, member_id, query, query_norm, reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, member.workspaceId()).setParameter(2, member.id()).setParameter(3, q)
                .setParameter(4, normalizeQuery(q)).setParameter(5, reason).setParameter(6, utc(now)).executeUpdate();
    }

    /** Lower-case, NFKC, one space between words, no punctuation at the ends: "Pricing?" and "pricing" are one gap. */
    static String normalizeQuery(String query) {
        String s = Normalizer.normalize(query, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
        s = s.replaceAll("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$", "");
        return s.isEmpty() ? query.strip().toLowerCase(Locale.ROOT) : s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** One unanswered question: how often, by how many people, how many times with no result at all. */
    public record Gap(String query, long times, long people, long noResult, Instant last) {
    }

    /** The most frequent unanswered questions since {@code since}: for {@code kb gaps} and the weekly digest. */
    public List<Gap> gaps(Long workspaceId, Instant since, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT query_norm, count(*), count(DISTINCT member_id), count(*) FILTER (WHERE reason = 'none'), max(at)
                FROM kb_miss WHERE workspace_id = ?1 AND at >= ?2
                GROUP BY query_norm ORDER BY count(*) DESC, count(DISTINCT member_id) DESC, max(at) DESC LIMIT ?3""")
                .setParameter(1, workspaceId).setParameter(2, utc(since)).setParameter(3, limit).getResultList();
        List<Gap> gaps = new ArrayList<>();
        for (Object[] r : rows) {
            gaps.add(new Gap((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(), Timestamps.instant(r[4])));
        }
        return gaps;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
