package app.pacer.platform.teams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Reply;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationAccount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which replies leave a shared Teams conversation for the asker's personal chat (issue 27, item 2). */
class TeamsReplyRoutingTest {

    private static Activity in(String conversationType, boolean isGroup) {
        Activity activity = Activity.createMessageActivity();
        ConversationAccount conversation = new ConversationAccount("c-1");
        conversation.setConversationType(conversationType);
        conversation.setIsGroup(isGroup);
        activity.setConversation(conversation);
        return activity;
    }

    @Test
    void onlyMessagesForTheChannelStayInSharedConversations() {
        Reply forEveryone = new Reply.Message("digest", List.of(new Block.Text("digest")), Reply.Visibility.CHANNEL);
        Reply forTheAsker = Reply.text("your lead");
        Reply errors = new Reply.FormErrors(null, Map.of("x", "wrong"));
        Reply file = new Reply.File("a.csv", "text/csv", new byte[0], Reply.text("export"), "https://x/exports/1");
        for (Activity shared : List.of(in("channel", true), in("groupChat", true), in(null, true))) {
            assertFalse(TeamsHandlers.forTheAskerAlone(shared, forEveryone));
            assertTrue(TeamsHandlers.forTheAskerAlone(shared, forTheAsker));
            assertTrue(TeamsHandlers.forTheAskerAlone(shared, errors));
            assertTrue(TeamsHandlers.forTheAskerAlone(shared, file));
        }
        Activity personal = in("personal", false);
        assertFalse(TeamsHandlers.forTheAskerAlone(personal, forTheAsker));
        assertFalse(TeamsHandlers.forTheAskerAlone(personal, file));
        assertFalse(TeamsHandlers.forTheAskerAlone(personal, forEveryone));
    }
}
