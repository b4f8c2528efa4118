-- Each rep has one manager, who runs their reviews; unset means the workspace's (first) admin.
ALTER TABLE member ADD COLUMN manager_id BIGINT REFERENCES member (id) ON DELETE SET NULL;

-- How many days before a review both sides are reminded; review numbers (#1, #2, …) per workspace.
ALTER TABLE workspace ADD COLUMN review_remind_days INT NOT NULL DEFAULT 3 CHECK (review_remind_days BETWEEN 1 AND 30);
ALTER TABLE workspace ADD COLUMN review_seq INT NOT NULL DEFAULT 0;

-- A recurring review: every month or quarter on day N, for one rep or every rep of the team.
CREATE TABLE review_cycle (
    id            BIGSERIAL PRIMARY KEY,
    workspace_id  BIGINT      NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    cadence       VARCHAR(16) NOT NULL CHECK (cadence IN ('MONTH', 'QUARTER')),
    day_of_period INT         NOT NULL CHECK (day_of_period BETWEEN 1 AND 31),
    rep_id        BIGINT REFERENCES member (id) ON DELETE CASCADE, -- null: every rep
    review_type   VARCHAR(16) NOT NULL CHECK (review_type IN ('REVIEW', 'ONE_ON_ONE')),
    created_by    BIGINT      NOT NULL REFERENCES member (id),
    created_at    TIMESTAMPTZ NOT NULL,
    stopped_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX uq_review_cycle_active ON review_cycle (workspace_id, COALESCE(rep_id, 0)) WHERE stopped_at IS NULL;

CREATE TABLE review (
    id                BIGSERIAL PRIMARY KEY,
    workspace_id      BIGINT        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    number            INT           NOT NULL,
    rep_id            BIGINT        NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    manager_id        BIGINT        NOT NULL REFERENCES member (id),
    review_type       VARCHAR(16)   NOT NULL CHECK (review_type IN ('REVIEW', 'ONE_ON_ONE')),
    cycle_id          BIGINT REFERENCES review_cycle (id) ON DELETE SET NULL,
    due_on            DATE          NOT NULL,
    period_start      DATE          NOT NULL,
    period_end        DATE          NOT NULL,
    state             VARCHAR(16)   NOT NULL DEFAULT 'SCHEDULED' CHECK (state IN ('SCHEDULED', 'DONE', 'CANCELLED')),
    -- the rep's self-assessment
    self_rating       INT CHECK (self_rating BETWEEN 1 AND 5),
    self_went_well    VARCHAR(3000),
    self_to_improve   VARCHAR(3000),
    self_at           TIMESTAMPTZ,
    -- the manager's review; the snapshot is frozen when it is recorded
    overall_rating    INT CHECK (overall_rating BETWEEN 1 AND 5),
    metric_ratings    TEXT,
    strengths         VARCHAR(3000),
    to_improve        VARCHAR(3000),
    goals             VARCHAR(3000),
    snapshot          TEXT,
    completed_by      BIGINT REFERENCES member (id),
    completed_at      TIMESTAMPTZ,
    created_by        BIGINT        NOT NULL REFERENCES member (id),
    created_at        TIMESTAMPTZ   NOT NULL,
    CONSTRAINT uq_review_number UNIQUE (workspace_id, number),
    CHECK (period_start <= period_end)
);
-- a cycle creates one review per rep and period, however often generation runs
CREATE UNIQUE INDEX uq_review_cycle_period ON review (cycle_id, rep_id, period_start) WHERE cycle_id IS NOT NULL;
-- reminders and lists: the open reviews
CREATE INDEX ix_review_open ON review (workspace_id, due_on) WHERE state = 'SCHEDULED';
CREATE INDEX ix_review_rep ON review (rep_id, due_on);
CREATE INDEX ix_review_manager ON review (manager_id, due_on);
