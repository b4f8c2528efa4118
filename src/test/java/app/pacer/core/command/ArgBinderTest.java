package app.pacer.core.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgBinderTest {

    private static final ParseContext CONTEXT = new ParseContext(LocalDate.of(2026, 12, 1),
            ZoneId.of("Asia/Shanghai"), "U_SELF", Map.of("Jane Doe", "29:jane"));

    private final CommandRegistry registry = CommandRegistryTest.sampleRegistry();

    /** Resolves the command, then binds the tokens after its name: what CommandService does with typed text. */
    private Map<String, Object> bind(String line) {
        List<Token> tokens = Tokenizer.tokenize(line);
        CommandRegistry.Resolution resolution = registry.resolve(tokens);
        return ArgBinder.bind(resolution.spec(), tokens.subList(resolution.consumed(), tokens.size()), CONTEXT);
    }

    private ArgError bindError(String line) {
        return assertThrows(ArgError.class, () -> bind(line));
    }

    private static Whom.Person person(String userId, String displayName) {
        return new Whom.Person(new UserRef(userId, displayName));
    }

    // --- positional arguments ------------------------------------------------------------------------------

    @Test
    void requiredWordAndGreedyNoteAreBoundInOrder() {
        Map<String, Object> args = bind("log 12k acme great first call");
        assertEquals(0, new BigDecimal("12000").compareTo((BigDecimal) args.get("amount")));
        assertEquals("acme", args.get("client"));
        assertEquals("great first call", args.get("note"));
        assertFalse(args.containsKey("date"));
    }

    @Test
    void optionalNoteMayBeLeftOut() {
        Map<String, Object> args = bind("记录 1.2万 acme");
        assertEquals(List.of("amount", "client"), List.copyOf(args.keySet()));
    }

    @Test
    void quotedNoteIsTakenWhole() {
        assertEquals("big deal", bind("log 5k acme \"big deal\"").get("note"));
    }

    @Test
    void optionalArgumentThatDoesNotFitIsSkipped() {
        Map<String, Object> args = bind("progress week");
        assertEquals(Period.WEEK, args.get("period"));
        assertFalse(args.containsKey("who"));
    }

    @Test
    void optionalArgumentsMayAllBeGiven() {
        Map<String, Object> args = bind("progress me month");
        assertEquals(person("U_SELF", null), args.get("who"));
        assertEquals(Period.MONTH, args.get("period"));
    }

    @Test
    void optionalArgumentsMayAllBeLeftOut() {
        assertTrue(bind("progress").isEmpty());
    }

    @Test
    void slackAndTeamsMentionsBindToPeople() {
        assertEquals(person("U123", "mei"), bind("progress <@U123|mei> quarter").get("who"));
        assertEquals(person("U123", null), bind("progress <@U123>").get("who"));
        assertEquals(person("29:jane", "Jane Doe"), bind("progress <at>Jane Doe</at> week").get("who"));
        assertEquals(new Whom.Team(), bind("progress team").get("who"));
        assertEquals(new Whom.Team(), bind("进度 团队 本月").get("who"));
    }

    @Test
    void choiceAcceptsAliasesInAnyCase() {
        assertEquals(Language.ZH, bind("settings language zh").get("language"));
        assertEquals(Language.ZH, bind("设置 语言 中文").get("language"));
        assertEquals(Language.EN, bind("settings language English").get("language"));
    }

    @Test
    void wordThatFitsNoOptionalArgumentReportsTheLastError() {
        ArgError error = bindError("progress bogus");
        assertEquals("error.choice", error.key());
    }

    @Test
    void badRequiredArgumentIsReportedNotSkipped() {
        assertEquals("error.amount.invalid", bindError("log abc acme").key());
        assertEquals("error.choice", bindError("settings language fr").key());
        assertArrayEquals(new Object[] {"fr", "en, zh"}, bindError("settings language fr").args());
    }

    // --- options -------------------------------------------------------------------------------------------

    @Test
    void namedOptionIsBoundAnywhereInTheLine() {
        Map<String, Object> args = bind("log 5k date=tomorrow acme a note");
        assertEquals(LocalDate.of(2026, 12, 2), args.get("date"));
        assertEquals("acme", args.get("client"));
        assertEquals("a note", args.get("note"));
    }

    @Test
    void positionalArgumentMayBeGivenAsOption() {
        assertEquals(Language.EN, bind("settings language LANGUAGE=en").get("language"));
        Map<String, Object> args = bind("log client=acme 5k note=\"big one\"");
        assertEquals("acme", args.get("client"));
        assertEquals("big one", args.get("note"));
        assertEquals(0, BigDecimal.valueOf(5000).compareTo((BigDecimal) args.get("amount")));
    }

    @Test
    void unknownOptionIsReportedWithTheKnownOnes() {
        ArgError error = bindError("log 5k acme when=today");
        assertEquals("error.unknown_option", error.key());
        assertArrayEquals(new Object[] {"when", "amount, client, note, date"}, error.args());
    }

    @Test
    void badOptionValueIsReported() {
        assertEquals("error.date.invalid", bindError("log 5k acme date=someday").key());
    }

    // --- missing and extra --------------------------------------------------------------------------------------

    @Test
    void missingRequiredArgumentNamesItsPlaceholder() {
        ArgError error = bindError("log");
        assertEquals("error.missing_argument", error.key());
        assertEquals(new ArgError.Key("arg.amount"), error.args()[0]);
        assertEquals("Please add the amount.", error.message(Messages.of(Language.EN)));
        assertEquals("请补充金额。", error.message(Messages.of(Language.ZH)));
    }

    @Test
    void missingSecondRequiredArgument() {
        ArgError error = bindError("log 12k");
        assertEquals("error.missing_argument", error.key());
        assertEquals(new ArgError.Key("arg.client"), error.args()[0]);
    }

    @Test
    void extraTokensAreRefused() {
        ArgError error = bindError("settings language zh extra");
        assertEquals("error.extra_argument", error.key());
        assertArrayEquals(new Object[] {"extra"}, error.args());
        assertEquals("error.extra_argument", bindError("progress week extra").key());
    }

    @Test
    void greedyArgumentLeavesNothingExtra() {
        assertEquals("settings language", bind("help settings language").get("command"));
    }

    // --- form values ---------------------------------------------------------------------------------------

    @Test
    void bindValuesReportsEveryBadFieldAtOnce() {
        Map<String, String> values = new HashMap<>();
        values.put("amount", "abc");
        values.put("client", "   ");
        values.put("note", "");
        values.put("date", "someday");
        ArgBinder.FormBinding binding = ArgBinder.bindValues(CommandRegistryTest.LOG, values, CONTEXT);
        assertFalse(binding.valid());
        assertEquals(3, binding.errors().size());
        assertEquals("error.amount.invalid", binding.errors().get("amount").key());
        assertEquals("error.required_field", binding.errors().get("client").key());
        assertEquals("error.date.invalid", binding.errors().get("date").key());
        assertFalse(binding.errors().containsKey("note"));
        assertTrue(binding.args().isEmpty());
    }

    @Test
    void bindValuesTreatsBlanksAsAbsentAndTrimsValues() {
        Map<String, String> values = new HashMap<>();
        values.put("amount", " 12k ");
        values.put("client", "acme");
        values.put("note", "  \t ");
        values.put("unrelated", "ignored");
        ArgBinder.FormBinding binding = ArgBinder.bindValues(CommandRegistryTest.LOG, values, CONTEXT);
        assertTrue(binding.valid());
        assertEquals(0, new BigDecimal("12000").compareTo((BigDecimal) binding.args().get("amount")));
        assertEquals("acme", binding.args().get("client"));
        assertFalse(binding.args().containsKey("note"));
        assertFalse(binding.args().containsKey("unrelated"));
    }

    @Test
    void bindValuesWithNothingSubmittedMissesOnlyRequiredFields() {
        ArgBinder.FormBinding binding = ArgBinder.bindValues(CommandRegistryTest.LOG, Map.of(), CONTEXT);
        assertEquals(List.of("amount", "client"), List.copyOf(binding.errors().keySet()));
        ArgBinder.FormBinding none = ArgBinder.bindValues(CommandRegistryTest.PROGRESS, Map.of(), CONTEXT);
        assertTrue(none.valid());
        assertTrue(none.args().isEmpty());
    }

    @Test
    void bindValuesParsesLikeTypedInput() {
        ArgBinder.FormBinding binding = ArgBinder.bindValues(CommandRegistryTest.SETTINGS_LANGUAGE,
                Map.of("language", "中文"), CONTEXT);
        assertTrue(binding.valid());
        assertInstanceOf(Language.class, binding.args().get("language"));
        assertEquals(Language.ZH, binding.args().get("language"));
    }
}
