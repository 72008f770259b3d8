-- One shopper's request for quotes, and everything each vendor answered.
CREATE TABLE quote_requests (
  id text PRIMARY KEY,
  session_id text NOT NULL,
  client_id text NOT NULL,
  body jsonb NOT NULL,
  status text NOT NULL,               -- pending | complete
  created_at timestamptz NOT NULL DEFAULT now(),
  deadline_at timestamptz NOT NULL,
  completed_at timestamptz
);
CREATE INDEX quote_requests_session ON quote_requests (session_id, created_at);
CREATE INDEX quote_requests_pending ON quote_requests (deadline_at) WHERE status = 'pending';

-- One vendor's share of a request. The lease says which process is working on
-- it; a run whose lease lapsed (its process died) is taken over by another.
CREATE TABLE quote_vendor_runs (
  quote_request_id text NOT NULL REFERENCES quote_requests (id),
  vendor text NOT NULL,
  status text NOT NULL,               -- pending | complete | error
  message text,
  -- What a process needs to resume the work (e.g. CoverHound's transactionId).
  state jsonb NOT NULL DEFAULT '{}'::jsonb,
  attempts integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (quote_request_id, vendor)
);
CREATE INDEX quote_vendor_runs_leases ON quote_vendor_runs (lease_until) WHERE status = 'pending';

-- Every change the shopper sees, in order: `seq` is the Server-Sent Events id.
-- A carrier's status is recorded once (the unique key), so a run resumed by
-- another process cannot show the shopper the same result twice.
CREATE TABLE quote_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  quote_request_id text NOT NULL REFERENCES quote_requests (id),
  kind text NOT NULL,                 -- quote | done
  quote_key text NOT NULL,            -- vendor:carrierCode, or 'done'
  status text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (quote_request_id, quote_key, status)
);
CREATE INDEX quote_events_request ON quote_events (quote_request_id, seq);
