package app.pacer.leads;

/**
 * What other features may know of a lead: enough to name it (#12 Acme), link to it and find its owner. They get
 * it from {@link LeadService}, never the entity.
 */
public record LeadRef(long id, long workspaceId, int number, String name, long ownerId) {

    /** "#12 Acme" */
    public String label() {
        return "#" + number + " " + name;
    }
}
