package app.pacer.core.command;

import app.pacer.core.reply.Reply;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Test-only hidden commands that take a minute: {@code slow-sleep} in Java, {@code slow-sql} in the database.
 * Present only under {@link ShortDeadlineProfile}, so the manifests and help of every other test stay as they are.
 */
@ApplicationScoped
@IfBuildProperty(name = "pacer-test.slow-commands", stringValue = "true")
public class SlowCommands implements CommandProvider {

    /** Counted down when {@code slow-sleep} is interrupted: the worker was released. */
    static volatile CountDownLatch released = new CountDownLatch(1);

    @Inject
    EntityManager em;

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("slowsleep", "slow-sleep").hidden().handler(invocation -> {
                    try {
                        Thread.sleep(60_000);
                        return Reply.text("slept a minute");
                    } catch (InterruptedException e) {
                        released.countDown();
                        throw new IllegalStateException("interrupted", e);
                    }
                }),
                CommandSpec.command("slowsql", "slow-sql").hidden().handler(invocation -> {
                    em.createNativeQuery("SELECT pg_sleep(60)").getSingleResult();
                    return Reply.text("slept a minute in the database");
                }));
    }
}
