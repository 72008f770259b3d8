-- Which tab (page load) saved the draft, and its count of saves: a tab's later save replaces its own
-- earlier one even when it was based on the revision before it (the save sent with keepalive as a page
-- hides while the previous save's answer is still on its way), and never another tab's.
ALTER TABLE session_drafts ADD COLUMN writer text;
ALTER TABLE session_drafts ADD COLUMN writer_seq integer;
