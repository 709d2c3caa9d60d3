/**
 * The dedupe index in PostgreSQL (tables from migration 0100_dedupe_index.sql, schema crm_sync).
 * Works over any `Queryable` (a pg Pool, PGlite). A run's writes go in one transaction, so a failed
 * batch leaves the index as it was; values are always passed as parameters.
 */
import { CrmError } from '../errors';
import { inTransaction } from '../store';
import type { Queryable } from '../store';
import type { DedupeIndex, IndexCandidate, IndexChange, IndexedRecord } from './index-store';

/** Keys per look-up and records per write: big enough to be few round trips, small enough for PG limits. */
const KEY_CHUNK = 2000;
const WRITE_CHUNK = 500;

const CANDIDATES_SQL = `
SELECT r.record_id, r.cluster_id, r.fields, r.record
  FROM crm_sync.dedupe_record r
 WHERE r.namespace = $1
   AND r.record_id IN (
     SELECT b.record_id
       FROM unnest($2::text[]) AS k(block_key)
       CROSS JOIN LATERAL (
         SELECT record_id FROM crm_sync.dedupe_block
          WHERE namespace = $1 AND block_key = k.block_key
          LIMIT $3
       ) b)`;

const UPSERT_SQL = `
WITH data AS (
  SELECT x.id, x.cluster_id, x.fields, x.record, x.keys
    FROM jsonb_to_recordset($2::jsonb) AS x(id text, cluster_id text, fields jsonb, record jsonb, keys text[])
), rec AS (
  INSERT INTO crm_sync.dedupe_record (namespace, record_id, cluster_id, fields, record)
  SELECT $1, id, cluster_id, fields, record FROM data
  ON CONFLICT (namespace, record_id) DO UPDATE
     SET cluster_id = EXCLUDED.cluster_id, fields = EXCLUDED.fields, record = EXCLUDED.record, updated_at = now()
  RETURNING record_id
), stale AS (
  DELETE FROM crm_sync.dedupe_block b USING data d
   WHERE b.namespace = $1 AND b.record_id = d.id AND NOT (b.block_key = ANY (d.keys))
)
INSERT INTO crm_sync.dedupe_block (namespace, block_key, record_id)
SELECT $1, k.block_key, d.id FROM data d CROSS JOIN LATERAL unnest(d.keys) AS k(block_key)
ON CONFLICT DO NOTHING`;

interface Row {
  record_id: string;
  cluster_id: string;
  fields: Record<string, string> | string;
  record: unknown;
}

function json<T>(v: T | string): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v;
}

/** Table or schema missing means migrations did not run: a setup problem the user can fix. */
function mapError(err: unknown, action: string): CrmError {
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === '42P01' || code === '3F000') {
    return new CrmError('DEDUPE_INDEX_MISSING', `The dedupe index tables are missing (${message}); run the package's database migrations.`, { cause: err });
  }
  return new CrmError('DEDUPE_INDEX_FAILED', `Dedupe index ${action} failed: ${message}`, { retryable: true, params: { action }, cause: err });
}

/** jsonb cannot hold U+0000, which dirty CRM exports do contain: drop it rather than fail the batch. */
function withoutNul(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000') ? value.split('\u0000').join('') : value;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class PgDedupeIndex implements DedupeIndex {
  constructor(private readonly db: Queryable) {}

  async candidates(namespace: string, keys: string[], perKeyLimit: number): Promise<IndexCandidate[]> {
    const out = new Map<string, IndexCandidate>();
    try {
      for (const part of chunks([...new Set(keys)], KEY_CHUNK)) {
        const res = await this.db.query<Row>(CANDIDATES_SQL, [namespace, part, perKeyLimit]);
        for (const r of res.rows) out.set(r.record_id, { id: r.record_id, clusterId: r.cluster_id, values: json(r.fields), record: json(r.record) });
      }
    } catch (err) {
      throw mapError(err, 'look-up');
    }
    return [...out.values()];
  }

  async upsert(namespace: string, records: IndexedRecord[]): Promise<void> {
    await this.save(namespace, { records, relabels: [] });
  }

  async relabel(namespace: string, from: string[], into: string): Promise<void> {
    await this.save(namespace, { records: [], relabels: [{ from, into }] });
  }

  /** All of a run's index changes in one transaction: a failure leaves the index as it was, so a retry is safe. */
  async save(namespace: string, change: IndexChange): Promise<void> {
    try {
      await inTransaction(this.db, async (q) => {
        for (const { from, into } of change.relabels) {
          if (from.length === 0) continue;
          await q.query('UPDATE crm_sync.dedupe_record SET cluster_id = $3, updated_at = now() WHERE namespace = $1 AND cluster_id = ANY ($2::text[])', [namespace, from, into]);
        }
        for (const part of chunks(change.records, WRITE_CHUNK)) {
          const data = part.map((r) => ({ id: r.id, cluster_id: r.clusterId, fields: r.values, record: r.record ?? null, keys: r.keys }));
          await q.query(UPSERT_SQL, [namespace, JSON.stringify(data, withoutNul)]);
        }
      });
    } catch (err) {
      throw mapError(err, 'update');
    }
  }

  async size(namespace: string): Promise<number> {
    try {
      const res = await this.db.query<{ n: string | number }>('SELECT count(*) AS n FROM crm_sync.dedupe_record WHERE namespace = $1', [namespace]);
      return Number(res.rows[0]?.n ?? 0);
    } catch (err) {
      throw mapError(err, 'look-up');
    }
  }

  async clear(namespace: string): Promise<void> {
    try {
      await this.db.query('DELETE FROM crm_sync.dedupe_record WHERE namespace = $1', [namespace]);
    } catch (err) {
      throw mapError(err, 'update');
    }
  }
}
