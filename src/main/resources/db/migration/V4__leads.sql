-- Short, per-workspace lead numbers (#42): the counter lives on the workspace row.
ALTER TABLE workspace ADD COLUMN lead_seq INT NOT NULL DEFAULT 0;

-- Stages a workspace renamed or added; the built-in ones live in code.
CREATE TABLE lead_stage (
    workspace_id BIGINT      NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    stage_key    VARCHAR(32) NOT NULL,
    name_en      VARCHAR(64) NOT NULL,
    name_zh      VARCHAR(64) NOT NULL,
    position     INT         NOT NULL,
    PRIMARY KEY (workspace_id, stage_key)
);

CREATE TABLE lead (
    id             BIGSERIAL PRIMARY KEY,
    workspace_id   BIGINT         NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    number         INT            NOT NULL,
    name           VARCHAR(200)   NOT NULL,
    company        VARCHAR(200),
    email          VARCHAR(254),
    email_norm     VARCHAR(254),
    phone          VARCHAR(40),
    phone_norm     VARCHAR(40),
    wechat         VARCHAR(64),
    source         VARCHAR(64),
    stage_key      VARCHAR(32)    NOT NULL,
    value          NUMERIC(20, 4) CHECK (value >= 0),
    next_follow_up DATE,
    owner_id       BIGINT         NOT NULL REFERENCES member (id),
    lost_reason    VARCHAR(500),
    won_counted    BOOLEAN        NOT NULL DEFAULT FALSE,
    customer_key   VARCHAR(200)   NOT NULL,
    search         TSVECTOR       NOT NULL DEFAULT ''::tsvector,
    created_at     TIMESTAMPTZ    NOT NULL,
    updated_at     TIMESTAMPTZ    NOT NULL,
    CONSTRAINT uq_lead_number UNIQUE (workspace_id, number)
);
-- lists: one owner's or the team's leads by next follow-up (overdue = next_follow_up < today)
CREATE INDEX ix_lead_owner_next ON lead (workspace_id, owner_id, next_follow_up, number);
CREATE INDEX ix_lead_next ON lead (workspace_id, next_follow_up, number);
-- follow-ups: open leads only (won and lost are the only closed stages, whatever they are called)
CREATE INDEX ix_lead_open_next ON lead (workspace_id, next_follow_up, number) INCLUDE (owner_id)
    WHERE stage_key NOT IN ('won', 'lost');
-- duplicates
CREATE INDEX ix_lead_email ON lead (workspace_id, email_norm) WHERE email_norm IS NOT NULL;
CREATE INDEX ix_lead_phone ON lead (workspace_id, phone_norm) WHERE phone_norm IS NOT NULL;
-- find: Latin words and CJK bigrams, tokenised in Java
CREATE INDEX ix_lead_search ON lead USING GIN (search);
CREATE INDEX ix_lead_customer ON lead (workspace_id, customer_key) WHERE won_counted;

CREATE TABLE lead_note (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    lead_id      BIGINT        NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    author_id    BIGINT        NOT NULL REFERENCES member (id),
    text         VARCHAR(2000) NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX ix_lead_note_lead ON lead_note (lead_id, created_at);

-- Every change: who, when, what.
CREATE TABLE lead_event (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    lead_id      BIGINT        NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    actor_id     BIGINT        NOT NULL REFERENCES member (id),
    at           TIMESTAMPTZ   NOT NULL,
    what         VARCHAR(1000) NOT NULL
);
CREATE INDEX ix_lead_event_lead ON lead_event (lead_id, at);

-- A won lead's revenue, deals and customers entries point back to it, so leaving "won" reverses exactly them.
ALTER TABLE log_entry ADD COLUMN lead_id BIGINT REFERENCES lead (id) ON DELETE SET NULL;
CREATE INDEX ix_log_lead ON log_entry (lead_id) WHERE lead_id IS NOT NULL AND undone_at IS NULL;

-- Exports waiting to be downloaded through a one-time link (Teams); random 256-bit tokens, short-lived.
CREATE TABLE export_file (
    token        VARCHAR(64)  PRIMARY KEY,
    workspace_id BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    member_id    BIGINT       NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    filename     VARCHAR(200) NOT NULL,
    content      BYTEA        NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL
);
