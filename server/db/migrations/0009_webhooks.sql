-- A dealer's webhook endpoints. The signing secret is kept to sign with (a
-- hash would not do); during a rotation the previous one signs too, until
-- previous_secret_expires_at.
CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  client_id text NOT NULL,
  url text NOT NULL,
  -- The event types it asked for.
  events text[] NOT NULL,
  status text NOT NULL DEFAULT 'enabled',   -- enabled | disabled
  disabled_reason text,
  secret text NOT NULL,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  -- Since when every try has failed (null after a 2xx): failing for days disables it.
  failing_since timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_client ON webhook_endpoints (client_id, created_at);

-- One event, recorded once: dedupe_key names the fact it reports
-- ("submission.created:sub_…"), so several processes catching up on the same
-- fact write one event. `body` is the exact JSON that is signed and sent, the
-- same bytes on every try.
CREATE TABLE webhook_events (
  id text PRIMARY KEY,                      -- msg_…: the webhook-id header
  client_id text NOT NULL,
  type text NOT NULL,
  dedupe_key text NOT NULL UNIQUE,
  body text NOT NULL,
  occurred_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The webhook outbox: one row per event and endpoint, written in the statement
-- that records the event, leased by the process sending it.
CREATE TABLE webhook_deliveries (
  event_id text NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
  endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending',   -- pending | delivered | failed
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  lease_owner text,
  lease_until timestamptz,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id) WHERE status = 'pending';

-- Every try, for the dealer's delivery log: what the endpoint answered and how fast.
CREATE TABLE webhook_attempts (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id text NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
  endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  status_code integer,
  latency_ms integer NOT NULL,
  error text
);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, seq);

-- Catching up on finished quote requests looks them up per dealer.
CREATE INDEX quote_requests_client_completed ON quote_requests (client_id, completed_at) WHERE status = 'complete';
