package app.pacer.delivery;

import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** {@code delivery failures}: messages Pacer could not deliver, and why (admins). */
@ApplicationScoped
public class DeliveryCommands implements CommandProvider {

    private final Outbox outbox;

    public DeliveryCommands(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("delivery", "delivery", "投递").role(Role.ADMIN).handler(this::failures),
                CommandSpec.command("delivery.failures", "failures", "失败").role(Role.ADMIN).handler(this::failures));
    }

    private Reply failures(Invocation invocation) {
        Messages m = invocation.messages();
        List<Outbox.Failure> rows = outbox.failures(invocation.member().workspaceId(), 20);
        if (rows.isEmpty()) {
            return Reply.text("✅ " + m.get("delivery.none"));
        }
        List<String> lines = new ArrayList<>();
        for (Outbox.Failure row : rows) {
            lines.add(m.get("delivery.line", row.key(), row.target(), row.attempts(), row.lastError()));
        }
        return Reply.message(m.get("delivery.title"), List.of(new Block.Header(m.get("delivery.title")),
                new Block.Bullets(lines), new Block.Context(m.get("delivery.hint"))));
    }
}
