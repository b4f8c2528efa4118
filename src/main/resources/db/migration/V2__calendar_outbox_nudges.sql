-- Calendars: the workspace's default work week and holidays; a member's own work week and away days.
ALTER TABLE workspace ADD COLUMN work_week VARCHAR(16) NOT NULL DEFAULT 'MON_FRI'
    CHECK (work_week IN ('MON_FRI', 'MON_SAT', 'SUN_THU'));

ALTER TABLE member ADD COLUMN work_week VARCHAR(16) CHECK (work_week IN ('MON_FRI', 'MON_SAT', 'SUN_THU'));
-- The morning nudge: local time (null = 09:00), on/off, the local date of the last one enqueued, a snooze.
ALTER TABLE member ADD COLUMN nudge_time TIME;
ALTER TABLE member ADD COLUMN nudge_enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE member ADD COLUMN nudged_on DATE;
ALTER TABLE member ADD COLUMN quiet_on DATE;

CREATE TABLE holiday (
    id            BIGSERIAL PRIMARY KEY,
    workspace_id  BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    first_day     DATE         NOT NULL,
    last_day      DATE         NOT NULL,
    name          VARCHAR(200) NOT NULL,
    CHECK (last_day >= first_day)
);
CREATE INDEX ix_holiday_workspace ON holiday (workspace_id, first_day);

CREATE TABLE away (
    id            BIGSERIAL PRIMARY KEY,
    workspace_id  BIGINT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    member_id     BIGINT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    first_day     DATE   NOT NULL,
    last_day      DATE   NOT NULL,
    CHECK (last_day >= first_day)
);
CREATE INDEX ix_away_member ON away (member_id, first_day);

-- Everything Pacer says unprompted goes through here, once per idempotency key.
CREATE TABLE outbox (
    id                  BIGSERIAL PRIMARY KEY,
    workspace_id        BIGINT        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    platform            VARCHAR(16)   NOT NULL,
    -- MEMBER: a direct message (Slack user id / Teams personal conversation); CHANNEL: a channel or chat id
    target_kind         VARCHAR(16)   NOT NULL CHECK (target_kind IN ('MEMBER', 'CHANNEL')),
    target              VARCHAR(512)  NOT NULL,
    member_id           BIGINT REFERENCES member (id) ON DELETE CASCADE,
    payload             TEXT          NOT NULL,
    idempotency_key     VARCHAR(255)  NOT NULL,
    due_at              TIMESTAMPTZ   NOT NULL,
    expires_at          TIMESTAMPTZ,
    state               VARCHAR(16)   NOT NULL DEFAULT 'PENDING'
                        CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'EXPIRED')),
    attempts            INT           NOT NULL DEFAULT 0,
    lease_until         TIMESTAMPTZ,
    claimed_by          VARCHAR(64),
    last_error          VARCHAR(1000),
    platform_message_id VARCHAR(255),
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    sent_at             TIMESTAMPTZ,
    CONSTRAINT uq_outbox_key UNIQUE (idempotency_key)
);
-- the workers' claim query: due, unsent rows in due order
CREATE INDEX ix_outbox_due ON outbox (due_at) WHERE state IN ('PENDING', 'SENDING');
CREATE INDEX ix_outbox_failed ON outbox (workspace_id, created_at) WHERE state = 'FAILED';

-- Slack DM channel ids, so conversations.open is called once per member, not per message.
CREATE TABLE slack_dm (
    workspace_id BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    user_id      VARCHAR(128) NOT NULL,
    channel_id   VARCHAR(128) NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

-- Jobs that must run once cluster-wide: the first replica to insert (job, fire time) runs it.
CREATE TABLE job_claim (
    job        VARCHAR(100) NOT NULL,
    fire_time  TIMESTAMPTZ  NOT NULL,
    claimed_by VARCHAR(64)  NOT NULL,
    claimed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (job, fire_time)
);
