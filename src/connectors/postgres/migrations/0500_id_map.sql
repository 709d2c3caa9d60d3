-- Shared id map: which ids in which systems are the same record. One row per (entity, system,
-- record_id); the rows of one record across systems share a link_id from crm_sync.id_map_link_seq.
CREATE SCHEMA IF NOT EXISTS crm_sync;

CREATE SEQUENCE IF NOT EXISTS crm_sync.id_map_link_seq AS bigint;

CREATE TABLE IF NOT EXISTS crm_sync.id_map (
  entity     text        NOT NULL,
  system     text        NOT NULL,
  record_id  text        NOT NULL,
  link_id    bigint      NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity, system, record_id),
  -- A link holds at most one id per system; also the index for loading a whole link.
  CONSTRAINT id_map_one_id_per_system UNIQUE (entity, link_id, system),
  CONSTRAINT id_map_not_empty CHECK (length(entity) > 0 AND length(system) > 0 AND length(record_id) > 0)
);

COMMENT ON TABLE crm_sync.id_map IS
  'id map node: the ids of one record in each system (salesforce, monday, ...), grouped by link_id.';
