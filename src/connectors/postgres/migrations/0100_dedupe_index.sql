-- Dedupe index: records seen by earlier dedupe runs (normalized values + cluster) and their blocking
-- keys, so each new batch finds its candidates with one index look-up per key instead of a scan.
CREATE SCHEMA IF NOT EXISTS crm_sync;

CREATE TABLE IF NOT EXISTS crm_sync.dedupe_record (
  namespace   text        NOT NULL,
  record_id   text        NOT NULL,
  cluster_id  text        NOT NULL,
  fields      jsonb       NOT NULL,
  record      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (namespace, record_id)
);

-- (namespace, block_key) is the primary key's prefix: candidate look-up is an index range scan.
CREATE TABLE IF NOT EXISTS crm_sync.dedupe_block (
  namespace  text NOT NULL,
  block_key  text NOT NULL,
  record_id  text NOT NULL,
  PRIMARY KEY (namespace, block_key, record_id),
  FOREIGN KEY (namespace, record_id) REFERENCES crm_sync.dedupe_record (namespace, record_id) ON DELETE CASCADE
);

-- Replacing a record's keys and cascading deletes look blocks up by record.
CREATE INDEX IF NOT EXISTS dedupe_block_record_idx ON crm_sync.dedupe_block (namespace, record_id);
-- Relabelling clusters when a batch links two of them.
CREATE INDEX IF NOT EXISTS dedupe_record_cluster_idx ON crm_sync.dedupe_record (namespace, cluster_id);
