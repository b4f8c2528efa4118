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
 * platform, in order: in a member's DM with Pacer, or in the team channel (for everyone, or only for one member,
 * as an ephemeral answer is). Answers to the playground's own set-up commands are kept off the page.
 */
@Singleton
public class PlaygroundFeed {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEEP = 5_000;
    /** The {@code member} of a channel item everyone sees. */
    static final String EVERYONE = "*";

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
     * Adds an item to {@code member}'s DM; {@code ref} is what Pacer answered (a response URL id, an activity id,
     * a trigger id), or null. Returns the item, or null when it was hidden.
     */
    ObjectNode add(String platform, DemoMember member, String kind, String ref, ObjectNode body) {
        return add(platform, Where.DM, member, false, kind, ref, body);
    }

    /**
     * Adds an item where {@code where} says. In the channel, {@code everyone} shows it to all members; otherwise
     * only {@code member} sees it. {@code member} (null for Pacer's own channel posts) is also who typed an item
     * of kind {@code you}.
     */
    synchronized ObjectNode add(String platform, Where where, DemoMember member, boolean everyone, String kind,
            String ref, ObjectNode body) {
        if (ref != null && hidden.contains(ref)) {
            arrivedHidden.add(ref);
            notifyAll();
            return null;
        }
        if (member == null && (where == Where.DM || !everyone)) {
            throw new IllegalArgumentException("an item is for someone or for everyone");
        }
        ObjectNode item = JSON.createObjectNode();
        item.put("seq", ++seq);
        item.put("platform", platform);
        item.put("conversation", where.key());
        item.put("member", where == Where.CHANNEL && everyone ? EVERYONE : member.key());
        if (member != null) {
            item.put("from", member.key());
        }
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

    /** What {@code member} sees after {@code after}: their DM and the team channel. */
    synchronized List<ObjectNode> after(String platform, DemoMember member, long after) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode item : items) {
            String to = item.path("member").asText();
            if (item.path("seq").asLong() > after && item.path("platform").asText().equals(platform)
                    && (to.equals(member.key()) || to.equals(EVERYONE))) {
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
