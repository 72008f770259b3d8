-- A shopper's connection to their current insurer, made in one session.
-- Nothing of the login is kept: Trellis holds it, we keep its connection id.
CREATE TABLE connections (
  id text PRIMARY KEY,
  session_id text NOT NULL,
  client_id text NOT NULL,
  trellis_connection_id text NOT NULL,
  issuer_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connections_session ON connections (session_id);
