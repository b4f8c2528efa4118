package app.pacer.core.section;

import java.time.Instant;

/**
 * A feature's part of {@code member erase}: what it keeps of a member who left is deleted (their private things)
 * or handed over to a successor (what the team still works on), in the erasing transaction. What counts for the
 * team stays, attributed to the former member. The erasure knows none of its contributors.
 */
public interface MemberErasure {

    /** Order of the calls; gaps of ten. */
    default int order() {
        return 100;
    }

    /** How many things of the member need a successor (the leads they own); the erasure then requires one. */
    default long toHandOver(long workspaceId, long memberId) {
        return 0;
    }

    void erase(Erased member);

    /**
     * @param platformUserId the member's id on their platform, still as it was (the erasure replaces it last)
     * @param successorId    who takes over what {@link #toHandOver} counted; null when nothing needed one
     * @param actorId        the admin erasing
     */
    record Erased(long workspaceId, long memberId, String platformUserId, Long successorId, long actorId, Instant now) {
    }
}
