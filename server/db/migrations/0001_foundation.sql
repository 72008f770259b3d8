-- Signing keys of session tokens and temporary access keys. The newest key
-- signs; older ones keep verifying until every token they signed has expired.
CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  -- Orders keys made in the same millisecond (created_at alone could tie).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  private_jwk jsonb NOT NULL,
  public_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One shopper's use of the widget on one dealer's page.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  client_id text NOT NULL,
  products jsonb NOT NULL,
  prefill jsonb NOT NULL DEFAULT '{}'::jsonb,
  origin text,
  external_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_client_created ON sessions (client_id, created_at);
