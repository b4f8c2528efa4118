package app.pacer.core.command;

import app.pacer.testing.WorstCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mentions without their closing {@code >} or {@code </at>}: each one used to search the rest of the text again. */
class TokenizerWorstCaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"<at> ", "<@ ", "<@U1|", "\"", "a=\"", "=", "next "})
    void tokenizeIsQuick(String unit) {
        WorstCase.finishesQuickly("", unit, "", Tokenizer::tokenize);
    }
}
