package app.pacer.core.command;

import app.pacer.core.reply.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every command Pacer knows, collected from the features' {@link CommandProvider}s. */
@ApplicationScoped
public class CommandRegistry {

    private final Map<String, CommandSpec> byId = new LinkedHashMap<>();
    private final Map<String, List<CommandSpec>> children = new HashMap<>();

    @Inject
    public CommandRegistry(Instance<CommandProvider> providers) {
        this(providers.stream().flatMap(p -> p.commands().stream()).toList());
    }

    public CommandRegistry(List<CommandSpec> specs) {
        for (CommandSpec spec : specs.stream().sorted(Comparator.comparing(CommandSpec::id)).toList()) {
            if (byId.put(spec.id(), spec) != null) {
                throw new IllegalStateException("Command declared twice: " + spec.id());
            }
        }
        for (CommandSpec spec : byId.values()) {
            String parent = spec.parentId() == null ? "" : spec.parentId();
            if (!parent.isEmpty() && !byId.containsKey(parent)) {
                throw new IllegalStateException("Command " + spec.id() + " has no parent " + parent);
            }
            List<CommandSpec> siblings = children.computeIfAbsent(parent, k -> new ArrayList<>());
            for (CommandSpec sibling : siblings) {
                for (String name : spec.names()) {
                    if (sibling.names().stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
                        throw new IllegalStateException("Name '" + name + "' used by " + sibling.id() + " and " + spec.id());
                    }
                }
            }
            siblings.add(spec);
        }
    }

    public Optional<CommandSpec> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<CommandSpec> all() {
        return List.copyOf(byId.values());
    }

    public List<CommandSpec> topLevel() {
        return children.getOrDefault("", List.of());
    }

    public List<CommandSpec> children(CommandSpec spec) {
        return children.getOrDefault(spec.id(), List.of());
    }

    /** A command and how many leading tokens named it. */
    public record Resolution(CommandSpec spec, int consumed) {
    }

    /**
     * Finds the command the first tokens name, descending into sub-commands.
     *
     * @throws ArgError with a "did you mean" when nothing matches
     */
    public Resolution resolve(List<Token> tokens) {
        Token first = tokens.get(0);
        CommandSpec spec = match(topLevel(), first, true).orElseThrow(() -> unknown(first.text(), topLevel()));
        int consumed = 1;
        while (!children(spec).isEmpty() && consumed < tokens.size()) {
            Token next = tokens.get(consumed);
            Optional<CommandSpec> child = match(children(spec), next, false);
            if (child.isPresent()) {
                spec = child.get();
                consumed++;
                continue;
            }
            if (spec.args().isEmpty() && !next.isOption() && !next.quoted()) {
                throw unknownSub(spec, next.text());
            }
            break;
        }
        return new Resolution(spec, consumed);
    }

    /** Looks a command up by what a person typed after {@code help}: {@code settings language}, {@code 设置}, … */
    public Optional<CommandSpec> find(List<Token> words) {
        try {
            Resolution r = resolve(words);
            return r.consumed() == words.size() ? Optional.of(r.spec()) : Optional.empty();
        } catch (ArgError e) {
            return Optional.empty();
        }
    }

    /** The usage line, e.g. {@code settings timezone <Area/City>}, with placeholders in the reader's language. */
    public String usage(CommandSpec spec, Messages messages) {
        StringBuilder usage = new StringBuilder(spec.id().replace('.', ' '));
        for (ArgSpec arg : spec.args()) {
            String placeholder = messages.get(arg.placeholder());
            if (arg.named()) {
                usage.append(" [").append(arg.name()).append("=<").append(placeholder).append(">]");
            } else if (arg.required()) {
                usage.append(" <").append(placeholder).append('>');
            } else {
                usage.append(" [").append(placeholder).append(']');
            }
        }
        return usage.toString();
    }

    /**
     * A quoted word may name a command ({@code "help"}) but not a sub-command: after {@code kb}, a quoted
     * {@code "add"} is something to search for.
     */
    private static Optional<CommandSpec> match(List<CommandSpec> candidates, Token token, boolean quotedAllowed) {
        if (token.isOption() || (token.quoted() && !quotedAllowed)) {
            return Optional.empty();
        }
        String word = token.text().toLowerCase(Locale.ROOT);
        return candidates.stream().filter(c -> c.names().stream().anyMatch(n -> n.equalsIgnoreCase(word))).findFirst();
    }

    private ArgError unknown(String word, List<CommandSpec> candidates) {
        return suggestion(word, candidates)
                .map(s -> new ArgError("error.unknown_command.suggest", word, s))
                .orElseGet(() -> new ArgError("error.unknown_command", word));
    }

    private ArgError unknownSub(CommandSpec parent, String word) {
        String path = parent.id().replace('.', ' ');
        return suggestion(word, children(parent))
                .map(s -> new ArgError("error.unknown_subcommand.suggest", path, word, path + " " + s))
                .orElseGet(() -> new ArgError("error.unknown_subcommand", path, word,
                        String.join(", ", children(parent).stream().map(c -> path + " " + c.name()).toList())));
    }

    /** The closest command name within a small edit distance, for "did you mean …?". */
    static Optional<String> suggestion(String typed, List<CommandSpec> candidates) {
        String word = typed.toLowerCase(Locale.ROOT);
        int limit = word.length() <= 3 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (CommandSpec c : candidates) {
            if (c.hidden()) {
                continue;
            }
            for (String name : c.names()) {
                int d = distance(word, name.toLowerCase(Locale.ROOT));
                if (d < bestDistance || (d == bestDistance && name.equals(c.name()) && best != null && !best.equals(c.name()))) {
                    bestDistance = d;
                    best = c.name();
                }
            }
        }
        return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Damerau-Levenshtein (optimal string alignment): a swapped pair of letters costs one. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Integer.MAX_VALUE / 2;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
