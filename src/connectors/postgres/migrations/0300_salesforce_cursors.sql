-- Salesforce delta-read cursors: per node (or flow-chosen name) and key, the position after the last
-- record handed downstream, e.g. {"systemModstamp": "...", "id": "..."}. Survives restarts and redeploys.
CREATE SCHEMA IF NOT EXISTS crm_sync;

CREATE TABLE IF NOT EXISTS crm_sync.cursor (
  node       text        NOT NULL,
  key        text        NOT NULL,
  value      jsonb       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (node, key),
  CONSTRAINT cursor_key_not_empty CHECK (length(node) > 0 AND length(key) > 0)
);

COMMENT ON TABLE crm_sync.cursor IS
  'Salesforce in (delta mode): read position per node and key (SystemModstamp, Id).';
