package app.pacer.leads;

import app.pacer.core.reply.Markdown;

/**
 * What other features may know of a lead: enough to name it (#12 Acme), link to it and find its owner. They get
 * it from {@link LeadService}, never the entity.
 */
public record LeadRef(long id, long workspaceId, int number, String name, long ownerId) {

    /** "#12 Acme", as Markdown: the name shows as typed. */
    public String label() {
        return "#" + number + " " + Markdown.literal(name);
    }
}
