package app.pacer.core.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandRegistryTest {

    static final CommandHandler NOOP = invocation -> null;

    static final CommandSpec HELP = CommandSpec.command("help", "help", "帮助")
            .arg(ArgSpec.optional("command", ArgTypes.text("arg.command")))
            .handler(NOOP);
    static final CommandSpec SETTINGS = CommandSpec.command("settings", "settings", "设置").handler(NOOP);
    static final CommandSpec SETTINGS_LANGUAGE = CommandSpec.command("settings.language", "language", "lang", "语言")
            .arg(ArgSpec.required("language", ArgTypes.choice("arg.language", Language.class,
                    Map.of("english", Language.EN, "chinese", Language.ZH, "中文", Language.ZH, "英文", Language.EN))))
            .handler(NOOP);
    static final CommandSpec SETTINGS_TIMEZONE = CommandSpec.command("settings.timezone", "timezone", "tz", "时区")
            .arg(ArgSpec.required("zone", ArgTypes.timeZone()))
            .handler(NOOP);
    static final CommandSpec LOG = CommandSpec.command("log", "log", "记录")
            .arg(ArgSpec.required("amount", ArgTypes.amount()))
            .arg(ArgSpec.required("client", ArgTypes.word("arg.client")))
            .arg(ArgSpec.optional("note", ArgTypes.text("arg.note")))
            .arg(ArgSpec.option("date", ArgTypes.date()))
            .handler(NOOP);
    static final CommandSpec PROGRESS = CommandSpec.command("progress", "progress", "进度")
            .arg(ArgSpec.optional("who", ArgTypes.memberOrTeam()))
            .arg(ArgSpec.optional("period", ArgTypes.period()))
            .handler(NOOP);

    /** A small registry shaped like Pacer's own: also used by the binder and property tests. */
    static CommandRegistry sampleRegistry() {
        return new CommandRegistry(List.of(PROGRESS, SETTINGS_TIMEZONE, LOG, SETTINGS_LANGUAGE, HELP, SETTINGS));
    }

    private final CommandRegistry registry = sampleRegistry();

    private CommandRegistry.Resolution resolve(String line) {
        return registry.resolve(Tokenizer.tokenize(line));
    }

    private ArgError resolveError(String line) {
        return assertThrows(ArgError.class, () -> resolve(line));
    }

    // --- resolving ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "help,                 help,              1",
        "HELP settings,        help,              1",
        "帮助,                 help,              1",
        "log 12k acme,         log,               1",
        "记录 12k acme,        log,               1",
        "progress week,        progress,          1",
        "进度,                 progress,          1",
        "settings,             settings,          1",
        "settings language zh, settings.language, 2",
        "设置 语言 zh,         settings.language, 2",
        "Settings Lang en,     settings.language, 2",
        "settings tz UTC,      settings.timezone, 2",
        "设置 时区 Asia/Shanghai, settings.timezone, 2",
    })
    void resolvesByEnglishNameOrAliasAndDescendsIntoSubCommands(String line, String id, int consumed) {
        CommandRegistry.Resolution resolution = resolve(line);
        assertEquals(id, resolution.spec().id());
        assertEquals(consumed, resolution.consumed());
    }

    @Test
    void optionTokensNeverNameACommandAndQuotedOnesOnlyAtTheTop() {
        assertEquals("help", resolve("\"help\"").spec().id());
        assertTrue(resolveError("help=x").key().startsWith("error.unknown_command"));
        CommandRegistry.Resolution quotedSub = resolve("settings \"language\"");
        assertEquals("settings", quotedSub.spec().id());
        assertEquals(1, quotedSub.consumed());
    }

    @ParameterizedTest
    @CsvSource({"hlep, help", "hepl, help", "halp, help", "lgo, log", "progres, progress", "setings, settings"})
    void misspelledCommandSuggestsTheClosestName(String typed, String suggestion) {
        ArgError error = resolveError(typed + " something");
        assertEquals("error.unknown_command.suggest", error.key());
        assertArrayEquals(new Object[] {typed, suggestion}, error.args());
    }

    @Test
    void farOffWordIsAnUnknownCommandWithoutSuggestion() {
        ArgError error = resolveError("qqqqqqq 12k");
        assertEquals("error.unknown_command", error.key());
        assertArrayEquals(new Object[] {"qqqqqqq"}, error.args());
    }

    @Test
    void misspelledSubCommandSuggestsTheFullPath() {
        ArgError error = resolveError("settings langauge zh");
        assertEquals("error.unknown_subcommand.suggest", error.key());
        assertArrayEquals(new Object[] {"settings", "langauge", "settings language"}, error.args());
    }

    @Test
    void unknownSubCommandListsTheChoices() {
        ArgError error = resolveError("settings qqqqqqq");
        assertEquals("error.unknown_subcommand", error.key());
        assertArrayEquals(new Object[] {"settings", "qqqqqqq", "settings language, settings timezone"}, error.args());
    }

    @Test
    void unknownCommandMessageIsReadable() {
        String message = resolveError("hlep").message(Messages.of(Language.EN));
        assertEquals("I don't know the command **hlep**. Did you mean **help**?", message);
    }

    @Test
    void findOnlyAcceptsExactCommandPaths() {
        assertEquals("settings.language", registry.find(Tokenizer.tokenize("settings language")).orElseThrow().id());
        assertEquals("settings", registry.find(Tokenizer.tokenize("设置")).orElseThrow().id());
        assertTrue(registry.find(Tokenizer.tokenize("settings language zh")).isEmpty());
        assertTrue(registry.find(Tokenizer.tokenize("nope")).isEmpty());
        assertTrue(registry.find(Tokenizer.tokenize("settings langauge")).isEmpty());
    }

    @Test
    void treeIsBuiltFromDottedIds() {
        assertEquals(List.of("help", "log", "progress", "settings"),
                registry.topLevel().stream().map(CommandSpec::id).toList());
        assertEquals(List.of("settings.language", "settings.timezone"),
                registry.children(SETTINGS).stream().map(CommandSpec::id).toList());
        assertTrue(registry.children(LOG).isEmpty());
        assertEquals(6, registry.all().size());
        assertEquals("settings", SETTINGS_LANGUAGE.parentId());
        assertEquals("language", SETTINGS_LANGUAGE.name());
    }

    // --- usage lines ----------------------------------------------------------------------------------------

    @Test
    void usageLinesUseTheReadersPlaceholders() {
        Messages en = Messages.of(Language.EN);
        assertEquals("settings language <en|zh>", registry.usage(SETTINGS_LANGUAGE, en));
        assertEquals("settings timezone <Area/City>", registry.usage(SETTINGS_TIMEZONE, en));
        assertEquals("progress [@person|me|team] [day|week|month|quarter|year]", registry.usage(PROGRESS, en));
        assertEquals("help [command]", registry.usage(HELP, en));
        assertEquals("settings", registry.usage(SETTINGS, en));
    }

    @Test
    void usageShowsNamedOptionsAsKeyValue() {
        String usage = registry.usage(LOG, Messages.of(Language.EN));
        assertTrue(usage.startsWith("log <amount> "), usage);
        assertTrue(usage.endsWith(" [date=<date>]"), usage);
    }

    @Test
    void usageInChineseTranslatesPlaceholders() {
        Messages zh = Messages.of(Language.ZH);
        assertEquals("settings timezone <地区/城市>", registry.usage(SETTINGS_TIMEZONE, zh));
        assertTrue(registry.usage(LOG, zh).startsWith("log <金额> "));
    }

    // --- declaration errors -----------------------------------------------------------------------------------

    @Test
    void duplicateNameUnderTheSameParentIsRefused() {
        CommandSpec hint = CommandSpec.command("hint", "hint", "Help").handler(NOOP);
        assertThrows(IllegalStateException.class, () -> new CommandRegistry(List.of(HELP, hint)));
    }

    @Test
    void duplicateAliasUnderTheSameParentIsRefused() {
        CommandSpec locale = CommandSpec.command("settings.locale", "locale", "语言").handler(NOOP);
        assertThrows(IllegalStateException.class,
                () -> new CommandRegistry(List.of(SETTINGS, SETTINGS_LANGUAGE, locale)));
    }

    @Test
    void sameNameUnderDifferentParentsIsAllowed() {
        CommandSpec topLevelLanguage = CommandSpec.command("language", "language").handler(NOOP);
        CommandRegistry ok = new CommandRegistry(List.of(SETTINGS, SETTINGS_LANGUAGE, topLevelLanguage));
        assertEquals("language", ok.resolve(Tokenizer.tokenize("language")).spec().id());
        assertEquals("settings.language", ok.resolve(Tokenizer.tokenize("settings language")).spec().id());
    }

    @Test
    void duplicateIdIsRefused() {
        CommandSpec again = CommandSpec.command("help", "aide").handler(NOOP);
        assertThrows(IllegalStateException.class, () -> new CommandRegistry(List.of(HELP, again)));
    }

    @Test
    void subCommandWithoutParentIsRefused() {
        assertThrows(IllegalStateException.class, () -> new CommandRegistry(List.of(SETTINGS_LANGUAGE)));
    }

    @Test
    void specWithoutHandlerIsRefused() {
        assertThrows(NullPointerException.class, () -> CommandSpec.command("x", "x").handler(null));
        assertFalse(HELP.names().isEmpty());
    }
}
