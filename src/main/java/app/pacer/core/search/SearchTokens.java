package app.pacer.core.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Text as PostgreSQL's {@code simple} text search should index it: Latin words and digits lower-cased, runs
 * of Chinese characters as overlapping bigrams (a single character stays itself). Tokens are plain
 * {@code [a-z0-9]} words or CJK characters, so they are safe inside {@code to_tsvector}/{@code to_tsquery}.
 */
public final class SearchTokens {

    private SearchTokens() {
    }

    public static Set<String> of(String text) {
        Set<String> tokens = new LinkedHashSet<>();
        scan(text, tokens);
        return tokens;
    }

    /**
     * The tokens in text order, repeats kept (so the index knows positions and frequencies), with Latin words
     * reduced by {@link #stem}: what the knowledge base indexes and searches, identically on both sides.
     */
    public static List<String> stems(String text) {
        List<String> tokens = new ArrayList<>();
        scan(text, tokens);
        tokens.replaceAll(SearchTokens::stem);
        return tokens;
    }

    /**
     * A light English suffix stripper, so plurals and -ing/-ed forms meet: {@code objections → objection},
     * {@code pricing, priced, prices, price → pric}, {@code targets → target}, {@code policies → polici}.
     * Not a linguist's stemmer (no Porter steps for -ation, -ness …): only the endings sales texts are full of.
     * CJK tokens, digits and short words pass unchanged.
     */
    public static String stem(String token) {
        int n = token.length();
        if (n < 4 || isHan(token.codePointAt(0)) || !Character.isLetter(token.charAt(n - 1))) {
            return token;
        }
        String w = token;
        if (w.endsWith("ies") && n > 4) {
            w = w.substring(0, n - 3) + "i";
        } else if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            w = w.substring(0, n - 2);
        } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, n - 1);
        }
        if (w.endsWith("ing") && w.length() > 5) {
            w = undouble(w.substring(0, w.length() - 3));
        } else if (w.endsWith("ed") && w.length() > 4 && !w.endsWith("eed")) {
            w = undouble(w.substring(0, w.length() - 2));
        }
        if (w.endsWith("e") && w.length() > 3) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.endsWith("y") && w.length() > 3) {
            w = w.substring(0, w.length() - 1) + "i";
        }
        return w;
    }

    /** planning → plann → plan; but not fall → fal or miss → mis. */
    private static String undouble(String w) {
        int n = w.length();
        if (n > 3 && w.charAt(n - 1) == w.charAt(n - 2) && "lszaeiou".indexOf(w.charAt(n - 1)) < 0) {
            return w.substring(0, n - 1);
        }
        return w;
    }

    private static void scan(String text, java.util.Collection<String> tokens) {
        if (text == null) {
            return;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        StringBuilder han = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isHan(cp)) {
                flushWord(word, tokens);
                han.appendCodePoint(cp);
            } else if (Character.isLetterOrDigit(cp) && cp < 0x250) {
                flushHan(han, tokens);
                word.appendCodePoint(cp);
            } else {
                flushWord(word, tokens);
                flushHan(han, tokens);
            }
        }
        flushWord(word, tokens);
        flushHan(han, tokens);
    }

    /** A {@code to_tsquery('simple', …)} expression: every token required, the last Latin word as a prefix. */
    public static String query(String text) {
        return query(text, true);
    }

    /** The same, with the last Latin word matched as a prefix only when {@code prefix} is set. */
    public static String query(String text, boolean prefix) {
        Set<String> tokens = of(text);
        if (tokens.isEmpty()) {
            return null;
        }
        StringBuilder query = new StringBuilder();
        int i = 0;
        for (String token : tokens) {
            if (query.length() > 0) {
                query.append(" & ");
            }
            query.append(token);
            if (++i == tokens.size() && prefix && Character.isLetterOrDigit(token.codePointAt(0)) && !isHan(token.codePointAt(0))) {
                query.append(":*");
            }
        }
        return query.toString();
    }

    public static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static void flushWord(StringBuilder word, java.util.Collection<String> tokens) {
        if (word.length() > 0) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    private static void flushHan(StringBuilder han, java.util.Collection<String> tokens) {
        String run = han.toString();
        int[] cps = run.codePoints().toArray();
        if (cps.length == 1) {
            tokens.add(run);
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            tokens.add(new String(cps, i, 2));
        }
        han.setLength(0);
    }
}
