package app.pacer.platform.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pacer.testing.WorstCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Slack message may hold 40,000 characters; the bot's mention is removed before any cap applies. */
class SlackMentionWorstCaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"<@U1|", "<@", "<@U", " "})
    void mentionRemovalIsQuick(String unit) {
        WorstCase.finishesQuickly("", unit, "", SlackHandlers::withoutFirstMention);
    }

    @Test
    void removesTheFirstMentionOnly() {
        assertEquals(" kb show 3 <@U2>", SlackHandlers.withoutFirstMention("<@U1|pacer> kb show 3 <@U2>"));
        assertEquals("hi  there", SlackHandlers.withoutFirstMention("hi <@W0ABC> there"));
        assertEquals("<@u1> x", SlackHandlers.withoutFirstMention("<@u1> x"));
    }
}
