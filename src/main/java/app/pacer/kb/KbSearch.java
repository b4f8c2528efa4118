package app.pacer.kb;

import app.pacer.core.search.SearchTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kb <query>}: Latin stems and CJK bigrams against the GIN-indexed {@code tsvector}, ranked by
 * {@code ts_rank} with title matches (A) above tags (B) above body (C), long bodies normalised, and
 * helpfulness votes as a tie-breaker (at most ±10 %); title and tag matches come before body-only ones. Every token is required first; when that finds fewer
 * than {@link #STRICT_MIN}, any token will do and articles are ranked by how many of the tokens they have.
 */
@ApplicationScoped
public class KbSearch {

    static final int STRICT_MIN = 3;
    /** At most this many title matches are ranked (their vectors are small, but each is a heap fetch). */
    static final int CANDIDATES = 300;
    /** At most this many body matches are ranked: a word in half of 100,000 articles costs no more than a rare one. */
    static final int BODY_CANDIDATES = 200;
    /** Relaxed body matches ranked: fewer than strict ones, as each costs a vector detoast per token. */
    static final int RELAXED_BODY_CANDIDATES = 100;
    static final int MAX_TOKENS = 12;

    private final EntityManager em;
    private final Timer timer;

    /**
     * @param metrics {@code pacer_kb_search_seconds} (a Prometheus histogram, 1 ms to 2 s) at {@code /q/metrics}: the
     *                search alone, from the query to the ranked articles loaded, for operators and for the benchmark
     */
    public KbSearch(EntityManager em, MeterRegistry metrics) {
        this.em = em;
        this.timer = Timer.builder("pacer.kb.search").description("Knowledge base search, query to ranked articles")
                .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofSeconds(2)).register(metrics);
    }

    /**
     * @param terms   what to highlight: the query's stems and bigrams
     * @param relaxed true when not every token could be found together
     * @param more    whether there is a page after this one
     */
    public record Result(List<Article> articles, Set<String> terms, boolean relaxed, boolean more) {
    }

    /**
     * English words too common to tell articles apart (as stemmed): dropped from a query unless it has nothing
     * else, so "warranty for schools" neither requires "for" nor, relaxed, matches every article that has it.
     */
    static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by",
            "at", "from", "is", "are", "was", "be", "it", "its", "this", "that", "i", "we", "you", "my", "our", "your",
            "do", "doe", "how", "what", "when", "where", "which", "who", "why", "can", "should", "about", "me");

    /** The query's distinct tokens without stop words, at most {@link #MAX_TOKENS}. */
    static Set<String> tokens(String query) {
        Set<String> all = new LinkedHashSet<>(SearchTokens.stems(query));
        Set<String> tokens = new LinkedHashSet<>();
        for (String t : all) {
            if (tokens.size() < MAX_TOKENS && !STOP.contains(t)) {
                tokens.add(t);
            }
        }
        if (tokens.isEmpty()) {
            all.stream().limit(MAX_TOKENS).forEach(tokens::add);
        }
        return tokens;
    }

    /** A tsquery operand: Latin words of 3+ letters and lone Chinese characters match as prefixes. */
    static String operand(String token) {
        return operand(token, true);
    }

    /**
     * @param latinPrefix whether Latin words match as prefixes too: a prefix scan of a GIN index costs ten times an
     *                    exact lookup on common words (20 ms against 2 on 100,000 articles), so whole words are tried
     *                    first and prefixes only when they find too little
     */
    static String operand(String token, boolean latinPrefix) {
        int first = token.codePointAt(0);
        boolean han = SearchTokens.isHan(first);
        boolean prefix = han ? token.codePointCount(0, token.length()) == 1
                : latinPrefix && token.length() >= 3 && Character.isLetter(first);
        return prefix ? token + ":*" : token;
    }

    public Result search(Long workspaceId, String query, int offset, int limit) {
        return timer.record(() -> find(workspaceId, query, offset, limit));
    }

    private Result find(Long workspaceId, String query, int offset, int limit) {
        Set<String> tokens = tokens(query);
        if (tokens.isEmpty()) {
            return new Result(List.of(), tokens, false, false);
        }
        List<String> exact = tokens.stream().map(t -> operand(t, false)).toList();
        List<String> operands = tokens.stream().map(KbSearch::operand).toList();
        int wanted = Math.max(STRICT_MIN, offset + limit + 1);
        List<Long> ids = strict(workspaceId, String.join(" & ", exact), 0, wanted);
        if (ids.size() < STRICT_MIN && !exact.equals(operands)) {
            ids = strict(workspaceId, String.join(" & ", operands), 0, wanted);
        }
        boolean relaxed = ids.size() < STRICT_MIN && operands.size() > 1;
        if (relaxed) {
            ids = relaxed(workspaceId, operands, 0, offset + limit + 1);
        }
        boolean more = ids.size() > offset + limit;
        List<Long> page = ids.subList(Math.min(offset, ids.size()), Math.min(ids.size(), offset + limit));
        return new Result(load(page), tokens, relaxed, more);
    }

    /**
     * Every token. Articles with all of them in the title or tags come first (the small {@code head} vector
     * finds and ranks them cheaply); the rest is filled from body matches, at most {@link #BODY_CANDIDATES} of
     * them ranked: with a word in half of 100,000 articles, ranking every match would cost tens of milliseconds.
     */
    private List<Long> strict(Long workspaceId, String tsquery, int offset, int limit) {
        List<Long> ids = new ArrayList<>(ids(em.createNativeQuery("""
                SELECT c.id FROM (SELECT id, head, helpful, unhelpful FROM kb_article
                                  WHERE workspace_id = ?1 AND head @@ to_tsquery('simple', ?2) LIMIT %d) c
                ORDER BY ts_rank(c.head, to_tsquery('simple', ?2), 1)
                         * (1 + 0.1 * tanh((c.helpful - c.unhelpful) / 5.0)) DESC, c.id DESC
                LIMIT ?3""".formatted(CANDIDATES))
                .setParameter(1, workspaceId).setParameter(2, tsquery).setParameter(3, offset + limit)));
        if (ids.size() < offset + limit) {
            ids.addAll(ids(em.createNativeQuery("""
                    SELECT c.id FROM (SELECT id, search, helpful, unhelpful FROM kb_article
                                      WHERE workspace_id = ?1 AND search @@ to_tsquery('simple', ?2)
                                        AND NOT head @@ to_tsquery('simple', ?2) LIMIT %d) c
                    ORDER BY ts_rank(c.search, to_tsquery('simple', ?2), 1)
                             * (1 + 0.1 * tanh((c.helpful - c.unhelpful) / 5.0)) DESC, c.id DESC
                    LIMIT ?3""".formatted(BODY_CANDIDATES))
                    .setParameter(1, workspaceId).setParameter(2, tsquery).setParameter(3, offset + limit - ids.size())));
        }
        return ids;
    }

    /**
     * Any token, ranked by how many distinct tokens match, then as above. As in {@link #strict}, articles with a token
     * in the title or tags come first (their small vectors are cheap to rank); body matches fill the rest, at most
     * {@link #RELAXED_BODY_CANDIDATES} of them: each one ranked costs a detoasted body vector per token.
     */
    private List<Long> relaxed(Long workspaceId, List<String> operands, int offset, int limit) {
        List<Long> ids = new ArrayList<>(anyToken(workspaceId, operands, "head", "", CANDIDATES, offset + limit));
        if (ids.size() < offset + limit) {
            ids.addAll(anyToken(workspaceId, operands, "search", "AND NOT head @@ to_tsquery('simple', ?2)",
                    RELAXED_BODY_CANDIDATES, offset + limit - ids.size()));
        }
        return ids.subList(Math.min(offset, ids.size()), ids.size());
    }

    private List<Long> anyToken(Long workspaceId, List<String> operands, String vector, String except, int candidates, int limit) {
        StringBuilder coverage = new StringBuilder();
        for (int i = 0; i < operands.size(); i++) {
            coverage.append(i == 0 ? "" : " + ").append("(c.v @@ to_tsquery('simple', ?").append(i + 4).append("))::int");
        }
        Query q = em.createNativeQuery("""
                SELECT c.id FROM (SELECT id, %1$s AS v, helpful, unhelpful FROM kb_article
                                  WHERE workspace_id = ?1 AND %1$s @@ to_tsquery('simple', ?2) %2$s LIMIT %3$d) c
                ORDER BY (%4$s) DESC,
                         ts_rank(c.v, to_tsquery('simple', ?2), 1) * (1 + 0.1 * tanh((c.helpful - c.unhelpful) / 5.0)) DESC,
                         c.id DESC
                LIMIT ?3""".formatted(vector, except, candidates, coverage))
                .setParameter(1, workspaceId).setParameter(2, String.join(" | ", operands)).setParameter(3, limit);
        for (int i = 0; i < operands.size(); i++) {
            q.setParameter(i + 4, operands.get(i));
        }
        return ids(q);
    }

    private static List<Long> ids(Query q) {
        @SuppressWarnings("unchecked")
        List<Number> rows = q.getResultList();
        return rows.stream().map(Number::longValue).toList();
    }

    private List<Article> load(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Article> byId = new HashMap<>();
        em.createQuery("from Article where id in ?1", Article.class).setParameter(1, ids).getResultList()
                .forEach(a -> byId.put(a.id(), a));
        List<Article> ordered = new ArrayList<>();
        ids.forEach(id -> {
            if (byId.containsKey(id)) {
                ordered.add(byId.get(id));
            }
        });
        return ordered;
    }
}
