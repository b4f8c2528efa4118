package app.pacer.playground;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the page shows: everything typed on it and everything Pacer sent to the fake Slack and Teams, per
 * platform and member, in order. Answers to the playground's own set-up commands are kept off the page.
 */
@Singleton
public class PlaygroundFeed {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEEP = 5_000;

    private final Clock clock;
    private final List<ObjectNode> items = new ArrayList<>();
    private final Set<String> hidden = ConcurrentHashMap.newKeySet();
    private final Set<String> arrivedHidden = ConcurrentHashMap.newKeySet();
    private long seq;

    public PlaygroundFeed(Clock clock) {
        this.clock = clock;
    }

    /** Answers referring to {@code ref} (a response URL id, an activity id) stay off the page. */
    void hide(String ref) {
        hidden.add(ref);
    }

    /**
     * Adds an item; {@code ref} is what Pacer answered (a response URL id, an activity id, a trigger id), or null.
     * Returns the item, or null when it was hidden.
     */
    synchronized ObjectNode add(String platform, DemoMember member, String kind, String ref, ObjectNode body) {
        if (ref != null && hidden.contains(ref)) {
            arrivedHidden.add(ref);
            notifyAll();
            return null;
        }
        ObjectNode item = JSON.createObjectNode();
        item.put("seq", ++seq);
        item.put("platform", platform);
        item.put("member", member.key());
        item.put("kind", kind);
        item.put("at", clock.instant().toString());
        item.set("body", body);
        items.add(item);
        if (items.size() > KEEP) {
            items.subList(0, items.size() - KEEP).clear();
        }
        notifyAll();
        return item;
    }

    synchronized List<ObjectNode> after(String platform, DemoMember member, long after) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode item : items) {
            if (item.path("seq").asLong() > after && item.path("platform").asText().equals(platform)
                    && item.path("member").asText().equals(member.key())) {
                out.add(item);
            }
        }
        return out;
    }

    synchronized ObjectNode find(long seq) {
        return items.stream().filter(i -> i.path("seq").asLong() == seq).findFirst().orElse(null);
    }

    /** Waits until an answer to a hidden {@code ref} arrived; false on timeout. */
    synchronized boolean awaitHidden(String ref, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!arrivedHidden.contains(ref)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Waits up to {@code timeout} for items after {@code after} (long polling keeps the page quick and quiet). */
    synchronized List<ObjectNode> await(String platform, DemoMember member, long after, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        List<ObjectNode> found = after(platform, member, after);
        while (found.isEmpty()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
            found = after(platform, member, after);
        }
        return found;
    }
}
