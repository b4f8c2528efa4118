package app.pacer.core.audit;

/** What the audit log records. Each has a message {@code audit.action.<lower-case name>} in both languages. */
public enum AuditAction {
    IMPORT,
    IMPORT_UNDO,
    EXPORT,
    EXPORT_ALL,
    LEAD_ERASE,
    MEMBER_ERASE
}
