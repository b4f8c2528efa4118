-- When a lead is expected to close (lead add close=<date>, lead close <id> <date>, the lead form); optional.
ALTER TABLE lead ADD COLUMN expected_close DATE;
