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

-- The team's daily totals, kept by the database itself as entries are logged and undone: team progress over a
-- quarter or a year reads a few hundred rows instead of every entry.
CREATE TABLE log_team_daily (
    workspace_id BIGINT         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    metric_key   VARCHAR(32)    NOT NULL,
    local_date   DATE           NOT NULL,
    total        NUMERIC(24, 4) NOT NULL,
    PRIMARY KEY (workspace_id, metric_key, local_date)
) WITH (fillfactor = 50); -- room for HOT updates: every log entry updates one of these rows

CREATE FUNCTION log_team_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.undone_at IS NULL THEN
        INSERT INTO log_team_daily (workspace_id, metric_key, local_date, total)
        VALUES (NEW.workspace_id, NEW.metric_key, NEW.local_date, NEW.amount)
        ON CONFLICT (workspace_id, metric_key, local_date) DO UPDATE SET total = log_team_daily.total + EXCLUDED.total;
    ELSIF TG_OP = 'UPDATE' AND OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL THEN
        UPDATE log_team_daily SET total = total - OLD.amount
        WHERE workspace_id = OLD.workspace_id AND metric_key = OLD.metric_key AND local_date = OLD.local_date;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER log_team_daily_on_entry AFTER INSERT OR UPDATE OF undone_at ON log_entry
    FOR EACH ROW EXECUTE FUNCTION log_team_daily_apply();
