package app.pacer.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import app.pacer.core.command.ArgBinder;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.CommandRegistry;
import app.pacer.core.command.CommandService;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Conversation;
import app.pacer.core.command.Inbound;
import app.pacer.core.command.Outcome;
import app.pacer.core.command.ParseContext;
import app.pacer.core.command.Token;
import app.pacer.core.command.Tokenizer;
import app.pacer.core.org.Platform;
import app.pacer.core.org.ProfileSource;
import app.pacer.testing.SlackRequests;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random command lines built from the real registry — every command's names and aliases, its own option
 * names, values that suit its argument types and hostile ones — through the parser and binder (thousands,
 * in memory) and through the whole command path with a database (hundreds). Only an argument error is
 * allowed to come out; an answer never says "something went wrong" and never carries a stack trace.
 * The seed is printed; {@code -Dfuzz.seed=<n>} replays a run.
 */
@QuarkusTest
class CommandFuzzTest {

    /** A fixed seed by default, so the build is repeatable; {@code -Dfuzz.seed=random} explores, {@code =<n>} replays. */
    static final long SEED = "random".equals(System.getProperty("fuzz.seed")) ? System.nanoTime()
            : Long.getLong("fuzz.seed", 20261201L);

    private static final List<String> PIECES = List.of("#1", "＃2", "1", "0", "-1", "999999999", "9999999999", "12k", "1.2万",
            "1e309", "NaN", "today", "tomorrow", "明天", "fri", "next week", "2026-02-30", "2026-12-01", "..", "2026-01-01..2026-12-31",
            "me", "team", "<@U123>", "<@U1|Mei Lin>", "<at>Jane</at>", "<at>", "won", "lost", "new", "yes", "no", "en", "zh",
            "Asia/Shanghai", "Mars/Olympus", "09:00", "25:61", "mon-fri", "day", "week", "quarter", "csat", "nps", "\"", "\"quoted text\"",
            "“中文”", "=", "==", "x=", "=y", "<script>alert(1)</script>", "'; DROP TABLE lead; --", "%s%n", "${jndi:ldap://x}",
            "\u0000", "\uD83D", "😀", "\u202E", "\t", "\n", "　", "&lt;", "*bold*", "`code`", "<!channel>", "<https://evil|click>");

    @Inject
    CommandRegistry registry;

    @Inject
    CommandService commands;

    /** A typed line for a random command of the registry: its path by random aliases, then random arguments. */
    static String randomLine(CommandRegistry registry, Random random) {
        List<CommandSpec> all = registry.all();
        CommandSpec spec = all.get(random.nextInt(all.size()));
        StringBuilder line = new StringBuilder();
        String id = "";
        for (String segment : spec.id().split("\\.")) {
            id = id.isEmpty() ? segment : id + "." + segment;
            CommandSpec part = registry.byId(id).orElseThrow();
            line.append(part.names().get(random.nextInt(part.names().size()))).append(' ');
        }
        int args = random.nextInt(6);
        for (int i = 0; i < args; i++) {
            line.append(randomArg(spec, random)).append(' ');
        }
        if (random.nextInt(10) == 0) {
            line.setLength(Math.max(0, line.length() - random.nextInt(4)));
        }
        return line.toString();
    }

