-- Which transaction wrote each audit row (issue 21, a restarted silo): an aggregator notes the oldest transaction
-- still running when it last read the store (its "horizon"), and on its next activation or reconciliation reads
-- only the activities whose audit rows come from that transaction or a later one, instead of the version of every
-- activity of its city-year. Every accepted change writes its audit row in the change's own transaction, so no
-- change escapes the question.
--
-- Rows written before this migration keep no transaction (NULL): they predate every horizon, and adding the column
-- without a default rewrites nothing. The index holds only the rows that have one.
ALTER TABLE activity_audit ADD COLUMN txid xid8;
ALTER TABLE activity_audit ALTER COLUMN txid SET DEFAULT pg_current_xact_id();
CREATE INDEX activity_audit_changes ON activity_audit (city, txid) INCLUDE (kind, id) WHERE txid IS NOT NULL;
COMMENT ON COLUMN activity_audit.txid IS 'the transaction that wrote the row: what changed since an aggregator''s horizon';
