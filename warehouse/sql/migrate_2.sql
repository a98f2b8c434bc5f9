-- Schema version 2: crash-honest runs (who ran them, their heartbeat) and exact run counts.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS pid INTEGER;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS host VARCHAR;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS ppid INTEGER;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS pid_start BIGINT;  -- the process's start (clock ticks since boot): PIDs are reused
ALTER TABLE runs ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMPTZ;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS exit_code INTEGER;
ALTER TABLE source_runs ADD COLUMN IF NOT EXISTS reinstated INTEGER DEFAULT 0;
ALTER TABLE source_runs ADD COLUMN IF NOT EXISTS deleted INTEGER DEFAULT 0;
ALTER TABLE source_runs ADD COLUMN IF NOT EXISTS pending INTEGER DEFAULT 0;
ALTER TABLE source_runs ADD COLUMN IF NOT EXISTS expected BOOLEAN DEFAULT false;
