-- Refresh keys (POST /v1/session/refresh-key): what lets the widget on a page reloaded after its
-- short-lived token expired get a token of the same session again (POST /v1/sessions/refresh),
-- while the session runs. Only the key's SHA-256 is kept, so the table opens no session; `origin`
-- is the page origin the key was made on, the only one it is taken from. A session may hold a few
-- (one per browser profile that kept its progress); they go with the session.
CREATE TABLE session_refresh_keys (
  key_hash text PRIMARY KEY,
  session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  origin text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX session_refresh_keys_session ON session_refresh_keys (session_id);
