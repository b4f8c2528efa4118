package app.pacer.kb;

import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.platform.slack.BlockKitRenderer;
import app.pacer.platform.teams.AdaptiveCardRenderer;
import app.pacer.testing.WorstCase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 27: an article of {@link WorstCase#LENGTH} characters shaped against the Markdown patterns (a heading line
 * ending in 20,000 spaces took hours) renders, is searched and shows in a few hundred milliseconds.
 */
class KbViewWorstCaseTest {

    /** head, repeated unit, tail. */
    static List<String[]> shapes() {
        return List.of(
                new String[] {"# a", " ", "x"}, // heading: \s*#*\s* after a lazy group, cubic
                new String[] {"## ", "# ", "x"},
                new String[] {"- ", " ", "\u2028x"}, // list item whose rest cannot match .*
                new String[] {"", "- ", "x"}, // rule: (\s*\1){2,} recursed until the stack overflowed
                new String[] {"", "* ", "x"},
                new String[] {"", "![", ""}, // images without a closing ]
                new String[] {"", "![](", ""}, // images without a closing )
                new String[] {"", "[", ""}, // links without a closing ]
                new String[] {"", "[a](http://", ""},
                new String[] {"", " _a", ""}, // italics without a closing _
                new String[] {"", "__a", ""},
                new String[] {"", " *a", ""},
                new String[] {"", "*", ""},
                new String[] {"", "_", ""},
                new String[] {"", "`", ""},
                new String[] {"", " ", "x"},
                new String[] {"", "\n ", "x"},
                new String[] {"", "> ", "\u2028x"});
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void toPacerIsQuick(String head, String unit, String tail) {
        WorstCase.finishesQuickly(head, unit, tail, KbView::toPacer);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void searchSnippetIsQuick(String head, String unit, String tail) {
        WorstCase.finishesQuickly(head, unit, tail, body -> KbView.snippet(body, Set.of("a")));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void kbShowRendersQuicklyOnBothPlatforms(String head, String unit, String tail) {
        Messages m = Messages.of(Language.EN);
        WorstCase.finishesQuickly(head, unit, tail, body -> {
            Reply.Message message = Reply.message("t", KbView.body(body));
            return BlockKitRenderer.messages(message, m).size() + AdaptiveCardRenderer.cards(message, m).size();
        });
    }
}
