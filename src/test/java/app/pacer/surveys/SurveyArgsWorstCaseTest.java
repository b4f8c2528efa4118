package app.pacer.surveys;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ParseContext;
import app.pacer.testing.WorstCase;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audience of a typed {@code survey create}: openers of mentions without a closer, each tried to the end. */
class SurveyArgsWorstCaseTest {

    static final ParseContext CONTEXT = new ParseContext(LocalDate.of(2026, 1, 5), ZoneOffset.UTC, "U1", Map.of());

    @ParameterizedTest
    @ValueSource(strings = {"<@A|", "<at>", "<AT>x", "<@", " "})
    void audienceIsQuick(String unit) {
        WorstCase.finishesQuickly("", unit, "", text -> {
            try {
                return SurveyArgs.audience().parse(text, CONTEXT);
            } catch (ArgError e) {
                return null;
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"<@A|", "<at>", "<AT>x"})
    void titleIsQuick(String unit) {
        WorstCase.finishesQuickly("", unit, "", text -> {
            try {
                return SurveyArgs.title().parse(text, CONTEXT);
            } catch (ArgError e) {
                return null;
            }
        });
    }
}
