package app.pacer.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Text people type goes into Markdown only through {@code Markdown.literal} (or {@code Markdown.bold}), so only links
 * Pacer builds are links (issue 27). A source scan: a line that reads a typed text (a display name, a comment, a
 * note, a lost reason, a company, a search query) while building Markdown must escape it, or be listed below with
 * why it is safe. Blunt by design: it points at a line to look at, the reviewer decides.
 */
class UserTextEscapedTest {

    private static final Path MAIN = Path.of("src/main/java/app/pacer");
    /** Accessors of text a person typed. */
    private static final Pattern TYPED = Pattern.compile(
            "\\.(displayName|comment|note|lostReason|company|query)\\(\\)");
    /** Signs that a line builds Markdown. */
    private static final Pattern MARKDOWN = Pattern.compile(
            "\"\\*\\*\"|\\bm\\.get\\(|messages\\.get\\(|Messages\\(\\)\\.get\\(|Block\\.(Text|Field|Context|Bullets)\\(|lines\\.add\\(|\" · \"|\" — \"");
    private static final Pattern ESCAPING = Pattern.compile("\\b(literal|bold|escape|names)\\(");
    /** "file: code" of lines that are safe as they are, and why. */
    private static final Set<String> SAFE = Set.of(
            // headers and summaries are plain text: the renderers escape a header, a summary is never read as Markdown
            "nudge/NudgeService.java: blocks.add(new Block.Header(m.get(\"nudge.greeting\", member.displayName())));",
            "nudge/NudgeService.java: return Reply.message(m.get(\"nudge.greeting\", member.displayName()), blocks);",
            "core/command/HelpCommands.java: blocks.add(new Block.Header(messages.get(greeting ? \"help.greeting\" : \"help.title\", member.displayName())));",
            "core/command/HelpCommands.java: return Reply.message(messages.get(\"help.title\", member.displayName()), blocks);",
            "digest/DigestCommands.java: blocks.add(new Block.Header(m.get(\"dashboard.title\", member.displayName())));",
            "digest/DigestCommands.java: return Reply.message(m.get(\"dashboard.title\", member.displayName()), blocks);",
            "reviews/ReviewForms.java: blocks.add(new Block.Header(m.get(\"review.show.title\", \"#\" + review.number(), rep.displayName())));",
            "reviews/ReviewForms.java: return Reply.message(m.get(\"review.recorded\", \"#\" + review.number(), rep.displayName()), blocks);",
            "reviews/ReviewForms.java: outbox.toMember(rep, Reply.message(repMessages.get(\"review.recorded.dm\", \"#\" + review.number(), actor.displayName()),",
            "reviews/ReviewCommands.java: return Reply.message(m.get(\"review.show.title\", \"#\" + review.number(), members.findById(review.repId()).displayName()),",
            "reviews/ReviewCommands.java: return Reply.message(m.get(\"review.scheduled\", \"#\" + review.number(), typeName(m, type), rep.displayName(),",
            "feedback/FeedbackCommands.java: whose = owner == null ? m.get(\"progress.team\") : actor.displayName();",
            "targets/LogCommands.java: title = m.get(\"progress.title\", subject.displayName());",
            // escaped where used: Markdown.literal(who), and LeadView.add escapes every value
            "targets/TargetCommands.java: String who = t.team() ? m.get(\"progress.team\") : members.findById(t.memberId()).displayName();",
            "leads/LeadView.java: add(fields, m.get(\"lead.field.company\"), lead.company());",
            // the customer's feedback page is HTML, escaped there
            "feedback/FeedbackPage.java: return \"<p class=\\\"from\\\">\" + esc(m.get(\"page.feedback.from\", owner.displayName(), company, link.lead().name())) + \"</p>\"",
            // a lead's history line is plain text in a table, escaped where it is shown (LeadView)
            "leads/LeadEditCommands.java: leads.event(lead, actor, \"owner: \" + owner.displayName(), invocation.now());");

    @Test
    void typedTextIsEscapedWhereverMarkdownIsBuilt() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = MAIN.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("platform/") || name.startsWith("playground/") || name.startsWith("core/org/")
                        && !name.endsWith("OrgCommands.java")) {
                    continue; // adapters and the member entity itself, not Markdown
                }
                for (String line : Files.readAllLines(file)) {
                    String code = line.strip();
                    if (code.startsWith("//") || code.startsWith("*") || !MARKDOWN.matcher(code).find()) {
                        continue;
                    }
                    Matcher typed = TYPED.matcher(code);
                    while (typed.find()) {
                        boolean nullCheck = code.startsWith(" == null", typed.end()) || code.startsWith(" != null", typed.end());
                        if (!nullCheck && !escaped(code, typed.start()) && !SAFE.contains(name + ": " + code)) {
                            found.add(name + ": " + code);
                            break;
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "typed text put into Markdown without Markdown.literal");
    }

    @Test
    void theScanBites() {
        assertTrue(!escaped("lines.add(\"**\" + member.displayName() + \"**\");", 17));
        assertTrue(escaped("lines.add(Markdown.bold(member.displayName()));", 30));
    }

    /** Whether the accessor at {@code at} sits inside the parentheses of an escaping call on the same line. */
    static boolean escaped(String code, int at) {
        Matcher call = ESCAPING.matcher(code);
        while (call.find() && call.end() <= at) {
            int depth = 0;
            for (int i = call.end() - 1; i < at; i++) {
                depth += code.charAt(i) == '(' ? 1 : code.charAt(i) == ')' ? -1 : 0;
            }
            if (depth > 0) {
                return true;
            }
        }
        return false;
    }
}
