package app.pacer.core.reply;

import app.pacer.testing.WorstCase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 27: Markdown.plain and toSlack took about a second on 20,000 characters of openers without closers. */
class MarkdownWorstCaseTest {

    static List<String> units() {
        return List.of("[", "[a](http://", "[a](", " _a", "_", "*", "**a", "`", " ", "<", "&");
    }

    @ParameterizedTest
    @MethodSource("units")
    void plainIsQuick(String unit) {
        WorstCase.finishesQuickly("", unit, "", Markdown::plain);
    }

    @ParameterizedTest
    @MethodSource("units")
    void toSlackIsQuick(String unit) {
        WorstCase.finishesQuickly("", unit, "", Markdown::toSlack);
    }
}
