-- Token buckets that pace calls to a vendor below its documented limit, shared by every process
-- on this database (vendors/shared/call-buckets.ts). One row per bucket: the tokens left (negative:
-- calls already promised a later slot) as of refilled_at.
CREATE TABLE call_buckets (
  key text PRIMARY KEY,
  tokens double precision NOT NULL,
  refilled_at timestamptz NOT NULL
);
