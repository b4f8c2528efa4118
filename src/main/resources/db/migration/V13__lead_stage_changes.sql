-- Every stage a lead entered, as a row: analytics, the digest and the review snapshot read this, never the
-- human-readable lead_event log (which keeps its "stage: a → b" line for the lead's history).
CREATE TABLE lead_stage_change (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    lead_id      BIGINT       NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    -- NULL: the stage the lead was created in
    from_stage   VARCHAR(32),
    to_stage     VARCHAR(32)  NOT NULL,
    at           TIMESTAMPTZ  NOT NULL,
    actor_id     BIGINT       NOT NULL REFERENCES member (id),
    reason       VARCHAR(500)
);
CREATE INDEX ix_lead_stage_change_lead ON lead_stage_change (lead_id, at);
-- "what entered stage X between two instants" (digest: won yesterday; funnels)
CREATE INDEX ix_lead_stage_change_to ON lead_stage_change (workspace_id, to_stage, at);

-- The history so far, from the events written as "stage: <from> → <to>[ (<reason>)]" (reason possibly cut at
-- 1000 characters, so without its closing parenthesis).
INSERT INTO lead_stage_change (workspace_id, lead_id, from_stage, to_stage, at, actor_id, reason)
SELECT e.workspace_id, e.lead_id,
       substring(e.what FROM '^stage: (\S+) → '),
       substring(e.what FROM '^stage: \S+ → (\S+)'),
       e.at, e.actor_id,
       left(regexp_replace(substring(e.what FROM '^stage: \S+ → \S+ \((.*)$'), '\)$', ''), 500)
FROM lead_event e
WHERE e.what ~ '^stage: \S+ → \S+';

-- Where each lead started: the stage its first move left, else the stage it is still in; by whoever created it.
INSERT INTO lead_stage_change (workspace_id, lead_id, from_stage, to_stage, at, actor_id, reason)
SELECT l.workspace_id, l.id, NULL,
       coalesce((SELECT c.from_stage FROM lead_stage_change c WHERE c.lead_id = l.id ORDER BY c.at, c.id LIMIT 1),
                l.stage_key),
       l.created_at,
       coalesce((SELECT e.actor_id FROM lead_event e WHERE e.lead_id = l.id AND e.what = 'created' ORDER BY e.id LIMIT 1),
                l.owner_id),
       NULL
FROM lead l;
