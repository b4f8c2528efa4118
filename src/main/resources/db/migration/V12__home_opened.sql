-- When a member last opened Pacer's App Home in Slack (or clicked in it). A change republishes the Home only for
-- members who have looked at it lately; everyone else gets it rendered fresh when they open it.
ALTER TABLE member ADD COLUMN home_opened_at TIMESTAMPTZ;
