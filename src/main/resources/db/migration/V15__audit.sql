-- Who imported, undid an import, exported or erased what, and when (the audit command); kept a year.
CREATE TABLE audit_event (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    -- NULL once the member who acted is erased (the entry stays, "former member")
    actor_id     BIGINT        REFERENCES member (id) ON DELETE SET NULL,
    at           TIMESTAMPTZ   NOT NULL,
    action       VARCHAR(32)   NOT NULL,
    subject      VARCHAR(200)  NOT NULL,
    detail       VARCHAR(1000)
);
CREATE INDEX ix_audit_workspace_at ON audit_event (workspace_id, at DESC);
CREATE INDEX ix_audit_at ON audit_event (at);
