package app.pacer.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import app.pacer.core.command.ArgBinder;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.CommandRegistry;
import app.pacer.core.command.CommandService;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Conversation;
import app.pacer.core.command.Inbound;
import app.pacer.core.command.ParseContext;
import app.pacer.core.command.Token;
import app.pacer.core.command.Tokenizer;
import app.pacer.core.org.Platform;
import app.pacer.core.org.ProfileSource;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import app.pacer.testing.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property-based tests (QuickTheories, which shrinks a failing line to a small one) over the real registry:
 * command lines generated from every command's names and aliases, its own option names, values that suit its
 * argument types and hostile ones, through the parser and binder (thousands, in memory) and through the whole
 * command path with a database (hundreds); every command's form filled at random. Only an argument error is
 * allowed to come out; an answer never says "something went wrong" and never carries a stack trace.
 * The seed is printed; {@code -Dfuzz.seed=<n>} replays a run.
 */
@QuarkusTest
class CommandFuzzTest {

    /** A fixed seed by default, so the build is repeatable; {@code -Dfuzz.seed=random} explores, {@code =<n>} replays. */
    static final long SEED = "random".equals(System.getProperty("fuzz.seed")) ? System.nanoTime()
            : Long.getLong("fuzz.seed", 20261201L);

    static final List<String> PIECES = List.of("#1", "＃2", "1", "0", "-1", "999999999", "9999999999", "12k", "1.2万",
            "1e309", "NaN", "today", "tomorrow", "明天", "fri", "next week", "2026-02-30", "2026-12-01", "..", "2026-01-01..2026-12-31",
            "me", "team", "<@U123>", "<@U1|Mei Lin>", "<at>Jane</at>", "<at>", "won", "lost", "new", "yes", "no", "en", "zh",
            "Asia/Shanghai", "Mars/Olympus", "09:00", "25:61", "mon-fri", "day", "week", "quarter", "csat", "nps", "\"", "\"quoted text\"",
            "“中文”", "=", "==", "x=", "=y", "<script>alert(1)</script>", "'; DROP TABLE lead; --", "%s%n", "${jndi:ldap://x}",
            "\u0000", "\uD83D", "😀", "\u202E", "\t", "\n", "　", "&lt;", "*bold*", "`code`", "<!channel>", "<https://evil|click>");

    @Inject
    CommandRegistry registry;

    @Inject
    CommandService commands;

    /**
     * A typed line for any command of the registry, as a generator QuickTheories can shrink: the command's path by
     * random aliases, then up to six arguments that suit it or attack it, sometimes cut short.
     */
    static Gen<String> commandLines(CommandRegistry registry) {
        List<CommandSpec> all = registry.all();
        return integers().between(0, all.size() - 1).map(all::get).flatMap(spec -> path(registry, spec)
                .zip(lists().of(argument(spec)).ofSizeBetween(0, 6), integers().between(0, 9),
                        (path, args, cut) -> {
                            String line = path + " " + String.join(" ", args);
                            return cut == 0 ? line.substring(0, Math.max(0, line.length() - 3)) : line;
                        }));
    }

    /** The words that name a command: one of the names of each segment of its id. */
    static Gen<String> path(CommandRegistry registry, CommandSpec spec) {
        Gen<String> path = null;
        String id = "";
        for (String segment : spec.id().split("\\.")) {
            id = id.isEmpty() ? segment : id + "." + segment;
            Gen<String> name = arbitrary().pick(registry.byId(id).orElseThrow().names());
            path = path == null ? name : path.zip(name, (a, b) -> a + " " + b);
        }
        return path;
    }

    /** One argument for a command: a known hostile piece, one of its own options, unicode, a long run, a quote or a number. */
    static Gen<String> argument(CommandSpec spec) {
        Gen<String> piece = arbitrary().pick(PIECES);
        Gen<String> option = spec.args().isEmpty() ? arbitrary().constant("key=value")
                : arbitrary().pick(spec.args().stream().map(ArgSpec::name).toList()).zip(piece, (name, value) -> name + "=" + value);
        Gen<String> unicode = strings().allPossible().ofLengthBetween(1, 20)
                .mix(strings().betweenCodePoints(0x4E00, 0x9FFF).ofLengthBetween(1, 12));
        Gen<String> longRun = integers().between(1, 300).mix(integers().between(1, 20_000), 5).map("x"::repeat);
        Gen<String> quoted = strings().allPossible().ofLengthBetween(0, 40).zip(booleans().all(),
                (text, closed) -> "\"" + text + (closed ? "\"" : ""));
        Gen<String> number = integers().between(-20, 180).map(n -> String.valueOf(n));
        return piece.mix(option, 20).mix(unicode, 20).mix(longRun, 10).mix(quoted, 10).mix(number, 10);
    }

