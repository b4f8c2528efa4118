package app.pacer.core.org;

/** What a member may do; each role includes the ones before it. */
public enum Role {
    REP, MANAGER, ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }
}
