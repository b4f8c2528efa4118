package app.pacer.kb;

import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.NextIndex;
import app.pacer.core.reply.Reply;
import app.pacer.core.search.SearchTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How articles look: Markdown turned into Pacer's small dialect, search snippets with highlights, ages. */
final class KbView {

    static final int SNIPPET = 200;
    /** Body text per block; the renderers split further where a platform needs it. */
    static final int BODY_BLOCK = 2500;

    // Headings, rules, list items and images are read by scanning: as regexes they backtracked cubically (a heading
    // line ending in 20,000 spaces took hours), recursed past the stack (a rule "- - - …"), or read the rest of the
    // line again for each of thousands of "![" (issue 27). What is left is linear: anchored with one way to match,
    // or a group that ends at the next closer.
    private static final Pattern QUOTE = Pattern.compile("^\\s*>\\s?(.*)$");
    private static final Pattern UNDERSCORE_BOLD = Pattern.compile("__(.+?)__");
    private static final Pattern STAR_ITALIC = Pattern.compile("(?<![*\\w])\\*(?!\\*)([^*\\n]+?)(?<!\\*)\\*(?![*\\w])");

    private KbView() {
    }

    // --- Markdown -------------------------------------------------------------------------------------------

    /** Common Markdown (headings, lists, quotes, fences, {@code *italic*}, {@code __bold__}) in Pacer's dialect. */
    static String toPacer(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fence = false;
        for (String line : markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fence = !fence;
                continue;
            }
            if (fence) {
                out.add(line.isBlank() ? "" : "`" + line.replace('`', '\'') + "`");
                continue;
            }
            String heading = headingText(line);
            int item;
            Matcher m;
            if (heading != null) {
                out.add(heading.isEmpty() ? "" : "**" + inline(heading).replace("**", "") + "**");
            } else if (isRule(line)) {
                out.add("──────────");
            } else if ((item = listItemText(line)) >= 0) {
                out.add(line.substring(0, indent(line)).replace("\t", "  ") + "• " + inline(line.substring(item)));
            } else if ((m = QUOTE.matcher(line)).matches()) {
                out.add("│ " + inline(m.group(1)));
            } else {
                out.add(inline(line));
            }
        }
        return String.join("\n", out).strip();
    }

    private static String inline(String text) {
        String s = imagesAsLinks(text);
        s = UNDERSCORE_BOLD.matcher(s).replaceAll("**$1**");
        return STAR_ITALIC.matcher(s).replaceAll("_$1_");
    }

    /**
     * The text of an ATX heading ({@code ## Title ##}), or null for another line: what
     * {@code ^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$} captured (up to three spaces, one to six #, white space, then the
     * text without closing # and white space).
     */
    static String headingText(String line) {
        int n = line.length();
        int open = indent(line);
        if (open > 3) {
            return null;
        }
        int start = open;
        while (start < n && line.charAt(start) == '#') {
            start++;
        }
        if (start == open || start - open > 6 || start == n || !NextIndex.isSpace(line.charAt(start))) {
            return null;
        }
        for (int k = start; k < n; k++) {
            if (NextIndex.isLineTerminator(line.charAt(k))) {
                return null; // neither . nor \s matched it
            }
        }
        while (start < n && NextIndex.isSpace(line.charAt(start))) {
            start++;
        }
        int end = n;
        while (end > start && NextIndex.isSpace(line.charAt(end - 1))) {
            end--;
        }
        while (end > start && line.charAt(end - 1) == '#') {
            end--;
        }
        while (end > start && NextIndex.isSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    /** A thematic break: three or more of one of - * _, white space between (what {@code ^\s*([-*_])(\s*\1){2,}\s*$} matched). */
    static boolean isRule(String line) {
        char mark = 0;
        int count = 0;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (NextIndex.isSpace(c)) {
                continue;
            }
            if ((c != '-' && c != '*' && c != '_') || (mark != 0 && c != mark)) {
                return false;
            }
            mark = c;
            count++;
        }
        return count >= 3;
    }

    /**
     * Where the text of a list item ({@code - item}, {@code * item}, {@code + item}) starts, or -1 for another line:
     * what {@code ^(\s*)[-*+]\s+(.*)$} captured as its second group.
     */
    static int listItemText(String line) {
        int n = line.length();
        int bullet = indent(line);
        if (bullet + 1 >= n || "-*+".indexOf(line.charAt(bullet)) < 0 || !NextIndex.isSpace(line.charAt(bullet + 1))) {
            return -1;
        }
        int text = bullet + 1;
        while (text < n && NextIndex.isSpace(line.charAt(text))) {
            text++;
        }
        for (int k = text; k < n; k++) {
            if (NextIndex.isLineTerminator(line.charAt(k))) {
                return -1;
            }
        }
        return text;
    }

    /** How many white-space characters ({@code \s}) the line starts with. */
    private static int indent(String line) {
        int k = 0;
        while (k < line.length() && NextIndex.isSpace(line.charAt(k))) {
            k++;
        }
        return k;
    }

    /**
     * {@code ![alt](url)} as the link {@code [alt](url)} (the url as its text when alt is empty): what
     * {@code !\[([^\]]*)\]\(([^)\s]+)\)} replaced, in one pass.
     */
    static String imagesAsLinks(String s) {
        int n = s.length();
        NextIndex close = new NextIndex(n, k -> s.charAt(k) == ']');
        NextIndex urlEnd = new NextIndex(n, k -> s.charAt(k) == ')' || NextIndex.isSpace(s.charAt(k)));
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int i = s.indexOf("![");
        while (i >= 0) {
            int j = close.from(i + 2);
            if (j < 0) {
                break;
            }
            int end = j + 1 < n && s.charAt(j + 1) == '(' ? urlEnd.from(j + 2) : -1;
            if (end > j + 2 && s.charAt(end) == ')') {
                String alt = s.substring(i + 2, j);
                String url = s.substring(j + 2, end);
                out.append(s, copied, i).append('[').append(alt.isEmpty() ? url : alt).append("](").append(url).append(')');
                copied = end + 1;
                i = s.indexOf("![", copied);
            } else {
                // every "![" before j shares this closer, and so fails the same way
                i = s.indexOf("![", j + 1);
            }
        }
        return copied == 0 ? s : out.append(s, copied, n).toString();
    }

    /** The body as text blocks of at most about {@link #BODY_BLOCK} characters, split between paragraphs. */
    static List<Block> body(String markdown) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : toPacer(markdown).split("\n\\s*\n")) {
            if (current.length() > 0 && current.length() + paragraph.length() + 2 > BODY_BLOCK) {
                blocks.add(new Block.Text(current.toString()));
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append("\n\n");
            }
            current.append(paragraph);
        }
        if (current.length() > 0) {
            blocks.add(new Block.Text(current.toString()));
        }
        return blocks;
    }

    /** The body without any markup, on one line. */
    static String plainText(String markdown) {
        String s = Markdown.plain(toPacer(markdown));
        s = s.replace("• ", "").replace("│ ", "").replace("──────────", " ");
        return s.replaceAll("\\s+", " ").strip();
    }

    /** Quoted text (a title, a query, a name) shown as typed: no markup, no link (see {@link Markdown#literal}). */
    static String escape(String text) {
        return Markdown.literal(text);
    }

    // --- snippets -------------------------------------------------------------------------------------------

    /**
     * About {@link #SNIPPET} characters of the body around its first match, matched words in bold: a Latin word
     * whose stem starts with a query stem, a run of Chinese characters covered by the query's bigrams.
     */
    static String snippet(String bodyMarkdown, Set<String> terms) {
        String text = plainText(bodyMarkdown);
        boolean[] marked = mark(text, terms);
        int first = -1;
        for (int i = 0; i < marked.length && first < 0; i++) {
            if (marked[i]) {
                first = i;
            }
        }
        int start = first < 0 ? 0 : Math.max(0, first - SNIPPET / 4);
        if (start > 0) {
            int space = text.lastIndexOf(' ', start);
            start = space >= 0 && start - space < 20 ? space + 1 : start;
        }
        int end = Math.min(text.length(), start + SNIPPET);
        if (end < text.length()) {
            int space = text.lastIndexOf(' ', end);
            end = space > start + SNIPPET / 2 ? space : end;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
        }
        StringBuilder out = new StringBuilder(start > 0 ? "…" : "");
        int i = start;
        while (i < end) {
            int j = i;
            boolean bold = marked[i];
            while (j < end && marked[j] == bold) {
                j++;
            }
            String piece = escape(text.substring(i, j));
            out.append(bold ? "**" + piece + "**" : piece);
            i = j;
        }
        if (end < text.length()) {
            out.append('…');
        }
        return out.toString();
    }

    /** Which characters of {@code text} belong to a match of one of {@code terms}. */
    static boolean[] mark(String text, Set<String> terms) {
        boolean[] marked = new boolean[text.length()];
        // char by char, so positions stay those of text (String.toLowerCase may change the length)
        StringBuilder folded = new StringBuilder(text.length());
        for (int k = 0; k < text.length(); k++) {
            folded.append(Character.toLowerCase(text.charAt(k)));
        }
        String lower = folded.toString();
        int i = 0;
        while (i < lower.length()) {
            int cp = lower.codePointAt(i);
            int len = Character.charCount(cp);
            if (SearchTokens.isHan(cp)) {
                int next = i + len;
                if (next < lower.length() && SearchTokens.isHan(lower.codePointAt(next))) {
                    int after = next + Character.charCount(lower.codePointAt(next));
                    if (terms.contains(lower.substring(i, after))) {
                        java.util.Arrays.fill(marked, i, after, true);
                    }
                }
                if (terms.contains(lower.substring(i, i + len))) {
                    java.util.Arrays.fill(marked, i, i + len, true);
                }
                i += len;
            } else if (Character.isLetterOrDigit(cp) && cp < 0x250) {
                int j = i;
                while (j < lower.length() && Character.isLetterOrDigit(lower.codePointAt(j)) && lower.codePointAt(j) < 0x250) {
                    j += Character.charCount(lower.codePointAt(j));
                }
                String stem = SearchTokens.stem(lower.substring(i, j));
                for (String term : terms) {
                    boolean latin = !SearchTokens.isHan(term.codePointAt(0));
                    if (latin && (stem.equals(term) || (KbSearch.operand(term).endsWith(":*") && stem.startsWith(term)))) {
                        java.util.Arrays.fill(marked, i, j, true);
                        break;
                    }
                }
                i = j;
            } else {
                i += len;
            }
        }
        return marked;
    }

    // --- ages and lines -------------------------------------------------------------------------------------

    static String age(Instant then, Instant now, Messages m) {
        long days = Math.max(0, Duration.between(then, now).toDays());
        if (days < 1) {
            return m.get("kb.age.today");
        }
        if (days < 60) {
            return m.get("kb.age.days", String.valueOf(days));
        }
        if (days < 730) {
            return m.get("kb.age.months", String.valueOf(days / 30));
        }
        return m.get("kb.age.years", String.valueOf(days / 365));
    }

    static String tags(Article article) {
        return article.tagList().stream().map(t -> "`" + escape(t) + "`").reduce((a, b) -> a + " " + b).orElse("");
    }

    static String title(Article article) {
        return "#" + article.number() + " " + article.title();
    }

    /** {@link #title} as Markdown: the title shows as typed. */
    static String titleMarkdown(Article article) {
        return "#" + article.number() + " " + escape(article.title());
    }

    /** One search result: bold title, snippet, then tags and age (and the outdated flag). */
    static String result(Article article, Set<String> terms, Instant now, Messages m) {
        StringBuilder s = new StringBuilder("**").append(titleMarkdown(article)).append("**");
        if (article.stale(now)) {
            s.append("  ⚠️ _").append(m.get("kb.stale")).append('_');
        }
        String snippet = snippet(article.body(), terms);
        if (!snippet.isEmpty()) {
            s.append('\n').append(snippet);
        }
        String tags = tags(article);
        s.append('\n').append(tags.isEmpty() ? "" : tags + " · ").append(m.get("kb.updated", age(article.updatedAt(), now, m)));
        return s.toString();
    }

    /** {@code kb show}: the whole article, its facts, and buttons. */
    static Reply.Message card(Article article, String author, String verifier, boolean mayEdit, boolean mayVerify,
            String query, Instant now, ZoneId zone, Messages m) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(title(article)));
        List<String> facts = new ArrayList<>();
        String tags = tags(article);
        if (!tags.isEmpty()) {
            facts.add(tags);
        }
        facts.add(m.get("kb.language." + article.language()));
        facts.add(author != null ? m.get("kb.by", escape(author)) : m.get("kb.imported"));
        facts.add(m.get("kb.updated", age(article.updatedAt(), now, m)));
        if (article.verifiedAt() != null) {
            facts.add("✅ " + m.get("kb.verified_by", escape(verifier == null ? "?" : verifier),
                    article.verifiedAt().atZone(zone).toLocalDate().toString()));
        }
        blocks.add(new Block.Context(String.join(" · ", facts)));
        if (article.stale(now)) {
            blocks.add(new Block.Context("⚠️ " + m.get("kb.stale.long")));
        }
        blocks.addAll(body(article.body()));
        blocks.add(new Block.Context(m.get("kb.votes", String.valueOf(article.helpful()), String.valueOf(article.unhelpful()))));
        Map<String, String> voteArgs = new LinkedHashMap<>();
        voteArgs.put("article", String.valueOf(article.number()));
        if (query != null && !query.isBlank()) {
            voteArgs.put("q", query);
        }
        List<Button> buttons = new ArrayList<>();
        Map<String, String> yes = new LinkedHashMap<>(voteArgs);
        yes.put("helpful", "yes");
        Map<String, String> no = new LinkedHashMap<>(voteArgs);
        no.put("helpful", "no");
        buttons.add(Button.of("👍 " + m.get("kb.button.helpful"), ActionRef.of("kb.vote", yes)));
        buttons.add(Button.of("👎 " + m.get("kb.button.unhelpful"), ActionRef.of("kb.vote", no)));
        if (mayEdit) {
            buttons.add(Button.of(m.get("kb.button.edit"), ActionRef.of("kb.edit", Map.of("article", String.valueOf(article.number())))));
        }
        if (mayVerify) {
            buttons.add(Button.primary(m.get("kb.button.verify"), ActionRef.of("kb.verify", Map.of("article", String.valueOf(article.number())))));
        }
        blocks.add(new Block.Actions(buttons));
        return Reply.message(title(article), blocks);
    }
}
