-- The shopper's final answer. Stored before the widget is answered and never
-- changed afterwards: what happens to it next lives in submission_deliveries.
CREATE TABLE submissions (
  id text PRIMARY KEY,
  client_id text NOT NULL,
  session_id text NOT NULL,
  -- The dealer's own reference, copied from the session.
  external_ref text,
  body jsonb NOT NULL,
  -- The quote the shopper picked, copied from the quote request at submission time.
  selected_quote jsonb,
  -- Milliseconds, as the API writes it: `since` = a createdAt read back never repeats that row.
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
);
CREATE INDEX submissions_client_created ON submissions (client_id, created_at, id);

-- The outbox: one row per submission and delivery target, written in the same
-- statement as the submission. A lease says which process is delivering it; a
-- row whose lease lapsed (its process died) is taken over by another.
CREATE TABLE submission_deliveries (
  submission_id text NOT NULL REFERENCES submissions (id),
  target text NOT NULL,               -- autocomplete | agencyzoom
  status text NOT NULL,               -- pending | delivered | failed
  -- Every try started, rate-limited ones included; those do not count towards giving up.
  attempts integer NOT NULL DEFAULT 0,
  rate_limited integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- Plain words for the dealer: never personal data, secrets or a vendor's raw body.
  last_error text,
  -- Progress that must survive a retry (AgencyZoom's lead id) and what the vendor gave back.
  state jsonb NOT NULL DEFAULT '{}'::jsonb,
  lease_owner text,
  lease_until timestamptz,
  delivered_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (submission_id, target)
);
CREATE INDEX submission_deliveries_due ON submission_deliveries (next_attempt_at) WHERE status = 'pending';

-- Idempotency-Key of POST /v1/submissions, per session: the same key and body
-- replays the stored answer, the same key with another body is a conflict.
CREATE TABLE submission_idempotency_keys (
  session_id text NOT NULL,
  idempotency_key text NOT NULL,
  client_id text NOT NULL,
  -- SHA-256 of the body's canonical JSON.
  request_hash text NOT NULL,
  submission_id text NOT NULL REFERENCES submissions (id),
  -- The answer as first given; null until it was (a replay then reports the state so far).
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, idempotency_key)
);
