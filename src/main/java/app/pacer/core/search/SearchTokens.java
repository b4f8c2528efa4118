package app.pacer.core.search;

import java.text.Normalizer;
import java.util.LinkedHashSet;
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
        if (text == null) {
            return tokens;
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
        return tokens;
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

    private static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static void flushWord(StringBuilder word, Set<String> tokens) {
        if (word.length() > 0) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    private static void flushHan(StringBuilder han, Set<String> tokens) {
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
