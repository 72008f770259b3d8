-- One-time resume links (POST /v1/session/resume-link): a code that carries a session to another
-- device. Only the code's SHA-256 is kept, so the table cannot open a session; `used_at` is set by
-- the one conditional UPDATE that redeems it (server/resume/store.ts), so a code opens once even
-- when two devices race. `origin` is the page origin the link opens on, the only one it is redeemed from.
CREATE TABLE resume_links (
  code_hash text PRIMARY KEY,
  session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  client_id text NOT NULL,
  origin text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX resume_links_expires_at ON resume_links (expires_at);
