-- Team pulse surveys. A survey has questions and an audience; each time it is sent is a run (once, or every
-- week), so results can be compared with the previous run.

-- Per workspace: the fewest answers an anonymous survey needs before results are shown (never below 3), and
-- the survey numbers (#1, #2, …) people type.
CREATE TABLE survey_settings (
    workspace_id   BIGINT PRIMARY KEY REFERENCES workspace (id) ON DELETE CASCADE,
    min_responses  INT NOT NULL DEFAULT 3 CHECK (min_responses BETWEEN 3 AND 1000),
    survey_seq     INT NOT NULL DEFAULT 0
);

CREATE TABLE survey (
    id             BIGSERIAL PRIMARY KEY,
    workspace_id   BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    number         INT          NOT NULL,
    title          VARCHAR(150) NOT NULL,
    anonymous      BOOLEAN      NOT NULL,
    -- frozen when the survey is created: the survey text promises it
    min_responses  INT          NOT NULL CHECK (min_responses >= 3),
    -- true: every member of the workspace but the creator; false: the members in survey_audience
    whole_team     BOOLEAN      NOT NULL,
    -- weekly surveys: ISO day of week (1 = Monday) and local time in the creator's time zone; null: once
    weekday        INT CHECK (weekday BETWEEN 1 AND 7),
    send_time      TIME,
    time_zone      VARCHAR(64)  NOT NULL,
    created_by     BIGINT       NOT NULL REFERENCES member (id),
    created_at     TIMESTAMPTZ  NOT NULL,
    stopped_at     TIMESTAMPTZ,
    CONSTRAINT uq_survey_number UNIQUE (workspace_id, number),
    CHECK ((weekday IS NULL) = (send_time IS NULL))
);
CREATE INDEX ix_survey_weekly ON survey (workspace_id) WHERE weekday IS NOT NULL AND stopped_at IS NULL;

CREATE TABLE survey_question (
    survey_id  BIGINT       NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    position   INT          NOT NULL CHECK (position BETWEEN 1 AND 5),
    kind       VARCHAR(8)   NOT NULL CHECK (kind IN ('SCALE', 'YES_NO', 'TEXT')),
    text       VARCHAR(300) NOT NULL,
    PRIMARY KEY (survey_id, position)
);

CREATE TABLE survey_audience (
    survey_id  BIGINT NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    PRIMARY KEY (survey_id, member_id)
);

CREATE TABLE survey_run (
    id            BIGSERIAL PRIMARY KEY,
    survey_id     BIGINT      NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    workspace_id  BIGINT      NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    run_no        INT         NOT NULL,
    scheduled_at  TIMESTAMPTZ NOT NULL,
    closes_at     TIMESTAMPTZ NOT NULL,
    -- one run per occurrence, however often (and on however many replicas) the tick runs
    CONSTRAINT uq_survey_run UNIQUE (survey_id, scheduled_at),
    CONSTRAINT uq_survey_run_no UNIQUE (survey_id, run_no)
);

-- Who was asked, and on which of their local days (the reminder goes out the next working day).
CREATE TABLE survey_invitation (
    run_id      BIGINT NOT NULL REFERENCES survey_run (id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    invited_on  DATE   NOT NULL,
    reminded_on DATE,
    PRIMARY KEY (run_id, member_id)
);

-- Who answered — not what. Kept apart from the answers so that an anonymous answer cannot be joined to a
-- person: no shared key, no timestamps.
CREATE TABLE survey_participation (
    run_id     BIGINT NOT NULL REFERENCES survey_run (id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    PRIMARY KEY (run_id, member_id)
);

-- One row per answered question. Random ids (no sequence whose order matches the participation rows) and no
-- timestamp; member_id is null for an anonymous survey.
CREATE TABLE survey_answer (
    id         UUID          PRIMARY KEY,
    run_id     BIGINT        NOT NULL REFERENCES survey_run (id) ON DELETE CASCADE,
    member_id  BIGINT REFERENCES member (id) ON DELETE SET NULL,
    position   INT           NOT NULL CHECK (position BETWEEN 1 AND 5),
    score      INT CHECK (score BETWEEN 0 AND 5),
    text       VARCHAR(2000),
    CHECK ((score IS NULL) <> (text IS NULL))
);
CREATE INDEX ix_survey_answer_run ON survey_answer (run_id, position);
