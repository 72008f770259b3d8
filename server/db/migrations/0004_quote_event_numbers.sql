-- Events get a number per quote request, given in commit order (a conflicting
-- number is retried), so a stream can tell a gap from the end and resume by
-- number. The global seq alone could commit out of order across connections.
ALTER TABLE quote_events ADD COLUMN n integer;
UPDATE quote_events e SET n = numbered.rn
  FROM (SELECT seq, row_number() OVER (PARTITION BY quote_request_id ORDER BY seq) AS rn FROM quote_events) numbered
  WHERE e.seq = numbered.seq;
ALTER TABLE quote_events ALTER COLUMN n SET NOT NULL;
CREATE UNIQUE INDEX quote_events_request_n ON quote_events (quote_request_id, n);
