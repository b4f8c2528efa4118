package app.pacer.core.command;

import app.pacer.core.org.Member;
import app.pacer.core.org.Platform;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;

/** {@code help} and {@code help <command>}, generated from the registry. */
@ApplicationScoped
public class HelpCommands implements CommandProvider {

    private final Provider<CommandRegistry> registry;

    public HelpCommands(Provider<CommandRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.command("help", "help", "帮助", "?", "h")
                .arg(ArgSpec.optional("command", ArgTypes.text("arg.command")))
                .handler(this::help));
    }

    private Reply help(Invocation invocation) {
        CommandRegistry commands = registry.get();
        Messages messages = invocation.messages();
        String asked = invocation.arg("command", String.class).orElse("").trim();
        if (asked.isEmpty()) {
            return overview(commands, messages, invocation.member(), false);
        }
        List<Token> words = Tokenizer.tokenize(asked);
        CommandSpec spec = commands.find(words).orElseThrow(() -> {
            String first = words.isEmpty() ? asked : words.get(0).text();
            return CommandRegistry.suggestion(first, commands.topLevel())
                    .map(s -> new ArgError("error.help_unknown.suggest", asked, "help " + s))
                    .orElseGet(() -> new ArgError("error.help_unknown", asked));
        });
        return detail(commands, messages, spec, invocation.platform());
    }

    /** All commands, one line each; also the App Home and the Teams greeting. */
    static Reply.Message overview(CommandRegistry commands, Messages messages, Member member, boolean greeting) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(messages.get(greeting ? "help.greeting" : "help.title", member.displayName())));
        blocks.add(new Block.Text(messages.get("help.intro")));
        List<String> lines = new ArrayList<>();
        for (CommandSpec top : commands.topLevel()) {
            if (top.hidden()) {
                continue;
            }
            lines.add(line(commands, messages, top));
            for (CommandSpec sub : commands.children(top)) {
                if (!sub.hidden()) {
                    lines.add(line(commands, messages, sub));
                }
            }
        }
        blocks.add(new Block.Bullets(lines));
        blocks.add(new Block.Context(messages.get("help.footer", member.role() == Role.ADMIN
                ? messages.get("role.admin") : messages.get("role." + member.role().name().toLowerCase()))));
        return Reply.message(messages.get("help.title", member.displayName()), blocks);
    }

    private static String line(CommandRegistry commands, Messages messages, CommandSpec spec) {
        return "`" + commands.usage(spec, messages) + "` — " + messages.get(spec.summaryKey());
    }

    static Reply.Message detail(CommandRegistry commands, Messages messages, CommandSpec spec, Platform platform) {
        List<Block> blocks = new ArrayList<>();
        String usage = commands.usage(spec, messages);
        blocks.add(new Block.Header(spec.id().replace('.', ' ')));
        blocks.add(new Block.Text(messages.get(spec.summaryKey())));
        List<Block.Field> fields = new ArrayList<>();
        fields.add(new Block.Field(messages.get("help.usage"),
                "`" + (platform == Platform.SLACK ? "/pacer " : "") + usage + "`"));
        if (spec.names().size() > 1) {
            fields.add(new Block.Field(messages.get("help.aliases"), String.join(", ", spec.names().subList(1, spec.names().size()))));
        }
        if (spec.role() != Role.REP) {
            fields.add(new Block.Field(messages.get("help.role"), messages.get("role." + spec.role().name().toLowerCase())));
        }
        if (messages.has(spec.exampleKey())) {
            fields.add(new Block.Field(messages.get("help.example"), messages.get(spec.exampleKey())));
        }
        blocks.add(new Block.Fields(fields));
        List<CommandSpec> subs = commands.children(spec).stream().filter(c -> !c.hidden()).toList();
        if (!subs.isEmpty()) {
            blocks.add(new Block.Bullets(subs.stream().map(s -> line(commands, messages, s)).toList()));
        }
        return Reply.message(usage, blocks);
    }
}
