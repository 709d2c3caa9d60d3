-- Sync and error logs written by the pg logger node. Runs with search_path = crm_sync.

CREATE TABLE crm_sync.sync_log (
  id          bigserial PRIMARY KEY,
  time        timestamptz NOT NULL DEFAULT now(),
  flow_id     text,
  node_id     text,
  direction   text,
  system      text,
  object      text,
  record_id   text,
  external_id text,
  event       text,
  status      text NOT NULL CHECK (status IN ('success', 'failed', 'skipped')),
  message     text,
  payload     jsonb,
  duration_ms integer CHECK (duration_ms IS NULL OR duration_ms >= 0)
);

COMMENT ON TABLE crm_sync.sync_log IS 'One row per synced record event, written by crm-pg-logger';

-- Recent activity and retention (DELETE ... WHERE time < ...).
CREATE INDEX sync_log_time_idx ON crm_sync.sync_log (time);
-- History of one record: WHERE system = $1 AND object = $2 AND record_id = $3 ORDER BY time.
CREATE INDEX sync_log_record_idx ON crm_sync.sync_log (system, object, record_id, time);
-- Look-ups by the other system's id.
CREATE INDEX sync_log_external_idx ON crm_sync.sync_log (external_id) WHERE external_id IS NOT NULL;
-- Failure dashboards stay fast when successes dominate.
CREATE INDEX sync_log_failed_idx ON crm_sync.sync_log (time) WHERE status = 'failed';

CREATE TABLE crm_sync.error_log (
  id         bigserial PRIMARY KEY,
  time       timestamptz NOT NULL DEFAULT now(),
  node_id    text,
  node_type  text,
  node_name  text,
  flow_id    text,
  error_code text,
  message    text NOT NULL,
  stack      text,
  msg        jsonb
);

COMMENT ON TABLE crm_sync.error_log IS 'Flow errors (e.g. from a Catch node), written by crm-pg-logger';

CREATE INDEX error_log_time_idx ON crm_sync.error_log (time);
CREATE INDEX error_log_node_idx ON crm_sync.error_log (node_id, time);
CREATE INDEX error_log_code_idx ON crm_sync.error_log (error_code, time) WHERE error_code IS NOT NULL;
