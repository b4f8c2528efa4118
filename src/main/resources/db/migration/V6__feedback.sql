-- Customer feedback on leads: CSAT (1–5) or NPS (0–10), told to the rep or given on the survey page.
ALTER TABLE workspace ADD COLUMN feedback_type VARCHAR(4) NOT NULL DEFAULT 'CSAT' CHECK (feedback_type IN ('CSAT', 'NPS'));

CREATE TABLE feedback (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    lead_id      BIGINT        NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    owner_id     BIGINT        NOT NULL REFERENCES member (id), -- the lead's owner when it was given
    kind         VARCHAR(4)    NOT NULL CHECK (kind IN ('CSAT', 'NPS')),
    score        INT           NOT NULL CHECK ((kind = 'CSAT' AND score BETWEEN 1 AND 5) OR (kind = 'NPS' AND score BETWEEN 0 AND 10)),
    comment      VARCHAR(2000),
    source       VARCHAR(8)    NOT NULL CHECK (source IN ('REP', 'LINK')),
    recorded_by  BIGINT REFERENCES member (id), -- null when the customer answered on the page
    created_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX ix_feedback_workspace ON feedback (workspace_id, created_at) INCLUDE (owner_id, kind, score);
CREATE INDEX ix_feedback_lead ON feedback (lead_id, created_at);

-- Personal survey links: single use, expiring; the token in the URL is the link's id and an HMAC over it.
CREATE TABLE feedback_link (
    id           UUID          PRIMARY KEY,
    workspace_id BIGINT        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    lead_id      BIGINT        NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    kind         VARCHAR(4)    NOT NULL CHECK (kind IN ('CSAT', 'NPS')),
    created_by   BIGINT        NOT NULL REFERENCES member (id),
    created_at   TIMESTAMPTZ   NOT NULL,
    expires_at   TIMESTAMPTZ   NOT NULL,
    used_at      TIMESTAMPTZ
);
CREATE INDEX ix_feedback_link_lead ON feedback_link (lead_id);

-- Keys this installation signs with (survey links, their forms), made on first use and shared by replicas.
CREATE TABLE install_secret (
    name       VARCHAR(32)  PRIMARY KEY,
    secret     BYTEA        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
