package app.pacer.core.section;

import app.pacer.core.reply.Block;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The numbers of a review period, in both languages, so that a recorded review is frozen exactly as it was
 * seen: later log entries, renamed metrics or a changed language do not change it. Sections come from
 * {@link ReviewSnapshotSection} beans; a feature adds one by implementing that interface.
 *
 * @param from first day of the period reviewed
 * @param to   last day of the period reviewed
 */
public record ReviewSnapshot(String from, String to, List<Section> sections) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ReviewSnapshot {
        sections = List.copyOf(sections);
    }

    /** One feature's part: a title and a few facts. */
    public record Section(String key, Map<Language, String> title, List<Fact> facts) {
        public Section {
            facts = List.copyOf(facts);
        }
    }

    /**
     * One figure. {@code id} identifies it (a metric key for target lines); {@code target} and
     * {@code percent} are set for figures measured against a target, which the manager rates.
     */
    public record Fact(String id, Map<Language, String> label, Map<Language, String> value, BigDecimal target,
            Integer percent) {

        public boolean rated() {
            return target != null;
        }
    }

    /** A text in every language, from the same message key. */
    public static Map<Language, String> text(Function<Messages, String> text) {
        Map<Language, String> out = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            out.put(language, text.apply(Messages.of(language)));
        }
        return out;
    }

    public static String in(Map<Language, String> texts, Language language) {
        String text = texts.get(language);
        return text != null ? text : texts.values().stream().findFirst().orElse("");
    }

    /** The facts measured against a target: what the manager rates. */
    public List<Fact> rated() {
        return sections.stream().flatMap(s -> s.facts().stream()).filter(Fact::rated).toList();
    }

    public List<Block> blocks(Messages m) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Context(m.get("review.snapshot.period", from, to)));
        for (Section section : sections) {
            // the frozen texts are plain (a custom metric's name is typed by an admin): shown as they are
            blocks.add(new Block.Text(Markdown.bold(in(section.title(), m.language()))));
            if (section.facts().isEmpty()) {
                blocks.add(new Block.Context(m.get("review.snapshot.nothing")));
                continue;
            }
            blocks.add(new Block.Fields(section.facts().stream()
                    .map(f -> new Block.Field(Markdown.literal(in(f.label(), m.language())), Markdown.literal(in(f.value(), m.language()))
                            + (f.percent() == null ? "" : " (" + f.percent() + "%)")))
                    .toList()));
        }
        return blocks;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ReviewSnapshot fromJson(String json) {
        try {
            return JSON.readValue(json, ReviewSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable review snapshot", e);
        }
    }
}
