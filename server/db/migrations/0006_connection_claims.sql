-- A Trellis connection belongs to the dealer whose shopper connected it first:
-- POST /v1/connections refuses it to any other dealer. That check looks the
-- connection up by its Trellis id (and dealer) on every connect.
CREATE INDEX connections_trellis_connection ON connections (trellis_connection_id, client_id);
