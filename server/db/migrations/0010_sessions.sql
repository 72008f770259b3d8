-- A session can be ended early by its dealer (POST /v1/sessions/{id}/revoke): from
-- then on none of its tokens is honoured or renewed. Null while it runs.
-- expires_at is now the session's absolute lifetime (4 h by default), not its
-- first token's expiry: tokens are renewed up to it.
ALTER TABLE sessions ADD COLUMN revoked_at timestamptz;
