-- The shopper's progress under their session (PUT /v1/session/draft): the
-- answers so far and the step they are on, sealed like the rest of their data
-- (server/security/sealer.ts) and bound to the session's id. `revision` goes
-- up by one on every save, and when the shopper discards the draft (body
-- becomes null; the row stays so a stale tab's save based on an older
-- revision is still refused).
CREATE TABLE session_drafts (
  session_id text PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  revision integer NOT NULL,
  body text,
  updated_at timestamptz NOT NULL
);
