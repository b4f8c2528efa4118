-- Digest chart images, served at /charts/<token>.png to the Teams card that shows them (and to anyone holding
-- the link): random 256-bit tokens, kept 14 days, purged hourly.
CREATE TABLE chart_image (
    token        VARCHAR(64)  PRIMARY KEY,
    workspace_id BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    png          BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX chart_image_expires ON chart_image (expires_at);
CREATE INDEX chart_image_workspace ON chart_image (workspace_id);
