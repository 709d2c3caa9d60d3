/**
 * Snapshots in PostgreSQL, table crm_sync.record_snapshot (migration 0200_snapshots.sql), over the
 * shared Queryable contract (a pg Pool or PGlite). One row per entity and system; every row of an
 * entity carries the same merged record, written in one statement so a reader never sees half a save.
 */
import { CrmError } from '../errors';
import { STORE_SCHEMA } from '../store';
import type { Queryable } from '../store';
import type { SnapshotStore } from './snapshot-store';
import type { FieldValues, Snapshot } from './types';

const TABLE = `${STORE_SCHEMA}.record_snapshot`;

interface Row {
  system: string;
  snapshot: FieldValues | string;
  hash: string;
  updated_at: Date | string;
}

const MISSING_RELATION = new Set(['42P01', '3F000']);

function storeError(err: unknown, action: string): CrmError {
  const e = err as { code?: string; message?: string };
  if (e.code && MISSING_RELATION.has(e.code)) {
    return new CrmError('SNAPSHOT_STORE_MISSING', `The snapshot table ${TABLE} does not exist: apply the package's database migrations (0200_snapshots.sql).`, {
      params: { table: TABLE },
      cause: err,
    });
  }
  const reason = e.message ?? String(err);
  return new CrmError('SNAPSHOT_STORE_FAILED', `Could not ${action} the snapshot in PostgreSQL: ${reason}`, {
    retryable: true,
    params: { action, reason },
    details: { pgCode: e.code },
    cause: err,
  });
}

export class PgSnapshotStore implements SnapshotStore {
  readonly kind = 'postgres';

  constructor(private readonly db: Queryable) {}

  async load(key: string): Promise<Snapshot | undefined> {
    let rows: Row[];
    try {
      const result = await this.db.query<Row>(`SELECT system, snapshot, hash, updated_at FROM ${TABLE} WHERE entity_key = $1 ORDER BY updated_at DESC, system`, [key]);
      rows = result.rows;
    } catch (err) {
      throw storeError(err, 'load');
    }
    if (rows.length === 0) return undefined;
    const latest = rows[0];
    const record = typeof latest.snapshot === 'string' ? (JSON.parse(latest.snapshot) as FieldValues) : latest.snapshot;
    const hashes: Record<string, string> = {};
    for (const row of rows) hashes[row.system] = row.hash;
    const updatedAt = latest.updated_at instanceof Date ? latest.updated_at.toISOString() : String(latest.updated_at);
    return { key, record, hashes, updatedAt };
  }

  async save(key: string, snapshot: Snapshot): Promise<void> {
    const systems = Object.keys(snapshot.hashes).sort();
    if (systems.length === 0) return;
    const text = JSON.stringify(snapshot.record);
    try {
      await this.db.query(
        `INSERT INTO ${TABLE} (entity_key, system, snapshot, hash, updated_at)
         SELECT $1, s.system, $2::jsonb, s.hash, now() FROM unnest($3::text[], $4::text[]) AS s(system, hash)
         ON CONFLICT (entity_key, system) DO UPDATE
           SET snapshot = EXCLUDED.snapshot, hash = EXCLUDED.hash, updated_at = EXCLUDED.updated_at`,
        [key, text, systems, systems.map((s) => snapshot.hashes[s])],
      );
    } catch (err) {
      throw storeError(err, 'save');
    }
  }
}
