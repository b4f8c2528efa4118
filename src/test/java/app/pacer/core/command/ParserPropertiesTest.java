package app.pacer.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of the parsers over arbitrary input: they refuse bad input with ArgError and never fail otherwise. */
class ParserPropertiesTest {

    private static final int EXAMPLES = 5000;
    private static final BigDecimal TRILLION = new BigDecimal("1000000000000");
    private static final ParseContext CONTEXT = new ParseContext(LocalDate.of(2026, 12, 1),
            ZoneId.of("Asia/Shanghai"), "U_SELF", Map.of("Jane Doe", "29:jane"));
    private static final CommandRegistry REGISTRY = CommandRegistryTest.sampleRegistry();
    private static final Set<String> AMOUNT_ERRORS = Set.of("error.amount.invalid", "error.amount.negative",
            "error.amount.zero", "error.amount.too_large", "error.amount.precision");

    /** Pieces that exercise the tokenizer's and parsers' special cases when strung together. */
    private static final List<String> FRAGMENTS = List.of(
            " ", "  ", "\t", "\n", "\u3000", "\u00A0", "\"", "“", "”", "「", "」", "'", "<", ">", "=", "@", "|",
            "<@", "<@U123>", "<@U1|mei>", "<@U1|Mei Lin>", "<at>", "</at>", "<AT>", "Jane Doe", "&lt;", "&gt;",
            "&amp;", "&", "next", "Next", "week", "month", "fri", "tue", "下周", "下个月", "五", "周", "星期", "今天",
            "明天", "万", "亿", "千", "k", "m", "w", "1", "12", "000", ",", ".", "-", "+", "¥", "$", "0", "１２", "ｋ",
            "e10", "NaN", "2026-02-30", "2026/1/5", "note", "note=", "date=", "who=", "x=\"", "help", "hlep", "log",
            "记录", "progress", "进度", "settings", "设置", "language", "语言", "timezone", "Asia/Shanghai", "zh",
            "team", "me", "我", "\u0130", "ß", "😀", "\uD83D", "\u0000", "a", "Z");

    private static final Gen<String> FRAGMENT_TEXT =
            lists().of(arbitrary().pick(FRAGMENTS)).ofSizeBetween(0, 14).map(parts -> String.join("", parts));

