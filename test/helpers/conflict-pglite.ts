/** An in-memory PGlite with the conflict snapshot migration applied, seen through the shared Queryable contract. */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Queryable } from '../../src/core/store';

export const SNAPSHOT_MIGRATION = path.resolve(__dirname, '..', '..', 'src', 'connectors', 'postgres', 'migrations', '0200_snapshots.sql');

/** PGlite reports affectedRows; the shared contract wants rowCount. */
export function queryable(db: PGlite): Queryable {
  return {
    query: async <R>(text: string, params?: unknown[]) => {
      const r = await db.query<R>(text, params as never);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  };
}

export async function snapshotDb(): Promise<PGlite> {
  const db = new PGlite();
  await db.exec(fs.readFileSync(SNAPSHOT_MIGRATION, 'utf8'));
  return db;
}