    static String randomArg(CommandSpec spec, Random random) {
        return switch (random.nextInt(7)) {
            case 0, 1 -> PIECES.get(random.nextInt(PIECES.size()));
            case 2 -> spec.args().isEmpty() ? "key=value"
                    : spec.args().get(random.nextInt(spec.args().size())).name() + "=" + PIECES.get(random.nextInt(PIECES.size()));
            case 3 -> randomUnicode(random, 1 + random.nextInt(20));
            case 4 -> "x".repeat(1 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 300));
            case 5 -> "\"" + randomUnicode(random, random.nextInt(40)) + (random.nextBoolean() ? "\"" : "");
            default -> String.valueOf(random.nextInt(200) - 20);
        };
    }

    static String randomUnicode(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> 0x4E00 + random.nextInt(0x5000);
                case 2 -> random.nextInt(0x10FFFF);
                default -> random.nextInt(0x3000);
            };
            if (Character.isValidCodePoint(cp)) {
                s.appendCodePoint(cp);
            }
        }
        return s.toString();
    }

    @Test
    void parserAndBinderOnlyEverRefuseWithAnArgumentError() {
        Random random = new Random(SEED);
        ParseContext context = new ParseContext(LocalDate.of(2026, 12, 1), ZoneId.of("Asia/Shanghai"), "U_SELF",
                Map.of("Jane", "29:jane"));
        int lines = 20_000;
        int bound = 0;
        for (int i = 0; i < lines; i++) {
            String line = randomLine(registry, random);
            try {
                List<Token> tokens = Tokenizer.tokenize(line);
                if (tokens.isEmpty()) {
                    continue;
                }
                CommandRegistry.Resolution r = registry.resolve(tokens);
                ArgBinder.bind(r.spec(), tokens.subList(r.consumed(), tokens.size()), context);
                bound++;
            } catch (ArgError e) {
                e.message(app.pacer.core.reply.Messages.of(app.pacer.core.reply.Language.EN));
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + SEED + ": " + e + " for: " + abbreviate(line), e);
            }
        }
        // form submissions: every command's inputs filled at random
        int forms = 0;
        for (CommandSpec spec : registry.all()) {
            for (int i = 0; i < 100; i++) {
                Map<String, String> values = new LinkedHashMap<>();
                for (ArgSpec arg : spec.args()) {
                    if (random.nextInt(4) != 0) {
                        values.put(arg.name(), randomArg(spec, random));
                    }
                }
                try {
                    ArgBinder.FormBinding binding = ArgBinder.bindValues(spec, values, context);
                    binding.errors().values().forEach(e -> e.message(app.pacer.core.reply.Messages.of(app.pacer.core.reply.Language.ZH)));
                    forms++;
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + SEED + ": " + e + " for form " + spec.id() + " " + values, e);
                }
            }
        }
        System.out.printf("CommandFuzzTest (seed %d): %d random lines (%d bound), %d random form submissions over %d commands%n",
                SEED, lines, bound, forms, registry.all().size());
    }

    @Test
    void randomCommandLinesThroughTheWholeCommandPathNeverFail() {
        Random random = new Random(SEED + 1);
        String team = SlackRequests.newTeam();
        List<String> people = List.of(SlackRequests.newUser(), SlackRequests.newUser(), SlackRequests.newUser());
        int n = 600;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String line = randomLine(registry, random);
            String user = people.get(random.nextInt(people.size()));
            Inbound inbound = new Inbound(Platform.SLACK, new Inbound.Sender(team, "Fuzz", user, "Fuzz " + user, ProfileSource.NONE),
                    new Conversation("C0FUZZ", Conversation.Kind.CHANNEL), new Inbound.Typed(line, Map.of()));
            Outcome outcome;
            try {
                outcome = commands.handle(inbound);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + SEED + ": " + e + " for: " + abbreviate(line), e);
            }
            String reply = String.valueOf(outcome.reply());
            if (reply.contains("something went wrong") || reply.contains("出了问题") || reply.contains("Exception")
                    || reply.contains("at app.pacer.")) {
                failures.add(abbreviate(line) + " -> " + abbreviate(reply));
            }
        }
        System.out.printf("CommandFuzzTest (seed %d): %d random command lines through CommandService, %d failures%n", SEED, n, failures.size());
        failures.forEach(f -> System.out.println("  FAILED: " + f));
        assertFalse(!failures.isEmpty(), "seed " + SEED + ": " + failures.size() + " lines failed, first: " + (failures.isEmpty() ? "" : failures.get(0)));
    }

    static String abbreviate(String s) {
        String t = s.replace("\n", "\\n");
        return t.length() > 300 ? t.substring(0, 300) + "…(" + t.length() + ")" : t;
    }

    static void fail2(String m) {
        fail(m);
    }
}
