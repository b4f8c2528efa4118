package app.pacer.core.command;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a typed command into tokens. Understands straight and Chinese quotes, {@code key="quoted value"},
 * Slack mentions ({@code <@U123>}, {@code <@U123|name>}), Teams mentions ({@code <at>Jane Doe</at>}) and
 * the two-word dates {@code next week} / {@code next month}. Never throws: unbalanced quotes run to the end.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    public static List<Token> tokenize(String input) {
        List<Token> tokens = new ArrayList<>();
        if (input == null) {
            return tokens;
        }
        String s = normalize(input);
        int i = 0;
        int n = s.length();
        // where the last closer of each mention kind is: an opener after it has none, and is not searched for one
        // (otherwise every unclosed opener would scan the rest of the text again)
        int lastTeamsClose = lastIndexOfIgnoreCase(s, "</at>");
        int lastSlackClose = s.lastIndexOf('>');
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (s.startsWith("<@", i) || s.regionMatches(true, i, "<at>", 0, 4)) {
                boolean teams = !s.startsWith("<@", i);
                int end = teams ? (i < lastTeamsClose ? indexOfIgnoreCase(s, "</at>", i) : -1)
                        : (i < lastSlackClose ? s.indexOf('>', i) : -1);
                if (end > 0) {
                    int stop = teams ? end + 5 : end + 1;
                    tokens.add(Token.word(s.substring(i, stop)));
                    i = stop;
                    continue;
                }
            }
            if (isQuote(c)) {
                int end = closingQuote(s, i + 1, c);
                tokens.add(new Token(unescapeSlack(s.substring(i + 1, Math.min(end, n))), null, true));
                i = Math.min(end + 1, n);
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i)) && !isQuote(s.charAt(i))) {
                if (s.charAt(i) == '=' && i > start) {
                    break;
                }
                i++;
            }
            String word = s.substring(start, i);
            if (i < n && s.charAt(i) == '=' && isKey(word)) {
                i++; // the '='
                String value;
                boolean quoted = false;
                if (i < n && isQuote(s.charAt(i))) {
                    int end = closingQuote(s, i + 1, s.charAt(i));
                    value = s.substring(i + 1, Math.min(end, n));
                    i = Math.min(end + 1, n);
                    quoted = true;
                } else {
                    int vs = i;
                    while (i < n && !Character.isWhitespace(s.charAt(i))) {
                        i++;
                    }
                    value = s.substring(vs, i);
                }
                tokens.add(new Token(unescapeSlack(value), word.toLowerCase(Locale.ROOT), quoted));
                continue;
            }
            if (i < n && s.charAt(i) == '=') {
                // a lone or leading '=' is just part of a word
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                word = s.substring(start, i);
            }
            tokens.add(Token.word(unescapeSlack(word)));
        }
        return mergeTwoWordDates(tokens);
    }

    /** NFKC folds full-width digits and letters typed with a Chinese IME into their ASCII forms. */
    static String normalize(String input) {
        String s = Normalizer.normalize(input, Normalizer.Form.NFKC);
        return s.replace('\u00A0', ' ').replace('\u3000', ' ');
    }

    private static boolean isKey(String word) {
        return word.matches("[A-Za-z][A-Za-z0-9_-]{0,31}");
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u300C';
    }

    private static int closingQuote(String s, int from, char open) {
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"' || c == '\u201D' || c == '\u201C' || (open == '\u300C' && c == '\u300D')) {
                return j;
            }
        }
        return s.length();
    }

    /** Case-insensitive search that keeps positions in {@code s} (lower-casing may change the length). */
    private static int indexOfIgnoreCase(String s, String needle, int from) {
        for (int j = from; j <= s.length() - needle.length(); j++) {
            if (s.regionMatches(true, j, needle, 0, needle.length())) {
                return j;
            }
        }
        return -1;
    }

    private static int lastIndexOfIgnoreCase(String s, String needle) {
        for (int j = s.length() - needle.length(); j >= 0; j--) {
            if (s.regionMatches(true, j, needle, 0, needle.length())) {
                return j;
            }
        }
        return -1;
    }

    /** Slack escapes &, < and > in slash-command text. */
    static String unescapeSlack(String word) {
        return word.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static List<Token> mergeTwoWordDates(List<Token> tokens) {
        List<Token> merged = new ArrayList<>(tokens.size());
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (!t.quoted() && !t.isOption() && t.text().equalsIgnoreCase("next") && k + 1 < tokens.size()) {
                Token next = tokens.get(k + 1);
                if (!next.quoted() && !next.isOption() && DateArg.isNextable(next.text())) {
                    merged.add(Token.word("next " + next.text().toLowerCase(Locale.ROOT)));
                    k++;
                    continue;
                }
            }
            merged.add(t);
        }
        return merged;
    }
}
