package app.pacer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.FormFallbacks;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import app.pacer.platform.slack.BlockKitRenderer;
import app.pacer.platform.teams.AdaptiveCardRenderer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every kind of {@link Reply} and {@link Block} — read from the sealed hierarchies, not listed here — is rendered
 * by Block Kit, by Adaptive Cards and in the plain-text fallback (the {@code text} Slack shows in notifications).
 * A new kind without a branch in a renderer, or in {@link Reply#match}, fails here instead of vanishing from a
 * member's screen. Samples are built by reflection from the records' components.
 */
class ExhaustiveRenderingTest {

    private static final Messages EN = Messages.of(Language.EN);

    @Test
    void everyKindOfBlockIsRenderedOnBothPlatformsAndInPlainText() {
        Class<?>[] kinds = Block.class.getPermittedSubclasses();
        assertFalse(kinds.length == 0);
        for (Class<?> kind : kinds) {
            Block block = (Block) sample(kind);
            assertMessageRenders(Reply.message("summary of " + kind.getSimpleName(), List.of(block)), kind.getSimpleName());
            // inside a form's intro, too
            List<Block> intro = List.of(block);
            app.pacer.core.reply.Form form = new app.pacer.core.reply.Form(app.pacer.core.reply.ActionRef.of("help"), "Title",
                    "Save", List.of(), intro);
            assertFalse(BlockKitRenderer.modal(form, Map.of(), "{}", EN).get("blocks").isEmpty(), kind.getSimpleName());
            // the card's title, then the intro
            assertTrue(AdaptiveCardRenderer.form(form, Map.of(), EN).get("body").size() > 1, kind.getSimpleName());
        }
    }

    @Test
    void everyKindOfReplyIsMatchedAndRenderedOnBothPlatforms() {
        Set<Class<?>> matched = new LinkedHashSet<>();
        Reply.Cases rendering = new Reply.Cases() {
            @Override
            public void message(Reply.Message message) {
                matched.add(Reply.Message.class);
                assertMessageRenders(message, "Message");
            }

            @Override
            public void openForm(Reply.OpenForm open) {
                matched.add(Reply.OpenForm.class);
                assertFalse(BlockKitRenderer.modal(open.form(), Map.of(), "{}", EN).get("blocks").isEmpty(), "Slack modal");
                assertFalse(AdaptiveCardRenderer.form(open.form(), Map.of(), EN).get("body").isEmpty(), "Teams form card");
                assertMessageRenders(FormFallbacks.launcher(open.form(), EN), "form launcher");
            }

            @Override
            public void formErrors(Reply.FormErrors errors) {
                matched.add(Reply.FormErrors.class);
                assertFalse(AdaptiveCardRenderer.form(errors.form(), errors.errors(), EN).get("body").isEmpty(), "Teams form with errors");
                assertMessageRenders(FormFallbacks.errorsAsMessage(errors, EN), "form errors");
            }

            @Override
            public void file(Reply.File file) {
                matched.add(Reply.File.class);
                List<Block> withLink = new ArrayList<>(file.message().blocks());
                withLink.add(new Block.Actions(List.of(Button.link(file.filename(), file.downloadUrl()))));
                assertMessageRenders(file.message(), "file message");
                assertMessageRenders(Reply.message(file.message().summary(), withLink), "file download link");
            }
        };
        Class<?>[] kinds = Reply.class.getPermittedSubclasses();
        for (Class<?> kind : kinds) {
            Reply reply = (Reply) sample(kind);
            try {
                reply.match(rendering);
            } catch (IllegalStateException e) {
                fail("no case for " + kind.getName() + ": " + e.getMessage());
            }
        }
        assertEquals(Set.of(kinds), matched);
    }

    /** Block Kit messages with blocks and a fallback text, and Adaptive Cards with a body. */
    private static void assertMessageRenders(Reply.Message message, String what) {
        List<ObjectNode> slack = BlockKitRenderer.messages(message, EN);
        assertFalse(slack.isEmpty() || slack.get(0).get("blocks").isEmpty(), "Block Kit rendered nothing for " + what);
        assertFalse(slack.get(0).get("text").asText().isBlank(), "no plain-text fallback for " + what);
        List<ObjectNode> teams = AdaptiveCardRenderer.cards(message, EN);
        assertFalse(teams.isEmpty() || teams.get(0).get("body").isEmpty(), "Adaptive Card rendered nothing for " + what);
    }

    /** A value of {@code type}: records from their components, a sealed interface by its first kind. */
    static Object sample(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] args = parameterized.getActualTypeArguments();
            if (raw == List.class) {
                return List.of(sample(args[0]));
            }
            if (raw == Map.class) {
                return Map.of(sample(args[0]), sample(args[1]));
            }
            throw new IllegalArgumentException("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "sample";
        } else if (c == BigDecimal.class) {
            return new BigDecimal("3");
        } else if (c == boolean.class) {
            return true;
        } else if (c == int.class) {
            return 1;
        } else if (c == byte[].class) {
            return "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        } else if (c.isEnum()) {
            return c.getEnumConstants()[0];
        } else if (c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] values = Arrays.stream(components).map(rc -> sample(rc.getGenericType())).toArray();
            try {
                Constructor<?> canonical = c.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return canonical.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build a sample " + c.getName(), e);
            }
        } else if (c.isSealed()) {
            return sample(c.getPermittedSubclasses()[0]);
        }
        throw new IllegalArgumentException("no sample for " + c.getName() + ": teach ExhaustiveRenderingTest.sample");
    }
}