    /** Arbitrary unicode mixed with strings built from the special pieces above. */
    private static final Gen<String> ANY_TEXT = strings().allPossible().ofLengthBetween(0, 60)
            .mix(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 30))
            .mix(FRAGMENT_TEXT, 60);

    private static final Gen<String> COMMAND_LINE = arbitrary()
            .pick("", "help ", "log ", "log 5k ", "log 5k acme ", "记录 ", "progress ", "进度 ", "settings ",
                    "settings language ", "设置 语言 ", "settings timezone ", "hlep ")
            .zip(ANY_TEXT, (prefix, rest) -> prefix + rest);

    /** Runs the parse; an ArgError with an accepted key is fine, any other exception fails the property. */
    private static <T> T parseOrArgError(String input, java.util.function.Supplier<T> parse, Set<String> keys) {
        try {
            return parse.get();
        } catch (ArgError e) {
            if (keys != null && !keys.contains(e.key())) {
                fail("unexpected error key " + e.key() + " for " + describe(input));
            }
            return null;
        } catch (RuntimeException e) {
            throw new AssertionError("threw " + e + " for " + describe(input), e);
        }
    }

    private static String describe(String input) {
        StringBuilder sb = new StringBuilder("\"");
        input.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp > 0x7E) {
                sb.append(String.format(Locale.ROOT, "\\u{%04X}", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('"').toString();
    }

    // --- robustness ---------------------------------------------------------------------------------------

    @Test
    void tokenizerNeverThrows() {
        qt().withExamples(EXAMPLES).forAll(ANY_TEXT).checkAssert(input -> {
            List<Token> tokens = parseOrArgError(input, () -> Tokenizer.tokenize(input), Set.of());
            assertNotNull(tokens, () -> "no tokens for " + describe(input));
            for (Token token : tokens) {
                assertNotNull(token.text());
            }
        });
    }

    @Test
    void tokensOfTextWithoutQuotesOrOptionsOrMentionsAreItsWords() {
        Gen<String> plainWords = lists().of(arbitrary().pick("log", "12k", "acme", "周五", "1.2万", "deal", "x"))
                .ofSizeBetween(0, 10).zip(lists().of(arbitrary().pick(" ", "  ", "\t")).ofSize(10),
                        (words, spaces) -> {
                            StringBuilder sb = new StringBuilder();
                            for (int i = 0; i < words.size(); i++) {
                                sb.append(spaces.get(i)).append(words.get(i));
                            }
                            return sb.toString();
                        });
        qt().withExamples(2000).forAll(plainWords).checkAssert(input -> assertEquals(
                List.of(input.trim().split("\\s+")).stream().filter(w -> !w.isEmpty()).toList(),
                Tokenizer.tokenize(input).stream().map(Token::text).toList()));
    }

    @Test
    void amountIsPositiveAndBoundedOrAnArgError() {
        AmountArg amount = AmountArg.positive();
        qt().withExamples(EXAMPLES).forAll(ANY_TEXT).checkAssert(input -> {
            BigDecimal value = parseOrArgError(input, () -> amount.parse(input, CONTEXT), AMOUNT_ERRORS);
            if (value != null) {
                assertTrue(value.signum() > 0, () -> value + " from " + describe(input));
                assertTrue(value.compareTo(TRILLION) <= 0, () -> value + " from " + describe(input));
                assertTrue(value.scale() >= 0 && value.scale() <= 4, () -> value + " from " + describe(input));
            }
        });
    }

    @Test
    void dateIsADateOrAnArgError() {
        DateArg date = new DateArg();
        Set<String> keys = Set.of("error.date.invalid", "error.date.no_such_day");
        qt().withExamples(EXAMPLES).forAll(ANY_TEXT).checkAssert(input -> {
            LocalDate value = parseOrArgError(input, () -> date.parse(input, CONTEXT), keys);
            if (value != null) {
                assertNotNull(value.getDayOfWeek());
            }
        });
    }

    @Test
    void resolvingAndBindingOnlyEverThrowArgError() {
        qt().withExamples(EXAMPLES).forAll(COMMAND_LINE).checkAssert(input -> parseOrArgError(input, () -> {
            List<Token> tokens;
            try {
                tokens = Tokenizer.tokenize(input);
            } catch (RuntimeException e) {
                return null; // the tokenizer's own failures are tokenizerNeverThrows' business
            }
            if (tokens.isEmpty()) {
                return null; // CommandService shows the overview instead of resolving
            }
            CommandRegistry.Resolution resolution = REGISTRY.resolve(tokens);
            return ArgBinder.bind(resolution.spec(), tokens.subList(resolution.consumed(), tokens.size()), CONTEXT);
        }, null));
    }

    @Test
    void bindingFormValuesNeverThrows() {
        List<CommandSpec> specs = REGISTRY.all();
        qt().withExamples(2000).forAll(integers().between(0, specs.size() - 1), ANY_TEXT, ANY_TEXT)
                .checkAssert((index, first, second) -> {
                    CommandSpec spec = specs.get(index);
                    Map<String, String> values = new java.util.HashMap<>();
                    for (ArgSpec arg : spec.args()) {
                        values.put(arg.name(), values.isEmpty() ? first : second);
                    }
                    ArgBinder.FormBinding binding = parseOrArgError(first + "|" + second,
                            () -> ArgBinder.bindValues(spec, values, CONTEXT), Set.of());
                    assertNotNull(binding);
                    for (String name : binding.errors().keySet()) {
                        assertTrue(values.containsKey(name));
                    }
                });
    }

    // --- round trips ----------------------------------------------------------------------------------------

    @Test
    void validAmountsRoundTripInEveryNotation() {
        AmountArg amount = AmountArg.positive();
        qt().withExamples(EXAMPLES).forAll(longs().between(1, 1_000_000_000L)).checkAssert(n -> {
            BigDecimal expected = BigDecimal.valueOf(n);
            List<String> notations = new java.util.ArrayList<>(List.of(
                    Long.toString(n),
                    String.format(Locale.US, "%,d", n),
                    "¥" + String.format(Locale.US, "%,d", n),
                    expected.movePointLeft(3).toPlainString() + "k",
                    expected.movePointLeft(4).toPlainString() + "万",
                    expected.movePointLeft(6).toPlainString() + "m",
                    expected.movePointLeft(8).toPlainString() + "亿"));
            if (n % 1000 == 0) {
                notations.add(n / 1000 + "k");
                notations.add(String.format(Locale.US, "%,d", n / 1000) + "K");
            }
            for (String typed : notations) {
                BigDecimal parsed = amount.parse(typed, CONTEXT);
                assertEquals(0, expected.compareTo(parsed), () -> typed + " parsed as " + parsed);
                assertEquals(0, parsed.scale(), () -> typed + " parsed with scale " + parsed.scale());
            }
        });
    }

    @Test
    void validDecimalAmountsRoundTrip() {
        AmountArg amount = AmountArg.positive();
        qt().withExamples(EXAMPLES).forAll(longs().between(1, 1_000_000_000_000L), integers().between(0, 4))
                .checkAssert((unscaled, scale) -> {
                    BigDecimal expected = BigDecimal.valueOf(unscaled, scale);
                    String typed = expected.toPlainString();
                    BigDecimal parsed = amount.parse(typed, CONTEXT);
                    assertEquals(0, expected.compareTo(parsed), () -> typed + " parsed as " + parsed);
                    assertTrue(parsed.scale() >= 0 && parsed.scale() <= 4, typed);
                });
    }
}
