-- Knowledge base: articles, helpfulness votes, unanswered questions and the workspace's KB settings.

-- One row per workspace that has used the knowledge base: its settings, the article counter (#1, #2, …)
-- and when it was given the starter articles.
CREATE TABLE kb_settings (
    workspace_id BIGINT      PRIMARY KEY REFERENCES workspace (id) ON DELETE CASCADE,
    open         BOOLEAN     NOT NULL DEFAULT FALSE,
    seq          INT         NOT NULL DEFAULT 0,
    seeded_at    TIMESTAMPTZ
);

CREATE TABLE kb_article (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    number       INT           NOT NULL,
    title        VARCHAR(200)  NOT NULL,
    body         TEXT          NOT NULL CHECK (length(body) <= 20000),
    tags         VARCHAR(500)  NOT NULL DEFAULT '',
    language     VARCHAR(4)    NOT NULL CHECK (language IN ('en', 'zh', 'both')),
    author_id    BIGINT REFERENCES member (id) ON DELETE SET NULL,
    -- imported articles: the file they came from (relative path, or starter:<file>) and its content hash
    source_key   VARCHAR(300),
    source_hash  VARCHAR(64),
    verified_by  BIGINT REFERENCES member (id) ON DELETE SET NULL,
    verified_at  TIMESTAMPTZ,
    helpful      INT           NOT NULL DEFAULT 0,
    unhelpful    INT           NOT NULL DEFAULT 0,
    -- title (weight A), tags (B) and body (C) as Latin stems and CJK bigrams, tokenised in Java
    search       TSVECTOR      NOT NULL DEFAULT ''::tsvector,
    -- title (A) and tags (B) alone: small, so the articles whose title matches are found and ranked cheaply
    head         TSVECTOR      NOT NULL DEFAULT ''::tsvector,
    created_at   TIMESTAMPTZ   NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL,
    CONSTRAINT uq_kb_article_number UNIQUE (workspace_id, number)
);
CREATE UNIQUE INDEX ux_kb_article_source ON kb_article (workspace_id, source_key) WHERE source_key IS NOT NULL;
CREATE INDEX ix_kb_article_search ON kb_article USING GIN (search);
CREATE INDEX ix_kb_article_head ON kb_article USING GIN (head);
-- monthly reminders: authors of articles not verified for 180 days
CREATE INDEX ix_kb_article_author ON kb_article (author_id, (coalesce(verified_at, created_at))) WHERE author_id IS NOT NULL;

-- One vote per member and article; the article keeps the counts (ranking reads them without a join).
CREATE TABLE kb_vote (
    article_id BIGINT      NOT NULL REFERENCES kb_article (id) ON DELETE CASCADE,
    member_id  BIGINT      NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    helpful    BOOLEAN     NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, member_id)
);

-- Questions the knowledge base could not answer: searches without a result, answers voted unhelpful.
CREATE TABLE kb_miss (
    id           BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT       NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    member_id    BIGINT REFERENCES member (id) ON DELETE SET NULL,
    query        VARCHAR(200) NOT NULL,
    query_norm   VARCHAR(200) NOT NULL,
    reason       VARCHAR(16)  NOT NULL CHECK (reason IN ('none', 'unhelpful')),
    at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_kb_miss_recent ON kb_miss (workspace_id, at);

-- Which month's stale-article reminder a member already had: at most one a month, whatever the outbox purges.
CREATE TABLE kb_reminder (
    member_id BIGINT     NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    month     VARCHAR(7) NOT NULL,
    PRIMARY KEY (member_id, month)
);
