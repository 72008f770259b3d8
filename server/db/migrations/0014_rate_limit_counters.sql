-- Rate-limit windows shared by every process on one PostgreSQL
-- (server/http/limit-counters.ts): one row per budget and key, its hits in
-- the current fixed window and when that window ends. A request adds one hit
-- with a single upsert; a row whose window has ended starts over at 1, and
-- each process deletes ended windows once a minute.
--
-- UNLOGGED: no write-ahead log for a counter written on every limited
-- request. A crash of the database server empties the table, which only
-- gives every client a fresh window; nothing else reads it. No index but the
-- key, so a hit updates the row in place (HOT) and the sweep scans only the
-- keys seen in the last window.
CREATE UNLOGGED TABLE rate_limit_counters (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  resets_at timestamptz NOT NULL
);
