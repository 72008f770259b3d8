-- The consent to be contacted, as a recorded act: the disclosure shown (its
-- version, language and exact words), the ticked checkbox, when, the page, the
-- address and the browser. Null on submissions made before it was recorded.
ALTER TABLE submissions ADD COLUMN consent jsonb;

-- Every insurer's answer in the quote request when the shopper submitted,
-- declines with the insurer's own words, for the dealer.
ALTER TABLE submissions ADD COLUMN quotes jsonb;
