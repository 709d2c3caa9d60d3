-- Conflict resolver snapshots: per entity and system, the merged record as of our last write and the
-- hash of the part of it that system holds (an incoming version with that hash is an echo of our write).
CREATE SCHEMA IF NOT EXISTS crm_sync;

CREATE TABLE IF NOT EXISTS crm_sync.record_snapshot (
  entity_key text        NOT NULL,
  system     text        NOT NULL,
  snapshot   jsonb       NOT NULL,
  hash       text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity_key, system),
  CONSTRAINT record_snapshot_key_not_empty CHECK (length(entity_key) > 0 AND length(system) > 0)
);

COMMENT ON TABLE crm_sync.record_snapshot IS
  'Conflict resolver: last-synced record per entity and system, with the echo-suppression hash.';
