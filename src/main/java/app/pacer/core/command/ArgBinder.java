package app.pacer.core.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Binds typed tokens, or submitted form values, to a command's declared arguments. */
public final class ArgBinder {

    private ArgBinder() {
    }

    /**
     * Binds the tokens after the command's name.
     *
     * @throws ArgError for a missing, malformed, unknown or superfluous argument
     */
    public static Map<String, Object> bind(CommandSpec spec, List<Token> tokens, ParseContext context) {
        Map<String, Object> bound = new LinkedHashMap<>();
        List<Token> positional = new ArrayList<>();
        for (Token token : tokens) {
            if (token.isOption()) {
                ArgSpec arg = spec.args().stream().filter(a -> a.name().equalsIgnoreCase(token.key())).findFirst()
                        .orElseThrow(() -> new ArgError("error.unknown_option", token.key(), options(spec)));
                bound.put(arg.name(), arg.type().parse(token.text(), context));
            } else {
                positional.add(token);
            }
        }
        List<ArgSpec> open = spec.args().stream().filter(a -> !a.named() && !bound.containsKey(a.name())).toList();
        int next = 0;
        for (int i = 0; i < open.size(); i++) {
            ArgSpec arg = open.get(i);
            if (next >= positional.size()) {
                if (arg.required()) {
                    throw new ArgError("error.missing_argument", new ArgError.Key(arg.placeholder()));
                }
                continue;
            }
            if (arg.type().greedy()) {
                List<String> words = positional.subList(next, positional.size()).stream().map(Token::text).toList();
                bound.put(arg.name(), arg.type().parse(String.join(" ", words), context));
                next = positional.size();
                continue;
            }
            Token token = positional.get(next);
            try {
                bound.put(arg.name(), arg.type().parse(token.text(), context));
                next++;
            } catch (ArgError e) {
                // an optional argument may be left out: let the word try the next argument
                boolean laterTakers = open.subList(i + 1, open.size()).stream().anyMatch(a -> !a.named());
                if (arg.required() || !laterTakers) {
                    throw e;
                }
            }
        }
        if (next < positional.size()) {
            throw new ArgError("error.extra_argument", positional.get(next).text());
        }
        return bound;
    }

    /** Result of binding form values: the arguments, or an error per input. */
    public record FormBinding(Map<String, Object> args, Map<String, ArgError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Binds submitted values by input name; blank values count as absent. Reports every bad input at once. */
    public static FormBinding bindValues(CommandSpec spec, Map<String, String> values, ParseContext context) {
        Map<String, Object> bound = new LinkedHashMap<>();
        Map<String, ArgError> errors = new LinkedHashMap<>();
        for (ArgSpec arg : spec.args()) {
            String value = Optional.ofNullable(values.get(arg.name())).map(String::trim).orElse("");
            if (value.isEmpty()) {
                if (arg.required()) {
                    errors.put(arg.name(), new ArgError("error.required_field"));
                }
                continue;
            }
            try {
                bound.put(arg.name(), arg.type().parse(value, context));
            } catch (ArgError e) {
                errors.put(arg.name(), e);
            }
        }
        return new FormBinding(bound, errors);
    }

    private static String options(CommandSpec spec) {
        List<String> names = spec.args().stream().map(ArgSpec::name).toList();
        return names.isEmpty() ? "—" : String.join(", ", names);
    }
}
