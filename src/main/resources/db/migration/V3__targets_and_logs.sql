-- When a member first talked to Pacer themselves (not just named in someone's command): only then does Pacer
-- write to them unprompted.
ALTER TABLE member ADD COLUMN contacted_at TIMESTAMPTZ;
UPDATE member SET contacted_at = created_at WHERE profile_refreshed_at IS NOT NULL;

-- Money is shown in the workspace's currency (ISO 4217).
ALTER TABLE workspace ADD COLUMN currency VARCHAR(3) NOT NULL DEFAULT 'USD';

-- Custom metrics; the built-in ones (revenue, deals, customers, calls, meetings) live in code.
CREATE TABLE metric (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    metric_key   VARCHAR(32)  NOT NULL,
    name_en      VARCHAR(64)  NOT NULL,
    name_zh      VARCHAR(64)  NOT NULL,
    unit         VARCHAR(16),
    archived     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_metric UNIQUE (workspace_id, metric_key)
);

-- Targets: one active row per (metric, period, period start, whom); re-setting supersedes, keeping history.
CREATE TABLE target (
    id            BIGSERIAL PRIMARY KEY,
    workspace_id  BIGINT         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    metric_key    VARCHAR(32)    NOT NULL,
    period        VARCHAR(16)    NOT NULL CHECK (period IN ('DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR')),
    period_start  DATE           NOT NULL,
    member_id     BIGINT REFERENCES member (id) ON DELETE CASCADE, -- null: the team's target
    amount        NUMERIC(20, 4) NOT NULL CHECK (amount > 0),
    set_by        BIGINT         NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ    NOT NULL DEFAULT now(),
    superseded_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX uq_target_active ON target (workspace_id, metric_key, period, period_start, COALESCE(member_id, 0))
    WHERE superseded_at IS NULL;
CREATE INDEX ix_target_member ON target (workspace_id, member_id) WHERE superseded_at IS NULL;

-- What people did. The local date is the member's own day; undone entries stay, marked.
CREATE TABLE log_entry (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    member_id    BIGINT         NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    metric_key   VARCHAR(32)    NOT NULL,
    amount       NUMERIC(20, 4) NOT NULL CHECK (amount > 0),
    local_date   DATE           NOT NULL,
    note         VARCHAR(500),
    logged_by    BIGINT         NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ    NOT NULL DEFAULT now(),
    undone_at    TIMESTAMPTZ
);
-- team totals and leaderboards: one metric, one period, every member (index-only scans)
CREATE INDEX ix_log_team ON log_entry (workspace_id, metric_key, local_date) INCLUDE (member_id, amount)
    WHERE undone_at IS NULL;
-- team totals over a period, every metric at once
CREATE INDEX ix_log_period ON log_entry (workspace_id, local_date) INCLUDE (metric_key, member_id, amount)
    WHERE undone_at IS NULL;
-- one member's totals and history
CREATE INDEX ix_log_member ON log_entry (member_id, local_date) INCLUDE (metric_key, amount) WHERE undone_at IS NULL;
-- undo: the member's newest entry
CREATE INDEX ix_log_member_recent ON log_entry (member_id, created_at DESC) WHERE undone_at IS NULL;
