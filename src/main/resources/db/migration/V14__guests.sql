-- Issue 27 (5): guests (Slack's restricted and ultra-restricted accounts) use Pacer only where an admin allows
-- them (settings guests allow); a member remembers whether their platform profile said they are a guest.
ALTER TABLE workspace ADD COLUMN guests_allowed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE member ADD COLUMN guest BOOLEAN NOT NULL DEFAULT FALSE;
