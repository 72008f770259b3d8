-- When a connection's policies could first be read (Trellis answered READY), and how many we
-- read then: set once, by the first read that sees them (policies/store.ts). The webhook
-- catch-up records a connection.ready event from it, per dealer, since its endpoint's start.
ALTER TABLE connections ADD COLUMN ready_at timestamptz;
ALTER TABLE connections ADD COLUMN policy_count integer;
CREATE INDEX connections_client_ready ON connections (client_id, ready_at) WHERE ready_at IS NOT NULL;
