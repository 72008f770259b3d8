-- A short reference a shopper can read out on the phone ("7KQ2-M9XD"); the dealer finds the submission by it.
ALTER TABLE submissions ADD COLUMN reference text;
-- Submissions made before: hex digits are all in the reference alphabet.
UPDATE submissions SET reference = upper(substr(r.m, 1, 4) || '-' || substr(r.m, 5, 4))
FROM (SELECT id AS sid, md5(random()::text || id) AS m FROM submissions) r
WHERE submissions.id = r.sid;
ALTER TABLE submissions ALTER COLUMN reference SET NOT NULL;
CREATE UNIQUE INDEX submissions_reference_key ON submissions (reference);
