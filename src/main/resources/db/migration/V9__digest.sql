-- The team's digest channel (one per workspace): where, when (in its own time zone), and in which language.
CREATE TABLE digest_channel (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    channel      VARCHAR(255) NOT NULL,
    time_zone    VARCHAR(64)  NOT NULL,
    digest_time  TIME         NOT NULL DEFAULT '09:30',
    language     VARCHAR(8)   NOT NULL DEFAULT 'en',
    enabled      BOOLEAN      NOT NULL DEFAULT TRUE,
    standup      BOOLEAN      NOT NULL DEFAULT FALSE,
    set_by       BIGINT       NOT NULL REFERENCES member (id),
    last_sent_at TIMESTAMPTZ,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT uq_digest_workspace UNIQUE (workspace_id)
);

-- The optional standup round: one answer per member and day.
CREATE TABLE standup_answer (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    member_id    BIGINT        NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    local_date   DATE          NOT NULL,
    yesterday    VARCHAR(1000),
    today        VARCHAR(1000),
    blockers     VARCHAR(1000),
    created_at   TIMESTAMPTZ   NOT NULL,
    CONSTRAINT uq_standup_answer UNIQUE (member_id, local_date)
);
CREATE INDEX ix_standup_day ON standup_answer (workspace_id, local_date);

-- The digest asks what happened in the pipeline yesterday: leads added, and moves to won.
CREATE INDEX ix_lead_created ON lead (workspace_id, created_at);
CREATE INDEX ix_lead_event_day ON lead_event (workspace_id, at);
