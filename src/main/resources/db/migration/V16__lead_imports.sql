-- Lead imports (issue 19): a member's upload, staged row by row, imported in the background in batches, and
-- undoable as one unit for 7 days. Owned by app.pacer.imports; leads are written through app.pacer.leads.
CREATE TABLE lead_import (
    id              BIGSERIAL PRIMARY KEY,
    workspace_id    BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    member_id       BIGINT       NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    -- the page's random 256-bit token (hex), valid until expires_at
    token           VARCHAR(64)  NOT NULL UNIQUE,
    expires_at      TIMESTAMPTZ  NOT NULL,
    -- NEW (waiting for a file), STAGED (mapped, previewed), QUEUED, RUNNING, DONE, UNDONE
    state           VARCHAR(16)  NOT NULL,
    filename        VARCHAR(255),
    format          VARCHAR(32),
    headers         TEXT,
    -- column index -> target field, as JSON
    mapping         TEXT,
    -- SKIP, UPDATE or ADD: what a duplicate of an existing lead does
    duplicates      VARCHAR(8)   NOT NULL DEFAULT 'SKIP',
    total_rows      INT          NOT NULL DEFAULT 0,
    -- the last row (row_no) whose batch committed: a resumed import starts after it
    done_rows       INT          NOT NULL DEFAULT 0,
    added           INT          NOT NULL DEFAULT 0,
    updated         INT          NOT NULL DEFAULT 0,
    skipped         INT          NOT NULL DEFAULT 0,
    failed          INT          NOT NULL DEFAULT 0,
    claimed_by      VARCHAR(40),
    heartbeat_at    TIMESTAMPTZ,
    -- the failed rows' CSV: its own random token, valid for a week
    failures_token  VARCHAR(64)  UNIQUE,
    created_at      TIMESTAMPTZ  NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    undone_at       TIMESTAMPTZ
);
CREATE INDEX ix_lead_import_work ON lead_import (state) WHERE state IN ('QUEUED', 'RUNNING');

-- The file's rows as read (cells cut to a few thousand characters), and what became of each.
CREATE TABLE lead_import_row (
    import_id    BIGINT        NOT NULL REFERENCES lead_import (id) ON DELETE CASCADE,
    workspace_id BIGINT        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    row_no       INT           NOT NULL,
    cells        TEXT[]        NOT NULL,
    -- ADDED, UPDATED, SKIPPED, FAILED once imported
    outcome      VARCHAR(8),
    problem      VARCHAR(2000),
    PRIMARY KEY (import_id, row_no)
);

-- What an import did to each lead, so undo can take it back: added leads are removed, updated ones restored
-- from the before-image (JSON).
CREATE TABLE lead_import_change (
    import_id    BIGINT       NOT NULL REFERENCES lead_import (id) ON DELETE CASCADE,
    workspace_id BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    lead_id      BIGINT       NOT NULL,
    kind         VARCHAR(8)   NOT NULL,
    before_image TEXT,
    PRIMARY KEY (import_id, lead_id)
);
