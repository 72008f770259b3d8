-- A connection nobody reads again is still told ready: the readiness check (policies/readiness.ts,
-- on the work runner) asks Trellis itself until the policies can be read, Trellis finds none, or
-- the connection is too old to wait for. ready_check_at is when the next check is due (null: no
-- more checks; connections made before this migration are never checked); the lease columns say
-- which process is checking it now.
ALTER TABLE connections ADD COLUMN ready_check_at timestamptz;
ALTER TABLE connections ADD COLUMN ready_checks integer NOT NULL DEFAULT 0;
ALTER TABLE connections ADD COLUMN ready_check_owner text;
ALTER TABLE connections ADD COLUMN ready_check_until timestamptz;
CREATE INDEX connections_ready_check ON connections (ready_check_at) WHERE ready_check_at IS NOT NULL;
