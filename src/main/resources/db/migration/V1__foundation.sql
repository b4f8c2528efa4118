-- Organisation: a workspace is a Slack team or a Teams tenant; every other row belongs to one.
CREATE TABLE workspace (
    id            BIGSERIAL PRIMARY KEY,
    platform      VARCHAR(16)  NOT NULL CHECK (platform IN ('SLACK', 'TEAMS')),
    external_id   VARCHAR(128) NOT NULL,
    name          VARCHAR(255),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_workspace_platform_external UNIQUE (platform, external_id)
);

CREATE TABLE member (
    id                   BIGSERIAL PRIMARY KEY,
    workspace_id         BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    platform_user_id     VARCHAR(128) NOT NULL,
    display_name         VARCHAR(255),
    role                 VARCHAR(16)  NOT NULL CHECK (role IN ('REP', 'MANAGER', 'ADMIN')),
    -- what the platform says (refreshed at most daily) ...
    platform_locale      VARCHAR(35),
    platform_time_zone   VARCHAR(64),
    profile_refreshed_at TIMESTAMPTZ,
    -- ... and what the member chose, which wins
    language             VARCHAR(35),
    time_zone            VARCHAR(64),
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_member_workspace_user UNIQUE (workspace_id, platform_user_id)
);

-- Platform events already handled (Slack retries with X-Slack-Retry-Num); old rows are purged.
CREATE TABLE inbound_event (
    platform     VARCHAR(16)  NOT NULL,
    event_id     VARCHAR(128) NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (platform, event_id)
);
CREATE INDEX ix_inbound_event_received ON inbound_event (received_at);

-- Teams conversation references, for replies and proactive messages.
CREATE TABLE teams_conversation (
    id                BIGSERIAL PRIMARY KEY,
    workspace_id      BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    conversation_id   VARCHAR(512) NOT NULL,
    conversation_type VARCHAR(32)  NOT NULL,
    member_id         BIGINT REFERENCES member (id) ON DELETE CASCADE,
    service_url       VARCHAR(1024) NOT NULL,
    reference_json    TEXT         NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_teams_conversation UNIQUE (workspace_id, conversation_id)
);
CREATE INDEX ix_teams_conversation_member ON teams_conversation (member_id);
