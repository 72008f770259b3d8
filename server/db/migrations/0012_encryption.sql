-- Shopper data is stored sealed (server/security/sealer.ts): each of these
-- columns holds `ck1.<keyId>.<iv>.<ciphertext>`, text, no longer jsonb. Rows
-- written before keep their JSON as text and still read; `npm run
-- data:reencrypt` seals them (SQL cannot: the key is not in the database).
ALTER TABLE submissions
  ALTER COLUMN body TYPE text USING body::text,
  ALTER COLUMN selected_quote TYPE text USING selected_quote::text,
  ALTER COLUMN quotes TYPE text USING quotes::text,
  ALTER COLUMN consent TYPE text USING consent::text;
ALTER TABLE quote_requests ALTER COLUMN body TYPE text USING body::text;
ALTER TABLE sessions ALTER COLUMN prefill DROP DEFAULT;
ALTER TABLE sessions ALTER COLUMN prefill TYPE text USING prefill::text;

-- The private half of each token-signing key, and each webhook endpoint's
-- signing secrets, are wrapped by the data key too. Plain strings become JSON
-- strings, the form a value from before sealing is read in.
ALTER TABLE signing_keys ALTER COLUMN private_jwk TYPE text USING private_jwk::text;
UPDATE webhook_endpoints SET secret = to_jsonb(secret)::text, previous_secret = to_jsonb(previous_secret)::text;

-- A Trellis connection id opens the shopper's policies to whoever holds our
-- Trellis credentials: sealed, and found through a keyed hash (HMAC) of it,
-- `<keyId>.<hex>`. Null on rows from before, until they are re-encrypted.
UPDATE connections SET trellis_connection_id = to_jsonb(trellis_connection_id)::text;
ALTER TABLE connections ADD COLUMN trellis_connection_hash text;
DROP INDEX connections_trellis_connection;
CREATE INDEX connections_trellis_connection_hash ON connections (trellis_connection_hash, client_id);
-- Until then those rows are found by their id, as before.
CREATE INDEX connections_unsealed_trellis_connection ON connections (trellis_connection_id) WHERE trellis_connection_hash IS NULL;
