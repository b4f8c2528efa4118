package app.pacer.core.reply;

import java.math.BigDecimal;
import java.util.List;

/**
 * The building blocks of a message. Text uses a small Markdown subset ({@code **bold**}, {@code _italic_},
 * {@code `code`}, {@code [label](url)}, line breaks) that each renderer translates to its platform's dialect.
 */
public sealed interface Block permits Block.Header, Block.Text, Block.Fields, Block.Progress, Block.Bullets,
        Block.Actions, Block.Divider, Block.Context, Block.Image {

    record Header(String text) implements Block {
    }

    record Text(String markdown) implements Block {
    }

    record Fields(List<Field> fields) implements Block {
        public Fields {
            fields = List.copyOf(fields);
        }
    }

    record Field(String label, String value) {
    }

    /** A progress bar: {@code current} of {@code target}, with the figures already formatted in {@code caption}. */
    record Progress(String label, BigDecimal current, BigDecimal target, String caption) implements Block {
        public int percent() {
            if (target == null || target.signum() <= 0) {
                return 0;
            }
            return current.multiply(BigDecimal.valueOf(100)).divide(target, 0, java.math.RoundingMode.DOWN).intValue();
        }
    }

    /** A list of items, each a line of Markdown. Long lists are split by the renderers, never cut. */
    record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    record Actions(List<Button> buttons) implements Block {
        public Actions {
            buttons = List.copyOf(buttons);
        }
    }

    record Divider() implements Block {
    }

    /** Small print under a message. */
    record Context(String markdown) implements Block {
    }

    /**
     * A picture shown by URL (a digest chart): the platform fetches it, so {@code url} must be reachable from the
     * internet. {@code altText} is read out by screen readers and shown where images are not.
     */
    record Image(String url, String altText) implements Block {
        public Image {
            java.util.Objects.requireNonNull(url, "url");
            altText = altText == null || altText.isBlank() ? "image" : altText;
        }
    }
}