    /** A form submission for a command: each of its inputs filled at random, or left out. */
    static Gen<Map<String, String>> formValues(CommandSpec spec) {
        Gen<Map<String, String>> values = arbitrary().constant(Map.of());
        for (ArgSpec arg : spec.args()) {
            Gen<java.util.Optional<String>> value = argument(spec).toOptionals(25);
            values = values.zip(value, (map, v) -> {
                if (v.isEmpty()) {
                    return map;
                }
                Map<String, String> more = new LinkedHashMap<>(map);
                more.put(arg.name(), v.get());
                return more;
            });
        }
        return values;
    }

    /** Any command line through the tokenizer, the registry and the binder: an argument error, or bound arguments. */
    @Test
    void everyCommandsTypedArgumentsOnlyEverRefuseWithAnArgumentError() {
        ParseContext context = context();
        AtomicInteger bound = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int lines = 20_000;
        qt().withFixedSeed(SEED).withExamples(lines).forAll(commandLines(registry)).checkAssert(line -> {
            try {
                List<Token> tokens = Tokenizer.tokenize(line);
                if (!tokens.isEmpty()) {
                    CommandRegistry.Resolution r = registry.resolve(tokens);
                    ArgBinder.bind(r.spec(), tokens.subList(r.consumed(), tokens.size()), context);
                    bound.incrementAndGet();
                }
            } catch (ArgError e) {
                assertFalse(e.message(Messages.of(Language.EN)).isBlank(), () -> "no message for " + abbreviate(line));
                assertFalse(e.message(Messages.of(Language.ZH)).isBlank(), () -> "no message for " + abbreviate(line));
                refused.incrementAndGet();
            }
        });
        System.out.printf("CommandFuzzTest (seed %d): %d generated command lines over %d commands: %d bound, %d refused with an argument error%n",
                SEED, lines, registry.all().size(), bound.get(), refused.get());
    }

    /** Every command's form, filled at random: errors name the command's own inputs, with a message in both languages. */
    @Test
    void everyCommandsFormValuesOnlyEverRefuseInputByInput() {
        ParseContext context = context();
        int perCommand = 100;
        for (CommandSpec spec : registry.all()) {
            qt().withFixedSeed(SEED + spec.id().hashCode()).withExamples(perCommand).forAll(formValues(spec)).checkAssert(values -> {
                ArgBinder.FormBinding binding = ArgBinder.bindValues(spec, values, context);
                binding.errors().forEach((name, error) -> {
                    assertTrue(spec.args().stream().anyMatch(a -> a.name().equals(name)), () -> spec.id() + ": error for " + name);
                    assertFalse(error.message(Messages.of(Language.ZH)).isBlank(), () -> spec.id() + ": no message for " + name);
                });
            });
        }
        System.out.printf("CommandFuzzTest (seed %d): %d generated form submissions over %d commands%n",
                SEED, perCommand * registry.all().size(), registry.all().size());
    }

    private static ParseContext context() {
        return new ParseContext(LocalDate.of(2026, 12, 1), ZoneId.of("Asia/Shanghai"), "U_SELF", Map.of("Jane", "29:jane"));
    }

    /** Generated lines through the whole command path with a database: the answer never says something failed. */
    @Test
    void generatedCommandLinesThroughTheWholeCommandPathNeverFail() {
        String team = SlackRequests.newTeam();
        List<String> people = List.of(SlackRequests.newUser(), SlackRequests.newUser(), SlackRequests.newUser());
        int lines = 600;
        qt().withFixedSeed(SEED + 1).withExamples(lines).forAll(commandLines(registry), arbitrary().pick(people))
                .checkAssert((line, user) -> {
                    Inbound inbound = new Inbound(Platform.SLACK, new Inbound.Sender(team, "Fuzz", user, "Fuzz " + user, ProfileSource.NONE),
                            new Conversation("C0FUZZ", Conversation.Kind.CHANNEL), new Inbound.Typed(line, Map.of()));
                    String reply = String.valueOf(commands.handle(inbound).reply());
                    assertFalse(reply.contains("something went wrong") || reply.contains("出了问题") || reply.contains("Exception")
                            || reply.contains("at app.pacer."), () -> abbreviate(line) + " -> " + abbreviate(reply));
                });
        System.out.printf("CommandFuzzTest (seed %d): %d generated command lines through CommandService, none failed%n", SEED, lines);
    }

    static String abbreviate(String s) {
        String t = s.replace("\n", "\\n");
        return t.length() > 300 ? t.substring(0, 300) + "…(" + t.length() + ")" : t;
    }
}
